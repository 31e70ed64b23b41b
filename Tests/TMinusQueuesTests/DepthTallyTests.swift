import TMinusCore
@testable import TMinusQueues
import TMinusSQLite
import Testing

/// ``DurableQueue/depths(for:)`` answers from the queue's own tally (``DepthTally``) while only
/// its operations wrote: after every operation of seeded workloads — including operations that do
/// not report their change (dead-letter replay, dedup pruning, an enqueue inside the caller's
/// transaction that rolls back) and expired leases on their last attempt — the answer must equal a
/// read of the rows.
struct DepthTallyTests {
    @Test(arguments: UInt64(1)...16)
    func tallyEqualsTheRowsAfterEveryOperation(seed: UInt64) throws {
        let fixture = QueueFixture(
            configurations: [workConfiguration(visibilityTimeout: .seconds(40), maxAttempts: 2)]
                + QueueConfiguration.seedDefaults)
        let queue = try fixture.open()
        let random = RandomSource(seed: seed)
        let queues = [workQueue, .sync, QueueName("unused")]
        var now = fixture.now
        var leases: [MessageLease] = []
        var tallied = 0
        for step in 0..<200 {
            switch random.below(10) {
            case 0, 1:
                let delay = Duration.seconds(Int64(random.below(3)) * 30)
                try queue.enqueue(workMessage("m\(step)", dedupKey: "k\(random.below(40))", delay: delay), now: now)
            case 2:
                let sync = OutgoingMessage(queue: .sync, type: MessageType("SYNC"), payload: [:], traceID: "t\(step)")
                try queue.enqueue([sync, workMessage("b\(step)")], now: now)
            case 3:
                let from = random.chance(Ratio(2, 3)) ? workQueue : QueueName.sync
                leases += try queue.receive(from: from, now: now, maxMessages: Int(random.below(3)) + 1).map(\.lease)
            case 4 where !leases.isEmpty:
                let lease = leases.remove(at: Int(random.below(UInt64(leases.count))))
                switch random.below(4) {
                case 0: try queue.ack(lease)
                case 1: try queue.retry(lease, now: now, error: "boom")
                case 2: try queue.deadLetter(lease, now: now, error: "never")
                default: try queue.release(lease, now: now)
                }
            case 5:
                try queue.replayDeadLetters(from: workQueue, now: now)
            case 6:
                try queue.pruneExpiredDedupKeys(now: now)
            case 7:
                // Stored inside a transaction of the caller that then rolls back.
                try? queue.connection.inTransaction(.immediate) {
                    try queue.enqueue([workMessage("r\(step)")], now: now, in: queue.connection)
                    throw CallerGaveUp()
                }
            default:
                now = now.adding(.seconds(Int64(random.below(90))))
            }
            if queue.depthTally?.stamp == queue.connection.changeStamp { tallied += 1 }
            #expect(try queue.depths(for: queues) == queue.readDepths(for: queues), "seed \(seed), step \(step)")
        }
        #expect(tallied > 50, "seed \(seed): the tally answered only \(tallied) of 200 times")
    }

    @Test func tallyAnswersWithoutSQLWhileOnlyTheQueueWrote() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        _ = try queue.depths(for: [workQueue])
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let leased = try queue.receive(from: workQueue, now: fixture.now)
        try queue.ack(leased[0].lease)
        try queue.enqueue(workMessage("b"), now: fixture.now)
        var statements: [String] = []
        queue.connection.sqlRecorder = { statements.append($0) }
        let depths = try queue.depths(for: [workQueue, .sync])
        queue.connection.sqlRecorder = nil
        #expect(statements.isEmpty)
        #expect(depths[0] == QueueDepth(queue: workQueue, depth: 1, deadLettered: 0, delivered: 1))
        #expect(depths[1] == QueueDepth(queue: .sync, depth: 0, deadLettered: 0, delivered: 0))
    }

    @Test func rowsChangedBehindTheQueuesBackAreReadAgain() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue([workMessage("a"), workMessage("b")], now: fixture.now)
        #expect(try queue.depths(for: [workQueue])[0].depth == 2)
        try queue.connection.execute("DELETE FROM queue_messages WHERE rowid = (SELECT min(rowid) FROM queue_messages)")
        #expect(try queue.depths(for: [workQueue])[0].depth == 1)
    }
}

/// A caller's own failure that rolls its transaction back.
private struct CallerGaveUp: Error {}
