import TMinusCore
import TMinusQueues
import TMinusSQLite
import Testing

/// A broker that loses acknowledgements (the `queue-redelivery` fault): the consumer believes it
/// acknowledged, yet the message comes back when its lease expires.
struct LostAcknowledgementTests {
    /// Loses the first `count` acknowledgements.
    final class LosesFirst: DeliveryFaults {
        private let remaining: LockedBox<Int>
        init(_ count: Int) { remaining = LockedBox(count) }
        func losesAcknowledgement(onQueue queue: String) -> Bool {
            remaining.withLock {
                guard $0 > 0 else { return false }
                $0 -= 1
                return true
            }
        }
    }

    func open(_ fixture: QueueFixture, losing count: Int) throws -> DurableQueue {
        let connection = try Connection(path: ":memory:")
        try QueueSchema.migrator.migrate(connection)
        return try DurableQueue(
            connection: connection, ids: fixture.ids, random: fixture.random, trace: fixture.trace,
            configurations: fixture.configurations, delivery: LosesFirst(count))
    }

    @Test func aLostAcknowledgementBringsTheMessageBackWhenItsLeaseExpires() throws {
        let fixture = QueueFixture()
        let queue = try open(fixture, losing: 1)
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let first = try queue.receive(from: workQueue, now: fixture.now)
        #expect(try queue.ack(first[0].lease) == .acknowledged, "the consumer cannot tell")
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(29))).isEmpty)
        let again = try queue.receive(from: workQueue, now: testStart.adding(.seconds(30)))
        #expect(again.map(\.message.id) == first.map(\.message.id))
        #expect(again.first?.message.attempt == 2)
        #expect(try queue.ack(again[0].lease) == .acknowledged)
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(300))).isEmpty)
        #expect(fixture.trace.records.contains { $0.hasPrefix("queue ack-lost work") })
    }

    @Test func aReliableBrokerNeverRedeliversAnAcknowledgedMessage() throws {
        let fixture = QueueFixture()
        let queue = try open(fixture, losing: 0)
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let first = try queue.receive(from: workQueue, now: fixture.now)
        try queue.ack(first[0].lease)
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(300))).isEmpty)
    }
}
