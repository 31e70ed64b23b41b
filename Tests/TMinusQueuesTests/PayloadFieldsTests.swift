import Foundation
import TMinusCore
import TMinusQueues
import TMinusSQLite
import Testing

/// `payloadFields(_:in:)` and `depths(for:)`: what inspection reads without decoding rows.
struct PayloadFieldsTests {
    private func message(_ payload: JSONValue) -> OutgoingMessage {
        OutgoingMessage(queue: workQueue, type: MessageType("WORK"), payload: payload, traceID: nil, dedupKey: nil, delay: .zero)
    }

    @Test func readsTextFieldsOfLiveMessagesThenDeadLettersInTheirOrder() throws {
        let fixture = QueueFixture(configurations: [workConfiguration(maxAttempts: 1)])
        let queue = try fixture.open()
        try queue.enqueue(message(["key": "dead", "other": "x"]), now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        #expect(try queue.retry(leased.lease, now: fixture.now, error: "boom") == .deadLettered)
        try queue.enqueue(message(["key": "first", "other": 7]), now: fixture.now)
        try queue.enqueue(message(["other": "no key"]), now: fixture.now)
        try queue.enqueue(message(["key": "with \"quotes\" and é", "other": .null]), now: fixture.now.adding(.seconds(60)))
        let fields = try queue.payloadFields(["key", "other"], in: workQueue)
        #expect(fields == [["first", nil], [nil, "no key"], ["with \"quotes\" and é", nil], ["dead", "x"]])
        // The same values as decoding every payload.
        let decoded = try (queue.messages(in: workQueue) + queue.deadLetters(in: workQueue).map(\.message)).map(payloadKey)
        #expect(fields.map { $0[0] } == decoded)
        #expect(try queue.payloadFields(["key"], in: QueueName("other")).isEmpty)
    }

    @Test func countsDeadLettersPerQueueWithoutReadingThem() throws {
        let fixture = QueueFixture(configurations: [workConfiguration(maxAttempts: 1)])
        let queue = try fixture.open()
        func dead(_ name: QueueName) throws -> Int { try queue.depths(for: [name])[0].deadLettered }
        #expect(try dead(workQueue) == 0)
        for key in ["a", "b", "c"] {
            try queue.enqueue(workMessage(key), now: fixture.now)
            let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
            _ = try queue.retry(leased.lease, now: fixture.now, error: "boom")
        }
        try queue.enqueue(workMessage("live"), now: fixture.now)
        #expect(try dead(workQueue) == 3)
        #expect(try dead(workQueue) == queue.deadLetters(in: workQueue).count)
        #expect(try dead(QueueName("other")) == 0)
    }
}

/// The fields read are remembered by message ID; after every operation of seeded workloads (new,
/// leased, acknowledged and dead-lettered messages, rows with invalid JSON) the answer must be a
/// fresh queue's on the same file, which remembers nothing.
struct PayloadFieldsMemoTests {
    @Test(arguments: UInt64(1)...6)
    func rememberedFieldsAnswerLikeAFreshRead(seed: UInt64) throws {
        try withTemporaryDirectory(testName: "payload-fields-\(seed)") { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture(configurations: [workConfiguration(maxAttempts: 2)])
            let queue = try fixture.open(path)
            let random = RandomSource(seed: seed)
            var leases: [MessageLease] = []
            for step in 0..<90 {
                switch random.below(6) {
                case 0, 1:
                    let key: JSONValue = random.below(4) == 0 ? .int(Int64(step)) : .string("k\(step)")
                    var payload: [String: JSONValue] = ["other": .string("o\(random.below(5))")]
                    if random.below(5) != 0 { payload["key"] = key }
                    try queue.enqueue(
                        OutgoingMessage(queue: workQueue, type: MessageType("WORK"), payload: .object(payload), traceID: nil),
                        now: fixture.now)
                case 2:
                    leases += try queue.receive(from: workQueue, now: fixture.now, maxMessages: 2).map(\.lease)
                case 3 where !leases.isEmpty:
                    let lease = leases.removeFirst()
                    if random.below(2) == 0 {
                        try queue.ack(lease)
                    } else {
                        try queue.retry(lease, now: fixture.now, error: "boom", retryAfter: .zero)
                    }
                case 4 where random.below(4) == 0:
                    try queue.connection.execute(
                        """
                        INSERT INTO queue_messages (id, queue, type, trace_id, enqueued_at, attempt, deliveries, payload,
                            dedup_key, visible_at, lease, last_error)
                        VALUES (?, ?, 'WORK', 't', 0, 0, 0, '{not json', NULL, 9e18, NULL, NULL)
                        """, [.text("msg_invalid_\(step)"), .text(workQueue.rawValue)])
                default:
                    break
                }
                let fresh = try fixture.open(path)
                #expect(
                    try queue.payloadFields(["key", "other"], in: workQueue)
                        == fresh.payloadFields(["key", "other"], in: workQueue), "seed \(seed), step \(step)")
                #expect(try queue.payloadFields(["other"], in: workQueue) == fresh.payloadFields(["other"], in: workQueue))
                fresh.close()
            }
            #expect(try !queue.payloadFields(["key"], in: workQueue).isEmpty, "seed \(seed)")
        }
    }
}
