public import TMinusCore

/// How long one network exchange takes: uniform integer nanoseconds in `minimum...maximum`, and
/// with probability `tailChance` that draw multiplied by `tailMultiplier` (the slow tail).
///
/// Integer-only, so a seed gives the same latencies on every machine. The drawn total is split
/// into a request leg (before the server sees the request) and a response leg (after it answers),
/// half each, so work a server schedules while handling (a push "sync" message, say) can overtake
/// the response, as it can on the real network.
public struct LatencyDistribution: Hashable, Sendable, CustomStringConvertible {
    /// Shortest round trip.
    public var minimum: Duration
    /// Longest round trip before the tail multiplier.
    public var maximum: Duration
    /// Probability that an exchange falls in the slow tail.
    public var tailChance: Ratio
    /// Factor applied to a tail exchange (at least 1).
    public var tailMultiplier: Int64

    /// Creates a distribution.
    /// - Precondition: `0 <= minimum <= maximum` and `tailMultiplier >= 1`.
    public init(minimum: Duration, maximum: Duration, tailChance: Ratio = .never, tailMultiplier: Int64 = 1) {
        precondition(minimum >= .zero && minimum <= maximum, "latency range \(minimum)...\(maximum) is invalid")
        precondition(tailMultiplier >= 1, "tail multiplier \(tailMultiplier) must be at least 1")
        self.minimum = minimum
        self.maximum = maximum
        self.tailChance = tailChance
        self.tailMultiplier = tailMultiplier
    }

    /// No latency at all (unit tests that only care about responses).
    public static let instant = LatencyDistribution(minimum: .zero, maximum: .zero)

    /// A plausible internet round trip to a large provider: 20–120 ms, 1% of exchanges 10× slower.
    public static let typical = LatencyDistribution(
        minimum: .milliseconds(20), maximum: .milliseconds(120), tailChance: Ratio(1, 100), tailMultiplier: 10)

    /// Draws one round-trip time. Always makes exactly two draws, so the stream stays aligned.
    public func draw(_ random: RandomSource) -> Duration {
        let low = minimum.nanoseconds
        let width = UInt64(maximum.nanoseconds - low)
        let base = low + Int64(random.below(width &+ 1))
        let slow = random.chance(tailChance)
        return .nanoseconds(slow ? base.multipliedReportingOverflow(by: tailMultiplier).partialValue : base)
    }

    public var description: String {
        "\(minimum.nanoseconds)ns...\(maximum.nanoseconds)ns tail \(tailChance)×\(tailMultiplier)"
    }
}
