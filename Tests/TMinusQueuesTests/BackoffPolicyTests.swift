import TMinusCore
import TMinusQueues
import Testing

struct BackoffPolicyTests {
    private let policy = BackoffPolicy(base: .seconds(2), cap: .seconds(60), jitter: Ratio(1, 4))

    @Test func ceilingDoublesFromTheBaseAndStopsAtTheCap() {
        let ceilings = (1...8).map { policy.ceiling(afterAttempt: $0) }
        #expect(ceilings == [2, 4, 8, 16, 32, 60, 60, 60].map { Duration.seconds($0) })
    }

    @Test func ceilingSaturatesForHugeAttemptNumbers() {
        #expect(policy.ceiling(afterAttempt: 10_000) == .seconds(60))
        let unbounded = BackoffPolicy(base: .seconds(1), cap: .nanoseconds(Int64.max), jitter: .never)
        #expect(unbounded.ceiling(afterAttempt: 500) == .nanoseconds(Int64.max))
    }

    @Test func jitterSpanIsTheConfiguredFractionOfTheCeiling() {
        #expect(policy.jitterSpan(afterAttempt: 1) == .milliseconds(500))
        #expect(policy.jitterSpan(afterAttempt: 6) == .seconds(15))
    }

    @Test func theDrawPicksTheDelayBetweenCeilingMinusSpanAndCeiling() {
        #expect(policy.delay(afterAttempt: 3, draw: 0) == .seconds(8))
        #expect(policy.delay(afterAttempt: 3, draw: .max) == .seconds(6))
        #expect(policy.delay(afterAttempt: 3, draw: 1 << 63) == .seconds(7))
    }

    @Test(arguments: [1, 2, 3, 42, 0xDEAD_BEEF] as [UInt64])
    func jitteredDelaysStayWithinBoundsForEverySeed(seed: UInt64) {
        let random = RandomSource(seed: seed)
        for attempt in 1...12 {
            let delay = policy.delay(afterAttempt: attempt, random: random)
            let ceiling = policy.ceiling(afterAttempt: attempt)
            #expect(delay <= ceiling, "seed \(seed) attempt \(attempt)")
            #expect(delay >= ceiling - policy.jitterSpan(afterAttempt: attempt), "seed \(seed) attempt \(attempt)")
        }
    }

    @Test func theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
        func schedule(_ seed: UInt64) -> [Duration] {
            let random = RandomSource(seed: seed)
            return (1...6).map { policy.delay(afterAttempt: $0, random: random) }
        }
        #expect(schedule(7) == schedule(7))
        #expect(schedule(7) != schedule(8))
    }

    @Test func zeroJitterGivesTheExactExponentialSchedule() {
        let fixed = BackoffPolicy(base: .milliseconds(100), cap: .seconds(1), jitter: .never)
        let delays = (1...6).map { fixed.delay(afterAttempt: $0, draw: .max) }
        #expect(delays == [100, 200, 400, 800, 1000, 1000].map { Duration.milliseconds($0) })
    }

    @Test func retryAfterReplacesTheComputedDelayAndStillDrawsOnce() {
        let random = RandomSource(seed: 5)
        let twin = RandomSource(seed: 5)
        #expect(policy.delay(afterAttempt: 1, random: random, retryAfter: .seconds(90)) == .seconds(90))
        #expect(policy.delay(afterAttempt: 1, draw: 0, retryAfter: .seconds(-3)) == .zero)
        _ = twin.next()
        #expect(random.next() == twin.next(), "exactly one word was drawn for the Retry-After delay")
    }
}
