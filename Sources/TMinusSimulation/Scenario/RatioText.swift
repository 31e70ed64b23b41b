public import TMinusCore

/// The text forms of probabilities and rates in scenario files: a ratio string `"1/20"`, a
/// percentage `"5%"`, or (for rates) a whole number.
///
/// Numerators and denominators are limited to ``maximumTerm`` so that sums and comparisons of a
/// few ratios stay exact in 64-bit integer arithmetic; no floating point reaches a decision.
public enum RatioText: Sendable {
    /// The largest numerator or denominator accepted.
    public static let maximumTerm: UInt64 = 1_000_000

    /// What ``probability(_:)`` accepts, for error messages.
    public static let probabilityExpectation =
        "a probability written as a ratio string like \"1/20\" or a percentage like \"5%\" (at most 1)"

    /// What ``rate(_:)`` accepts, for error messages.
    public static let rateExpectation =
        "a rate per day: a whole number like 6, or a ratio string like \"1/7\" (once a week) or \"5/2\""

    /// A probability (at most 1), or nil.
    public static func probability(_ text: String) -> Ratio? {
        guard let (numerator, denominator) = terms(text), numerator <= denominator else { return nil }
        return Ratio(numerator, denominator)
    }

    /// A non-negative fraction of any size (numerator and denominator), or nil.
    public static func fraction(_ text: String) -> (numerator: UInt64, denominator: UInt64)? {
        terms(text)
    }

    private static func terms(_ text: String) -> (UInt64, UInt64)? {
        if text.hasSuffix("%") {
            guard let percent = number(text.dropLast()) else { return nil }
            return (percent, 100)
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let whole = number(parts[0]) else { return nil }
            return (whole, 1)
        case 2:
            guard let numerator = number(parts[0]), let denominator = number(parts[1]), denominator > 0 else {
                return nil
            }
            return (numerator, denominator)
        default:
            return nil
        }
    }

    private static func number(_ text: Substring) -> UInt64? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let value = UInt64(trimmed), value <= maximumTerm
        else { return nil }
        return value
    }

    /// Whether the sum of `ratios` is at most 1 (exact: terms are at most ``maximumTerm``, and
    /// the check folds one ratio at a time into a running fraction reduced by its gcd).
    public static func sumIsAtMostOne(_ ratios: [Ratio]) -> Bool {
        var numerator: UInt64 = 0
        var denominator: UInt64 = 1
        for ratio in ratios {
            let (crossA, overflowA) = numerator.multipliedReportingOverflow(by: ratio.denominator)
            let (crossB, overflowB) = ratio.numerator.multipliedReportingOverflow(by: denominator)
            let (sum, overflowC) = crossA.addingReportingOverflow(crossB)
            let (product, overflowD) = denominator.multipliedReportingOverflow(by: ratio.denominator)
            guard !(overflowA || overflowB || overflowC || overflowD) else { return false }
            let divisor = gcd(sum, product)
            numerator = sum / divisor
            denominator = product / divisor
            if numerator > denominator { return false }
        }
        return true
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return max(x, 1)
    }
}

extension Substring {
    /// The text without leading and trailing ASCII spaces.
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
