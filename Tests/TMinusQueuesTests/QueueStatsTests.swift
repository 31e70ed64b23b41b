import TMinusCore
import TMinusQueues
import Testing

/// Snapshots of several queues read at once: each queue's own numbers, in the order asked, and
/// zeros for a queue nobody used.
struct QueueStatsTests {
    @Test func statsOfSeveralQueuesGiveEachQueueItsOwnCountsInTheOrderAsked() throws {
        let fixture = QueueFixture(configurations: [workConfiguration(maxAttempts: 1)] + QueueConfiguration.seedDefaults)
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        try queue.enqueue(workMessage("b"), now: fixture.now)
        try queue.enqueue(workMessage("c", delay: .seconds(60)), now: fixture.now)
        try queue.enqueue(workMessage("d"), now: fixture.now)
        let sync = OutgoingMessage(queue: .sync, type: MessageType("SYNC"), payload: [:], traceID: "t-sync")
        try queue.enqueue(sync, now: fixture.now)
        let leased = try queue.receive(from: workQueue, now: fixture.now, maxMessages: 2)
        #expect(leased.count == 2)
        // The first leased message fails on its only attempt: dead-lettered.
        #expect(try queue.retry(leased[0].lease, now: fixture.now, error: "boom") == .deadLettered)

        let unused = QueueName("unused")
        let all = try queue.stats(for: [.sync, unused, workQueue], now: fixture.now)
        #expect(all.map(\.queue) == [.sync, unused, workQueue])
        let (syncStats, unusedStats, work) = (all[0], all[1], all[2])
        #expect(work.ready == 1 && work.delayed == 1 && work.leased == 1 && work.deadLettered == 1)
        #expect(work.total(.enqueued) == 4 && work.total(.delivered) == 2)
        #expect(work.oldestReadyEnqueuedAt == fixture.now && work.nextVisibleAt != nil)
        #expect(syncStats.ready == 1 && syncStats.depth == 1 && syncStats.deadLettered == 0)
        #expect(syncStats.total(.enqueued) == 1 && syncStats.total(.delivered) == 0)
        #expect(unusedStats.depth == 0 && unusedStats.deadLettered == 0 && unusedStats.totals.isEmpty)
        #expect(unusedStats.oldestReadyEnqueuedAt == nil && unusedStats.nextVisibleAt == nil)
        #expect(try queue.stats(for: workQueue, now: fixture.now) == work)
    }
}
