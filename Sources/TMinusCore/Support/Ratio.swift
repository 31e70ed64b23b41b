/// A probability as an integer ratio (TigerBeetle's `Ratio`): no floating point reaches a seeded
/// decision, so a run is bit-identical on every machine.
public struct Ratio: Hashable, Sendable, CustomStringConvertible {
    /// Events in favour.
    public let numerator: UInt64
    /// Total events; never zero.
    public let denominator: UInt64

    /// Creates `numerator / denominator`.
    /// - Precondition: `denominator > 0` and `numerator <= denominator`.
    public init(_ numerator: UInt64, _ denominator: UInt64) {
        precondition(denominator > 0, "Ratio denominator must be positive")
        precondition(numerator <= denominator, "Ratio \(numerator)/\(denominator) exceeds 1")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Never.
    public static let never = Ratio(0, 1)
    /// Always.
    public static let always = Ratio(1, 1)

    /// Percent form, e.g. `Ratio.percent(5)` is 5/100.
    public static func percent(_ value: UInt64) -> Ratio { Ratio(value, 100) }

    public var description: String { "\(numerator)/\(denominator)" }
}
