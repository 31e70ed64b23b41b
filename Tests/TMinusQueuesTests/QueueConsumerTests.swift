import Foundation
import TMinusCore
import TMinusQueues
import Testing

struct QueueConsumerTests {
    private func drainingConsumer(_ fixture: QueueFixture) -> QueueConsumer {
        QueueConsumer(queueName: workQueue, clock: fixture.clock, stopCondition: .whenEmpty)
    }

    @Test func theConsumerAcknowledgesEveryMessageAndStopsWhenTheQueueIsEmpty() async throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue((1...7).map { workMessage("m\($0)") }, now: fixture.now)
        let seen = LockedBox<[String]>([])
        let report = try await drainingConsumer(fixture).run(on: queue) { message in
            seen.withLock { $0.append(payloadKey(message) ?? "?") }
            return .ack
        }
        #expect(seen.withLock { $0.sorted() } == (1...7).map { "m\($0)" })
        #expect(report.acknowledged == 7 && report.delivered == 7 && !report.wasCancelled)
        #expect(report.polls == 4, "batches of 3, 3 and 1, then one empty poll")
        #expect(try queue.depth(of: workQueue) == 0)
        #expect(fixture.now == testStart, "a drain with nothing delayed never sleeps")
    }

    @Test func aThrownErrorIsRetriedAfterTheBackoff() async throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("flaky"), now: fixture.now)
        let calls = LockedBox<[(attempt: Int, at: Timestamp)]>([])
        let clock = fixture.clock
        let report = try await drainingConsumer(fixture).run(on: queue) { message in
            calls.withLock { $0.append((message.attempt, clock.now())) }
            if message.attempt == 1 { throw HandlerFailure(reason: "connection reset") }
            return .ack
        }
        let recorded = calls.withLock { $0 }
        #expect(recorded.map(\.attempt) == [1, 2])
        #expect(report.retried == 1 && report.acknowledged == 1)
        let waited = recorded[1].at.duration(since: recorded[0].at)
        #expect(waited >= .milliseconds(750) && waited <= .seconds(1), "base 1 s with up to 25% jitter removed")
    }

    @Test func retryAfterFromTheHandlerIsHonouredToTheNanosecond() async throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("rate-limited"), now: fixture.now)
        let calls = LockedBox<[Timestamp]>([])
        let clock = fixture.clock
        try await drainingConsumer(fixture).run(on: queue) { message in
            calls.withLock { $0.append(clock.now()) }
            return message.attempt == 1 ? .retry(after: .seconds(42), error: "429") : .ack
        }
        let recorded = calls.withLock { $0 }
        #expect(recorded.count == 2 && recorded[1].duration(since: recorded[0]) == .seconds(42))
    }

    @Test func aMessageThatKeepsFailingIsDeadLetteredWithTheHandlersError() async throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue([workMessage("doomed"), workMessage("fine")], now: fixture.now)
        let report = try await drainingConsumer(fixture).run(on: queue) { message in
            if payloadKey(message) == "doomed" { throw HandlerFailure(reason: "500 on attempt \(message.attempt)") }
            return .ack
        }
        #expect(report.retried == 2 && report.deadLettered == 1 && report.acknowledged == 1)
        #expect(try queue.deadLetters(in: workQueue).map(\.error) == ["handler failed: 500 on attempt 3"])
    }

    @Test func aDeadLetterDecisionSkipsTheRemainingAttempts() async throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("malformed"), now: fixture.now)
        let report = try await drainingConsumer(fixture).run(on: queue) { _ in .deadLetter(error: "no account_id") }
        #expect(report.deadLettered == 1 && report.delivered == 1)
    }

    @Test func batchSizeAndConcurrencyLimitAreRespected() async throws {
        let fixture = QueueFixture(configurations: [workConfiguration(batchSize: 4, concurrencyLimit: 2)])
        let queue = try fixture.open()
        try queue.enqueue((1...10).map { workMessage("m\($0)") }, now: fixture.now)
        let inFlight = LockedBox(0)
        let mostInFlight = LockedBox(0)
        let report = try await drainingConsumer(fixture).run(on: queue) { _ in
            let now = inFlight.withLock { count in
                count += 1
                return count
            }
            mostInFlight.withLock { $0 = max($0, now) }
            // Stay in flight for a while (boundedly) so that overlapping handlers are observed.
            for _ in 0..<1_000 where inFlight.withLock({ $0 }) < 3 { await Task.yield() }
            inFlight.withLock { $0 -= 1 }
            return .ack
        }
        #expect(mostInFlight.withLock { $0 } == 2)
        #expect(report.largestBatch == 4 && report.acknowledged == 10 && report.polls == 4)
    }

    @Test func cancellationStopsCleanlyAndHandsUnfinishedLeasesBack() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture(configurations: [workConfiguration(concurrencyLimit: 1)])
            try fixture.open(path).enqueue((1...3).map { workMessage("m\($0)") }, now: fixture.now)
            let report = try await runUntilFirstHandlerIsCancelled(fixture, path: path, behavior: .releaseLeases)
            #expect(report.wasCancelled && report.released == 3 && report.acknowledged == 0)
            let reopened = try fixture.open(path)
            let stats = try reopened.stats(for: workQueue, now: fixture.now)
            #expect(stats.ready == 3 && stats.total(.released) == 3)
            #expect(try reopened.messages(in: workQueue).map(\.attempt) == [0, 0, 0])
        }
    }

    @Test func aCrashedConsumerSettlesNothingAndItsMessagesComeBackAfterTheTimeout() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("queues.sqlite").path
            let fixture = QueueFixture(configurations: [workConfiguration(concurrencyLimit: 1)])
            try fixture.open(path).enqueue((1...3).map { workMessage("m\($0)") }, now: fixture.now)
            let report = try await runUntilFirstHandlerIsCancelled(fixture, path: path, behavior: .crash)
            #expect(report.wasCancelled && report.acknowledged == 0 && report.released == 0)
            let restarted = try fixture.open(path)
            #expect(try restarted.stats(for: workQueue, now: fixture.now).leased == 3)
            let redelivered = try restarted.receive(from: workQueue, now: fixture.now.adding(.seconds(30)))
            #expect(redelivered.map(\.message.attempt) == [2, 2, 2])
        }
    }

    /// Runs a consumer in its own task on a fresh queue at `path`; its first handler "commits" and
    /// then waits for cancellation, answering `.ack` (which only a clean shutdown may record).
    private func runUntilFirstHandlerIsCancelled(
        _ fixture: QueueFixture, path: String, behavior: QueueConsumer.CancellationBehavior
    ) async throws -> ConsumerReport {
        let started = LockedBox(false)
        let consumer = QueueConsumer(queueName: workQueue, clock: fixture.clock, cancellationBehavior: behavior)
        let task = Task {
            let queue = try fixture.open(path)
            return try await consumer.run(on: queue) { _ in
                started.withLock { $0 = true }
                while !Task.isCancelled { await Task.yield() }
                if behavior == .crash { return .ack }
                throw CancellationError()
            }
        }
        while !started.withLock({ $0 }) { await Task.yield() }
        task.cancel()
        return try await task.value
    }
}
