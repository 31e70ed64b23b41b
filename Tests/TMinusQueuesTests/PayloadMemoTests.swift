import TMinusCore
import TMinusQueues
import TMinusSQLite
import Testing

/// A lease takes the payload the queue serialized at enqueue instead of parsing the stored text
/// (``PayloadMemo``); what it hands out must be what a parse of the stored text gives, byte for byte.
struct PayloadMemoTests {
    private static let texts = ["plain", "é", "e\u{301}", "🚀 \"quoted\" \\ \n", "\u{0}\u{1F}", ""]

    private static func payload(_ random: RandomSource, _ step: Int) -> JSONValue {
        let text = texts[Int(random.below(UInt64(texts.count)))]
        return .object([
            "key": .string("m\(step)"), "title": .string(text + "\(random.below(1000))"),
            "n": .int(Int64(bitPattern: random.next())), "list": .array([.bool(true), .null, .string(text)]),
        ])
    }

    @Test(arguments: UInt64(1)...8)
    func leasedPayloadsAreWhatParsingTheStoredTextGives(seed: UInt64) throws {
        let fixture = QueueFixture(configurations: [workConfiguration(maxAttempts: 3)])
        let queue = try fixture.open()
        let random = RandomSource(seed: seed)
        var leases: [LeasedMessage] = []
        var checked = 0
        for step in 0..<120 {
            switch random.below(4) {
            case 0, 1:
                let message = OutgoingMessage(
                    queue: workQueue, type: MessageType("WORK"), payload: Self.payload(random, step), traceID: "t\(step)")
                try queue.enqueue(message, now: fixture.now)
            case 2:
                for leased in try queue.receive(from: workQueue, now: fixture.now, maxMessages: 2) {
                    let stored = try #require(
                        try queue.connection.scalar(
                            "SELECT payload FROM queue_messages WHERE id = ?", [.text(leased.message.id)], as: String.self))
                    let parsed = try StableJSON.parse(stored)
                    #expect(leased.message.payload == parsed, "seed \(seed), step \(step)")
                    #expect(StableJSON.serialize(leased.message.payload) == stored, "seed \(seed), step \(step)")
                    #expect(sameStrings(leased.message.payload, parsed), "seed \(seed), step \(step)")
                    checked += 1
                    leases.append(leased)
                }
            default:
                guard !leases.isEmpty else { continue }
                let leased = leases.removeFirst()
                if random.below(2) == 0 {
                    try queue.ack(leased.lease)
                } else {
                    try queue.release(leased.lease, now: fixture.now)
                }
            }
        }
        #expect(checked > 10, "seed \(seed)")
    }

    @Test func aPayloadChangedInTheDatabaseIsParsedNotTakenFromMemory() throws {
        let fixture = QueueFixture(configurations: [workConfiguration(maxAttempts: 3)])
        let queue = try fixture.open()
        try queue.enqueue(workMessage("original"), now: fixture.now)
        try queue.connection.execute("UPDATE queue_messages SET payload = ?", [.text(#"{"key":"changed"}"#)])
        let leased = try queue.receive(from: workQueue, now: fixture.now)
        #expect(leased.map(\.message.payload) == [.object(["key": .string("changed")])])
    }

    /// Every string of `a` and `b`, keys included, in the same bytes.
    private func sameStrings(_ a: JSONValue, _ b: JSONValue) -> Bool {
        StableJSON.serializedBytes(a) == StableJSON.serializedBytes(b)
    }
}
