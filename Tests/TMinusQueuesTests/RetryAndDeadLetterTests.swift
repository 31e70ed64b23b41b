import TMinusCore
import TMinusQueues
import TMinusSQLite
import Testing

struct RetryAndDeadLetterTests {
    /// Fails one message on every delivery, returning the delay each retry scheduled.
    private func failEveryDelivery(
        of queue: DurableQueue, fixture: QueueFixture, attempts: Int
    ) throws -> (delays: [Duration], outcomes: [LeaseOutcome]) {
        var delays: [Duration] = []
        var outcomes: [LeaseOutcome] = []
        for attempt in 1...attempts {
            let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
            #expect(leased.message.attempt == attempt)
            let outcome = try queue.retry(leased.lease, now: fixture.now, error: "503 on attempt \(attempt)")
            outcomes.append(outcome)
            if case .retryScheduled(let at) = outcome {
                delays.append(at.duration(since: fixture.now))
                fixture.clock.set(at)
            }
        }
        return (delays, outcomes)
    }

    @Test(arguments: [1, 2, 3, 99] as [UInt64])
    func retryDelaysFollowTheConfiguredScheduleExactly(seed: UInt64) throws {
        let backoff = BackoffPolicy(base: .seconds(1), cap: .seconds(5), jitter: Ratio(1, 4))
        let fixture = QueueFixture(seed: seed, configurations: [workConfiguration(maxAttempts: 5, backoff: backoff)])
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let (delays, outcomes) = try failEveryDelivery(of: queue, fixture: fixture, attempts: 5)
        let twin = RandomSource(seed: seed &+ 1000)
        let expected = (1...4).map { backoff.delay(afterAttempt: $0, random: twin) }
        #expect(delays == expected, "seed \(seed): one draw per retry from the queue's random source")
        for (attempt, delay) in zip(1..., delays) {
            let ceiling = backoff.ceiling(afterAttempt: attempt)
            #expect(delay <= ceiling && delay >= ceiling - backoff.jitterSpan(afterAttempt: attempt))
        }
        #expect(outcomes.last == .deadLettered)
    }

    @Test func aMessageIsDeadLetteredAfterMaxAttemptsWithItsLastError() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let (_, outcomes) = try failEveryDelivery(of: queue, fixture: fixture, attempts: 3)
        #expect(outcomes.map { if case .retryScheduled = $0 { true } else { false } } == [true, true, false])
        #expect(outcomes.last == .deadLettered)
        #expect(try queue.depth(of: workQueue) == 0)
        let letter = try #require(try queue.deadLetters(in: workQueue).first)
        #expect(letter.error == "503 on attempt 3" && letter.message.lastError == "503 on attempt 3")
        #expect(letter.message.attempt == 3 && letter.deadLetteredAt == fixture.now)
        #expect(payloadKey(letter.message) == "a")
        let stats = try queue.stats(for: workQueue, now: fixture.now)
        #expect(stats.deadLettered == 1 && stats.total(.retried) == 2 && stats.total(.deadLettered) == 1)
        #expect(fixture.trace.records.last == "queue dead-letter work \(letter.message.id)#3")
        #expect(workQueue.deadLetterName == "work.dlq")
    }

    @Test func retryAfterOverridesTheBackoff() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        let outcome = try queue.retry(leased.lease, now: fixture.now, error: "429", retryAfter: .seconds(120))
        #expect(outcome == .retryScheduled(at: testStart.adding(.seconds(120))))
        #expect(try queue.receive(from: workQueue, now: testStart.adding(.seconds(119))).isEmpty)
        let again = try queue.receive(from: workQueue, now: testStart.adding(.seconds(120)))
        #expect(again.first?.message.lastError == "429")
    }

    @Test func aDeadLetterDecisionMovesTheMessageAtOnce() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        let leased = try #require(try queue.receive(from: workQueue, now: fixture.now).first)
        #expect(try queue.deadLetter(leased.lease, now: fixture.now, error: "malformed payload") == .deadLettered)
        #expect(try queue.deadLetters(in: workQueue).map(\.error) == ["malformed payload"])
    }

    @Test func aLeaseThatExpiresOnTheLastAttemptIsDeadLettered() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("poison"), now: fixture.now)
        for attempt in 1...3 {
            let leased = try queue.receive(from: workQueue, now: fixture.now)
            #expect(leased.map(\.message.attempt) == [attempt], "each crash of the consumer spends one attempt")
            fixture.clock.advance(by: .seconds(30))
        }
        #expect(try queue.receive(from: workQueue, now: fixture.now).isEmpty)
        let letter = try #require(try queue.deadLetters(in: workQueue).first)
        #expect(letter.error.hasPrefix("lease of attempt 3 of 3 expired unsettled"))
    }

    @Test func replayPutsDeadLettersBackWithTheAttemptCountReset() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        let stored = try queue.enqueue([workMessage("a"), workMessage("b"), workMessage("c")], now: fixture.now)
        for leased in try queue.receive(from: workQueue, now: fixture.now) {
            let key = payloadKey(leased.message) ?? ""
            try queue.deadLetter(leased.lease, now: fixture.now, error: "gave up on \(key)")
        }
        let later = testStart.adding(.seconds(600))
        #expect(try queue.replayDeadLetters(from: workQueue, ids: [stored[1].messageID, "msg_unknown"], now: later)
            == [stored[1].messageID])
        #expect(try queue.deadLetters(in: workQueue).compactMap { payloadKey($0.message) } == ["a", "c"])
        let replayed = try #require(try queue.receive(from: workQueue, now: later).first)
        #expect(replayed.message.id == stored[1].messageID && payloadKey(replayed.message) == "b")
        #expect(replayed.message.attempt == 1 && replayed.message.lastError == "gave up on b")
        #expect(replayed.message.enqueuedAt == testStart && replayed.message.traceID == "trace-b")
        #expect(try queue.replayDeadLetters(from: workQueue, now: later).count == 2)
        #expect(try queue.deadLetters(in: workQueue).isEmpty)
        #expect(try queue.stats(for: workQueue, now: later).total(.replayed) == 3)
    }

    @Test func aReplayedMessageGetsItsFullAttemptsAgain() throws {
        let fixture = QueueFixture()
        let queue = try fixture.open()
        try queue.enqueue(workMessage("a"), now: fixture.now)
        _ = try failEveryDelivery(of: queue, fixture: fixture, attempts: 3)
        try queue.replayDeadLetters(from: workQueue, now: fixture.now)
        let (_, outcomes) = try failEveryDelivery(of: queue, fixture: fixture, attempts: 3)
        #expect(outcomes.last == .deadLettered)
    }
}
