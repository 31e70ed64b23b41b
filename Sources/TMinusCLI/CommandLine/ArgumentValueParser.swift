/// The textual formats the command line accepts for typed values, kept apart from option lookup so
/// each format is defined (and tested) once.
///
/// Every function returns `nil` for text it cannot read; the caller turns that into a
/// ``CommandLineError/invalidValue(option:value:expected:)`` naming the option. No function depends
/// on locale, clock or environment.
public enum ArgumentValueParser: Sendable {
    /// What `--seed` accepts, for error messages.
    public static let seedExpectation =
        "a decimal integer from 0 to \(UInt64.max), or a 40-digit hexadecimal git commit hash"

    /// A seed: a decimal `UInt64`, or a 40-hex-digit git commit hash reduced to its low 64 bits
    /// (its last 16 hex digits), as TigerBeetle's VOPR does, so CI can pass `git rev-parse HEAD`.
    public static func seed(_ text: String) -> UInt64? {
        if text.count == 40, text.allSatisfy(\.isASCIIHexDigit) {
            return UInt64(text.suffix(16), radix: 16)
        }
        return decimalUnsigned(text)
    }

    /// A decimal unsigned integer: digits only, no sign, no spaces, no separators, within `UInt64`.
    public static func decimalUnsigned(_ text: String) -> UInt64? {
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else { return nil }
        return UInt64(text, radix: 10)
    }

    /// A decimal signed integer: optional leading `-`, then digits, within `Int`.
    public static func decimalInteger(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text, radix: 10)
    }

    /// An inclusive range `A..B` of unsigned integers with `A <= B`; a single number `N` means `N..N`.
    public static func range(_ text: String) -> ClosedRange<UInt64>? {
        let parts = text.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return decimalUnsigned(text).map { $0...$0 }
        }
        guard
            let lower = decimalUnsigned(String(parts[0])),
            let upper = decimalUnsigned(String(parts[1])),
            lower <= upper
        else { return nil }
        return lower...upper
    }

    /// A duration in whole seconds: `N` or `Ns` seconds, `Nm` minutes, `Nh` hours, `Nd` days.
    /// Returns `nil` for a negative, fractional or overflowing amount, or an unknown unit.
    public static func durationSeconds(_ text: String) -> Int64? {
        let units: [(suffix: String, seconds: Int64)] = [("s", 1), ("m", 60), ("h", 3_600), ("d", 86_400)]
        var digits = Substring(text)
        var multiplier: Int64 = 1
        if let unit = units.first(where: { text.hasSuffix($0.suffix) }) {
            digits = text.dropLast(unit.suffix.count)
            multiplier = unit.seconds
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let amount = Int64(digits, radix: 10) else {
            return nil
        }
        let (seconds, overflow) = amount.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : seconds
    }
}

extension Character {
    /// Whether this is one of `0`...`9` (unlike `isNumber`, which admits other scripts' digits).
    fileprivate var isASCIIDigit: Bool {
        guard let ascii = asciiValue else { return false }
        return ascii >= 0x30 && ascii <= 0x39
    }

    /// Whether this is one of `0`...`9`, `a`...`f` or `A`...`F`.
    fileprivate var isASCIIHexDigit: Bool {
        isASCIIDigit || ("a"..."f").contains(self) || ("A"..."F").contains(self)
    }
}
