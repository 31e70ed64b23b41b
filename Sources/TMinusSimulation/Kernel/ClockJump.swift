import TMinusCore

/// A sudden step of one component's clock (NTP correction, VM resume, a human changing the time).
///
/// From virtual instant ``at`` on, the clock reads ``by`` later (or earlier, when negative) than
/// it otherwise would. Durations a component sleeps are unaffected: a jump moves the reading, not
/// the rate.
public struct ClockJump: Hashable, Sendable, CustomStringConvertible {
    /// When the jump takes effect, as virtual time elapsed since the run's start.
    public let at: Duration
    /// How far the reading steps (negative: backwards).
    public let by: Duration

    /// Creates a jump of `by` taking effect at elapsed virtual time `at`.
    public init(at: Duration, by: Duration) {
        self.at = at
        self.by = by
    }

    public var description: String { "jump \(by.nanoseconds)ns at +\(at.nanoseconds)ns" }
}
