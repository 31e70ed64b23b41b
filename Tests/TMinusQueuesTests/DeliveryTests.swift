import Foundation
import TMinusCore
import TMinusQueues
import TMinusSQLite
import Testing

struct DeliveryTests {
    @Test func receiveLeasesVisibleMessagesInEnqueueOrderUpToTheBatchSize() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue((1...5).map { workMessage("m\($0)") }, now: fixture.now)
        let first = try queue.receive(from: workQueue, now: fixture.now)
        let second = try queue.receive(from: workQueue, now: fixture.now)
        let third = try queue.receive(from: workQueue, now: fixture.now)
        #expect(first.map(\.message).compactMap(payloadKey) == ["m1", "m2", "m3"], "batch size 3")
        #expect(second.map(\.message).compactMap(payloadKey) == ["m4", "m5"])
        #expect(third.isEmpty, "leased messages are invisible")
        #expect(first.allSatisfy { $0.message.attempt == 1 && $0.leasedUntil == testStart.adding(.seconds(30)) })
        #expect(try queue.receive(from: workQueue, now: fixture.now, maxMessages: 1).isEmpty)
    }

    @Test func anIdlePollOfASoleOwnerReadsOnceAndWritesNothing() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("later", delay: .seconds(10)), now: fixture.now)
        var sql: [String] = []
        queue.connection.sqlRecorder = { sql.append($0) }
        #expect(try queue.receive(from: workQueue, now: fixture.now).isEmpty)
        #expect(sql.count == 1 && sql.allSatisfy { $0.hasPrefix("SELECT") })
        sql = []
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(10))).count == 1)
        #expect(sql.contains("BEGIN IMMEDIATE TRANSACTION") && sql.contains("COMMIT TRANSACTION"))
    }

    @Test func anIdlePollWhileNothingChangedReadsNothingUntilAMessagesTimeComes() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("later", delay: .seconds(10)), now: fixture.now)
        #expect(try queue.receive(from: workQueue, now: fixture.now).isEmpty)
        var sql: [String] = []
        queue.connection.sqlRecorder = { sql.append($0) }
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(9))).isEmpty)
        #expect(try queue.receive(from: QueueName.sync, now: testStart.adding(.seconds(9))).isEmpty)
        #expect(sql.count == 1, "the sync queue is read once; the work queue, unchanged and not yet due, not at all")
        let due = try queue.receive(from: workQueue, now: testStart.adding(.seconds(10)))
        #expect(due.map(\.message).compactMap(payloadKey) == ["later"], "its time came: read and leased")
    }

    @Test func aMessageEnqueuedOrReleasedAfterAnIdlePollIsReceivedWhenDue() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        #expect(try queue.receive(from: workQueue, now: fixture.now).isEmpty)
        try queue.enqueue(workMessage("new"), now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        #expect(payloadKey(leased.message) == "new")
        _ = try queue.release(leased.lease, now: fixture.now, after: .seconds(5))
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(4))).isEmpty)
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(4))).isEmpty)
        let again = try queue.receive(from: workQueue, now: testStart.adding(.seconds(5)))
        #expect(again.map(\.message).compactMap(payloadKey) == ["new"], "postponed, then due again")
    }

    @Test func anIdlePollOfAFileSharedWithAnotherConnectionAlwaysReads() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queue.sqlite").path
            let fixture = QueueFixture()
            let consumer = try fixture.open(path)
            let producer = try fixture.open(path)
            #expect(try consumer.receive(from: workQueue, now: fixture.now).isEmpty)
            try producer.enqueue(workMessage("from-elsewhere"), now: fixture.now)
            let received = try consumer.receive(from: workQueue, now: fixture.now)
            #expect(received.map(\.message).compactMap(payloadKey) == ["from-elsewhere"])
        }
    }

    @Test func anExplicitLimitAndTimeoutOverrideTheConfiguration() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue((1...5).map { workMessage("m\($0)") }, now: fixture.now)
        let leased = try queue.receive(
            from: workQueue, now: fixture.now, maxMessages: 5, visibilityTimeout: .seconds(7))
        #expect(leased.count == 5 && leased.allSatisfy { $0.leasedUntil == testStart.adding(.seconds(7)) })
    }

    @Test func aDelayedMessageStaysInvisibleUntilItsDelayPasses() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("later", delay: .seconds(10)), now: fixture.now)
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(9))).isEmpty)
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(10))).count == 1)
    }

    @Test func anUnsettledMessageIsDeliveredAgainAfterTheVisibilityTimeout() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let first = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(29))).isEmpty)
        let again = try #require(try queue.receive(from: workQueue, now: testStart.adding(.seconds(30))).first)
        #expect(again.message.id == first.message.id)
        #expect(again.message.attempt == 2 && again.lease.delivery == 2)
        #expect(again.message.lastError == "lease of attempt 1 expired unsettled")
        let stats = try queue.stats(for: workQueue, now: testStart.adding(.seconds(30)))
        #expect(stats.total(.delivered) == 2 && stats.total(.redelivered) == 1)
    }

    @Test func anAcknowledgedMessageIsGoneForGood() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        #expect(try queue.ack(leased.lease) == .acknowledged)
        #expect(try queue.ack(leased.lease) == .leaseLost, "acknowledging twice changes nothing")
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(3600))).isEmpty)
        #expect(try queue.depth(of: workQueue) == 0)
    }

    @Test func aStaleLeaseCannotSettleAMessageReleasedToAnotherConsumer() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let slow = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        let later = testStart.adding(.seconds(31))
        let current = try #require(try queue.receive(from: workQueue, now: later).first)
        #expect(try queue.ack(slow.lease) == .leaseLost)
        #expect(try queue.retry(slow.lease, now: later, error: "late") == .leaseLost)
        #expect(try queue.deadLetter(slow.lease, now: later, error: "late") == .leaseLost)
        #expect(try queue.release(slow.lease, now: later) == .leaseLost)
        #expect(try queue.messages(in: workQueue).map(\.deliveryCount) == [2], "the current lease is untouched")
        #expect(try queue.ack(current.lease) == .acknowledged)
        #expect(fixture.trace.records.contains("queue lease-lost work \(slow.lease)"))
    }

    @Test func anExpiredLeaseNobodyRenewedCanStillAcknowledge() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        #expect(try queue.stats(for: workQueue, now: testStart.adding(.seconds(45))).ready == 1, "the lease expired")
        #expect(try queue.ack(leased.lease) == .acknowledged)
        #expect(try queue.depth(of: workQueue) == 0)
    }

    @Test func aLeaseForAnotherQueueIsStale() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        let forged = MessageLease(queue: .write, messageID: leased.lease.messageID, delivery: leased.lease.delivery)
        #expect(try queue.ack(forged) == .leaseLost)
    }

    @Test func releasingHandsTheMessageBackAtOnceWithoutSpendingAnAttempt() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        #expect(try queue.release(leased.lease, now: fixture.now) == .released)
        let again = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        #expect(again.message.attempt == 1 && again.lease.delivery == 2)
    }

    @Test func postponingHidesTheMessageForTheDelayAndNeverSpendsItsAttempts() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        var now = fixture.now
        for _ in 0..<20 {
            let leased = try #require(try queue.receive(from: workQueue, now: now).first)
            #expect(leased.message.attempt == 1)
            #expect(try queue.release(leased.lease, now: now, after: .seconds(3600)) == .released)
            #expect(try queue.receive(from: workQueue, now: now.adding(.seconds(3599))).isEmpty)
            now = now.adding(.seconds(3600))
        }
        #expect(try queue.deadLetters(in: workQueue).isEmpty)
    }

    @Test func statsCountEveryStateAndTheLag() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue([workMessage("leased"), workMessage("ready")], now: fixture.now)
        try queue.enqueue(workMessage("delayed", delay: .seconds(100)), now: fixture.now.adding(.seconds(1)))
        _ = try queue.receive(from: workQueue, now: fixture.now, maxMessages: 1)
        let now = testStart.adding(.seconds(10))
        let stats = try queue.stats(for: workQueue, now: now)
        #expect(stats.ready == 1 && stats.delayed == 1 && stats.leased == 1 && stats.depth == 3)
        #expect(stats.deadLettered == 0)
        #expect(stats.oldestReadyEnqueuedAt == testStart)
        #expect(stats.nextVisibleAt == testStart.adding(.seconds(30)), "the lease ends before the delay")
        #expect(stats.total(.enqueued) == 3 && stats.total(.delivered) == 1 && stats.total(.acknowledged) == 0)
        #expect(try queue.nextVisibleAt(in: workQueue, after: now) == testStart.adding(.seconds(30)))
        #expect(try queue.oldestVisible(in: workQueue, now: now).flatMap(payloadKey) == "ready")
        #expect(try queue.stats(for: .sync, now: now) == QueueStats(
            queue: .sync, ready: 0, delayed: 0, leased: 0, deadLettered: 0, oldestReadyEnqueuedAt: nil,
            nextVisibleAt: nil, totals: [:]))
    }

    @Test func receivingFromAnUnconfiguredQueueIsRefused() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        #expect(throws: QueueError.self) { try queue.receive(from: QueueName("nowhere"), now: fixture.now) }
    }
}
