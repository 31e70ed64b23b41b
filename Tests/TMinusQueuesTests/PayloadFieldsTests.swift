import TMinusCore
import TMinusQueues
import Testing

/// `payloadFields(_:in:)` and `deadLetterCount(in:)`: what inspection reads without decoding rows.
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
        #expect(try queue.deadLetterCount(in: workQueue) == 0)
        for key in ["a", "b", "c"] {
            try queue.enqueue(workMessage(key), now: fixture.now)
            let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
            _ = try queue.retry(leased.lease, now: fixture.now, error: "boom")
        }
        try queue.enqueue(workMessage("live"), now: fixture.now)
        #expect(try queue.deadLetterCount(in: workQueue) == 3)
        #expect(try queue.deadLetterCount(in: workQueue) == queue.deadLetters(in: workQueue).count)
        #expect(try queue.deadLetterCount(in: QueueName("other")) == 0)
    }
}
