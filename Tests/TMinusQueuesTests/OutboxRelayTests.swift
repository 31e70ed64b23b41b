import Foundation
import TMinusCore
import TMinusQueues
import Testing

struct OutboxRelayTests {
    @Test func aPassMovesEntriesIntoTheQueueKeyedByTheirOutboxID() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let outbox = FakeOutbox()
        outbox.add(["a", "b"])
        let report = try OutboxRelay().relayOnce(from: outbox, to: queue, now: fixture.now)
        #expect(report.enqueued == 2 && report.duplicates == 0)
        #expect(outbox.entries.isEmpty)
        let messages = try queue.messages(in: workQueue)
        #expect(messages.map(\.dedupKey) == ["obx_a", "obx_b"] && messages.map(\.effectKey) == ["obx_a", "obx_b"])
        #expect(messages.compactMap(payloadKey) == ["a", "b"])
    }

    @Test func anEmptyOutboxMovesNothing() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        #expect(try OutboxRelay().relayOnce(from: FakeOutbox(), to: queue, now: fixture.now) == RelayReport())
    }

    @Test func aCrashBetweenEnqueueAndRemovalDoesNotDuplicate() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture()
            let outbox = FakeOutbox()
            outbox.add(["a", "b", "c"])
            let queue = try fixture.open(path)
            outbox.failRemoval = HandlerFailure(reason: "killed after the enqueue committed")
            let error = #expect(throws: OutboxRelayError.self) {
                try OutboxRelay().relayOnce(from: outbox, to: queue, now: fixture.now)
            }
            #expect(error?.description.contains("the next pass retries") == true)
            queue.abandonForCrashTest()

            outbox.failRemoval = nil
            outbox.add(["d"])
            let restarted = try fixture.open(path)
            let report = try OutboxRelay().relayOnce(from: outbox, to: restarted, now: fixture.now.adding(.seconds(5)))
            #expect(report.duplicates == 3 && report.enqueued == 1)
            #expect(outbox.entries.isEmpty)
            #expect(try restarted.messages(in: workQueue).compactMap(payloadKey) == ["a", "b", "c", "d"])
        }
    }

    @Test func aReplayAfterTheMessageWasAlreadyConsumedStillDoesNotDuplicate() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let outbox = FakeOutbox()
        outbox.add(["a"])
        outbox.failRemoval = HandlerFailure(reason: "killed")
        _ = try? OutboxRelay().relayOnce(from: outbox, to: queue, now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        try queue.ack(leased.lease)
        outbox.failRemoval = nil
        let report = try OutboxRelay().relayOnce(from: outbox, to: queue, now: testStart.adding(.seconds(3600)))
        #expect(report.duplicates == 1 && report.enqueued == 0)
        #expect(try queue.depth(of: workQueue) == 0)
    }

    @Test func aRefusingQueueLeavesTheOutboxIntactForTheNextPass() throws {
        let fixture = QueueFixture()
        let outbox = FakeOutbox()
        outbox.add(["a", "b"])
        let broken = try fixture.open()
        broken.close()
        let error = #expect(throws: OutboxRelayError.self) {
            try OutboxRelay().relayOnce(from: outbox, to: broken, now: fixture.now)
        }
        guard case .queue(.database)? = error else {
            Issue.record("expected a queue database error, got \(String(describing: error))")
            return
        }
        #expect(outbox.entries.map(\.outboxID) == ["obx_a", "obx_b"])
        let queue = try fixture.open()
        #expect(try OutboxRelay().relayOnce(from: outbox, to: queue, now: fixture.now).enqueued == 2)
    }

    @Test func drainRunsPassesOfTheBatchSizeUntilTheOutboxIsEmpty() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let outbox = FakeOutbox()
        outbox.add((1...5).map { "m\($0)" })
        let report = try OutboxRelay(batchSize: 2).drain(from: outbox, to: queue, now: fixture.now)
        #expect(report.enqueued == 5 && report.moved == 5)
        #expect(outbox.reads == 4, "three passes of at most two entries, then one that finds the outbox empty")
        #expect(try queue.messages(in: workQueue).compactMap(payloadKey) == ["m1", "m2", "m3", "m4", "m5"])
    }
}
