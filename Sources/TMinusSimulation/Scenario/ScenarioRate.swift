import TMinusCore

/// How often something happens per day, as an exact fraction (`6` a day, `1/7` once a week).
///
/// Written in scenario files as a whole number or a ratio string (see ``RatioText/rateExpectation``);
/// kept as integers so that a seed gives the same workload on every machine.
public struct ScenarioRate: Hashable, Sendable, CustomStringConvertible {
    /// Occurrences per ``denominator`` days.
    public let numerator: UInt64
    /// Days; never zero.
    public let denominator: UInt64

    /// Creates `numerator / denominator` per day.
    /// - Precondition: `denominator > 0`.
    public init(_ numerator: UInt64, per denominator: UInt64 = 1) {
        precondition(denominator > 0, "a rate needs a positive number of days")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Never.
    public static let zero = ScenarioRate(0)

    /// Whether the rate is zero.
    public var isZero: Bool { numerator == 0 }

    /// The expected number of occurrences in `duration` (rounded down; exact integer arithmetic).
    public func expectedCount(over duration: Duration) -> Int64 {
        let day: UInt64 = 86_400_000_000_000
        let nanoseconds = UInt64(max(0, duration.nanoseconds))
        // floor(floor(n × numerator / day) / denominator) == floor(n × numerator / (day × denominator));
        // the 128-bit product divided by a day always fits in 64 bits for terms up to 10^6.
        let product = nanoseconds.multipliedFullWidth(by: numerator)
        guard product.high < day else { return Int64.max }
        let perDay = day.dividingFullWidth(product).quotient
        return Int64(clamping: perDay / denominator)
    }

    /// `6/day`, `1/7 days` style text, as in reports.
    public var description: String {
        denominator == 1 ? "\(numerator)/day" : "\(numerator)/\(denominator) days"
    }
}
