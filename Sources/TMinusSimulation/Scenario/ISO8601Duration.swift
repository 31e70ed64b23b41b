import TMinusCore

/// ISO 8601 durations as scenario files write them (`P14D`, `PT6H`, `P1DT2H30M`, `PT0.25S`, `P2W`),
/// read into and written from integer-nanosecond `Duration`s.
///
/// Accepted: weeks (`W`, alone), days (`D`), and after `T` hours, minutes and seconds, seconds with
/// up to nine decimal digits; a leading `-` only where the caller allows signed durations (clock
/// jumps and offsets). Years and months are refused because their length depends on the calendar:
/// write days instead. Parsing and formatting are pure, and `format(parse(x))` is a canonical form.
public enum ISO8601Duration: Sendable {
    /// What the parser accepts, for error messages.
    public static let expectation = "an ISO 8601 duration like PT6H, P14D, P1DT2H30M or PT0.5S"

    /// What the parser accepts when a sign is allowed, for error messages.
    public static let signedExpectation = "a signed ISO 8601 duration like PT5M or -PT1H"

    /// The duration `text` stands for, or nil when it is not one.
    /// - Parameter allowNegative: whether a leading `-` is accepted.
    public static func parse(_ text: String, allowNegative: Bool = false) -> Duration? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            guard allowNegative else { return nil }
            negative = true
            bytes = bytes.dropFirst()
        }
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else { return nil }
        guard let nanoseconds = parseBody(Array(bytes.dropFirst())) else { return nil }
        return .nanoseconds(negative ? -nanoseconds : nanoseconds)
    }

    /// Parses what follows `P`: `nW`, or `[nD][T[nH][nM][n[.f]S]]` with at least one component.
    private static func parseBody(_ bytes: [UInt8]) -> Int64? {
        var total: Int64 = 0
        var index = 0
        var inTime = false
        var sawComponent = false
        var lastUnitRank = -1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "T") {
                guard !inTime, index + 1 < bytes.count else { return nil }
                inTime = true
                index += 1
                continue
            }
            guard let number = readNumber(bytes, from: &index), index < bytes.count else { return nil }
            let unit = bytes[index]
            index += 1
            guard let (rank, scale) = unitInfo(unit, inTime: inTime), rank > lastUnitRank else { return nil }
            if number.fractionDigits > 0 && unit != UInt8(ascii: "S") { return nil }
            if unit == UInt8(ascii: "W") && (sawComponent || index != bytes.count) { return nil }
            lastUnitRank = rank
            sawComponent = true
            guard let amount = number.nanoseconds(scale: scale) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(amount)
            guard !overflow else { return nil }
            total = sum
        }
        return sawComponent ? total : nil
    }

    /// A decimal number: digits, optionally `.` and 1–9 more digits.
    private struct Number {
        var whole: Int64
        var fraction: Int64
        var fractionDigits: Int

        /// `whole.fraction × scale` in nanoseconds, or nil on overflow.
        func nanoseconds(scale: Int64) -> Int64? {
            let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            var fractionScale: Int64 = 1
            for _ in 0..<(9 - fractionDigits) { fractionScale *= 10 }
            return product + fraction * fractionScale
        }
    }

    private static func readNumber(_ bytes: [UInt8], from index: inout Int) -> Number? {
        var number = Number(whole: 0, fraction: 0, fractionDigits: 0)
        var digits = 0
        while index < bytes.count, let digit = digitValue(bytes[index]) {
            let (shifted, overflowA) = number.whole.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(digit)
            guard !overflowA, !overflowB else { return nil }
            number.whole = next
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
            index += 1
            while index < bytes.count, let digit = digitValue(bytes[index]) {
                guard number.fractionDigits < 9 else { return nil }
                number.fraction = number.fraction * 10 + digit
                number.fractionDigits += 1
                index += 1
            }
            guard number.fractionDigits > 0 else { return nil }
        }
        return number
    }

    private static func digitValue(_ byte: UInt8) -> Int64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    /// The order rank and nanoseconds per unit of `unit`, or nil when it is not allowed here.
    private static func unitInfo(_ unit: UInt8, inTime: Bool) -> (rank: Int, scale: Int64)? {
        switch (unit, inTime) {
        case (UInt8(ascii: "W"), false): return (0, 7 * 86_400 * 1_000_000_000)
        case (UInt8(ascii: "D"), false): return (1, 86_400 * 1_000_000_000)
        case (UInt8(ascii: "H"), true): return (2, 3_600 * 1_000_000_000)
        case (UInt8(ascii: "M"), true): return (3, 60 * 1_000_000_000)
        case (UInt8(ascii: "S"), true): return (4, 1_000_000_000)
        default: return nil
        }
    }

    /// The canonical text of `duration`: days, then `T` with hours, minutes and seconds (a fraction
    /// only when needed, without trailing zeros); `PT0S` for zero; a leading `-` when negative.
    public static func format(_ duration: Duration) -> String {
        let total = duration.nanoseconds
        if total == 0 { return "PT0S" }
        let magnitude = total.magnitude
        var text = total < 0 ? "-P" : "P"
        let second: UInt64 = 1_000_000_000
        let days = magnitude / (86_400 * second)
        var rest = magnitude % (86_400 * second)
        if days > 0 { text += "\(days)D" }
        guard rest > 0 else { return text }
        text += "T"
        let hours = rest / (3_600 * second)
        rest %= 3_600 * second
        let minutes = rest / (60 * second)
        rest %= 60 * second
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if rest > 0 {
            text += "\(rest / second)"
            let fraction = rest % second
            if fraction > 0 {
                var digits = String(fraction)
                digits = String(repeating: "0", count: 9 - digits.count) + digits
                while digits.hasSuffix("0") { digits.removeLast() }
                text += "." + digits
            }
            text += "S"
        }
        return text
    }
}
