public import TMinusCore

/// The retry schedule of a queue: exponential backoff with a cap and seeded jitter, as a pure value.
///
/// For the delivery attempt `n` that just failed (1 for the first delivery):
///
///     ceiling(n) = min(cap, base × 2^(n−1))
///     span(n)    = ⌊ceiling(n) × jitter⌋                       (jitter is a Ratio in 0…1)
///     delay(n)   = ceiling(n) − ⌊draw × (span(n) + 1) / 2^64⌋   (draw: one uniform 64-bit word)
///
/// so the delay lies in `ceiling(n) − span(n) … ceiling(n)` and is fixed by the draw: the same
/// seed gives the same schedule on every machine (integer nanoseconds only, no floating point).
/// Jitter only ever shortens the wait, so `cap` is a true upper bound. A `Retry-After` from a
/// provider replaces the computed delay (see ``delay(afterAttempt:draw:retryAfter:)``).
public struct BackoffPolicy: Hashable, Sendable, CustomStringConvertible {
    /// The delay after the first failed attempt (before jitter).
    public var base: Duration
    /// The longest delay ever scheduled by the formula.
    public var cap: Duration
    /// The largest fraction of the delay that jitter may remove (0 for a fixed schedule).
    public var jitter: Ratio

    /// Creates a policy.
    /// - Precondition: `base` and `cap` are not negative and `base <= cap` (a programmer error).
    public init(base: Duration, cap: Duration, jitter: Ratio) {
        precondition(base >= .zero && cap >= base, "backoff needs 0 <= base <= cap, got base \(base), cap \(cap)")
        self.base = base
        self.cap = cap
        self.jitter = jitter
    }

    /// The delay before jitter after failed attempt `attempt` (1-based): `min(cap, base × 2^(attempt−1))`.
    /// - Precondition: `attempt >= 1`.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        precondition(attempt >= 1, "attempts are counted from 1, got \(attempt)")
        let capNanoseconds = cap.nanoseconds
        var delay = base.nanoseconds
        var doublings = attempt - 1
        while doublings > 0 && delay > 0 && delay < capNanoseconds {
            delay = delay > capNanoseconds / 2 ? capNanoseconds : delay * 2
            doublings -= 1
        }
        return .nanoseconds(min(delay, capNanoseconds))
    }

    /// How much jitter may remove after failed attempt `attempt`: `⌊ceiling × jitter⌋`.
    public func jitterSpan(afterAttempt attempt: Int) -> Duration {
        let ceiling = UInt64(ceiling(afterAttempt: attempt).nanoseconds)
        let (high, low) = ceiling.multipliedFullWidth(by: jitter.numerator)
        let span = jitter.denominator.dividingFullWidth((high, low)).quotient
        return .nanoseconds(Int64(span))
    }

    /// The delay after failed attempt `attempt`, jittered by `draw` (one uniform 64-bit word).
    /// - Parameters:
    ///   - attempt: the 1-based number of the delivery that failed.
    ///   - draw: a uniform random word, e.g. `RandomSource.next()`.
    ///   - retryAfter: a provider's `Retry-After`; when given it replaces the computed delay
    ///     (negative values count as zero), because retrying earlier would only be refused again.
    public func delay(afterAttempt attempt: Int, draw: UInt64, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter { return max(retryAfter, .zero) }
        let ceiling = ceiling(afterAttempt: attempt).nanoseconds
        let span = UInt64(jitterSpan(afterAttempt: attempt).nanoseconds)
        let removed = draw.multipliedFullWidth(by: span + 1).high
        return .nanoseconds(ceiling - Int64(removed))
    }

    /// The delay after failed attempt `attempt`, drawing exactly one word from `random`
    /// (also when `retryAfter` is given, so the stream does not depend on provider responses).
    public func delay(afterAttempt attempt: Int, random: RandomSource, retryAfter: Duration? = nil) -> Duration {
        delay(afterAttempt: attempt, draw: random.next(), retryAfter: retryAfter)
    }

    public var description: String { "base \(base), cap \(cap), jitter \(jitter)" }
}
