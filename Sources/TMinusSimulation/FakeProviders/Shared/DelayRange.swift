public import TMinusCore

/// A uniform range of durations drawn in integer nanoseconds: push delays, eventual-consistency
/// windows, `Retry-After` values.
public struct DelayRange: Hashable, Sendable, CustomStringConvertible {
    /// Shortest delay.
    public var minimum: Duration
    /// Longest delay.
    public var maximum: Duration

    /// Creates `minimum...maximum`.
    /// - Precondition: `0 <= minimum <= maximum`.
    public init(_ minimum: Duration, _ maximum: Duration) {
        precondition(minimum >= .zero && minimum <= maximum, "delay range \(minimum)...\(maximum) is invalid")
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Exactly `duration`.
    public static func exactly(_ duration: Duration) -> DelayRange { DelayRange(duration, duration) }

    /// No delay.
    public static let zero = DelayRange(.zero, .zero)

    /// Draws a delay; one draw from `random`, none when the range is a single value.
    public func draw(_ random: inout Xoshiro256StarStar) -> Duration {
        let low = minimum.nanoseconds
        let width = maximum.nanoseconds - low
        guard width > 0 else { return minimum }
        return .nanoseconds(low + Int64(random.below(UInt64(width) + 1)))
    }

    public var description: String { "\(minimum.nanoseconds)ns...\(maximum.nanoseconds)ns" }
}
