/// A DURATION value (RFC 5545 §3.3.6): `P1W`, `P2D`, `PT1H30M`, `-P1DT2H`, `P0D`.
///
/// Weeks and days are *nominal* (a day is a calendar day, 23 or 25 hours across a DST change);
/// hours, minutes and seconds are *exact*. ``ICalendarTimeZones`` applies the two parts in that
/// order, as the RFC requires. Written back in a canonical form (`P1DT2H`, weeks only when pure).
public struct ICalendarDuration: Hashable, Sendable, CustomStringConvertible {
    /// True for a negative duration (`-P…`).
    public var isNegative: Bool
    /// Nominal calendar days (weeks are folded in as 7 days each).
    public var days: Int64
    /// Exact seconds (hours, minutes and seconds together).
    public var seconds: Int64

    /// Creates a duration; `days` and `seconds` are magnitudes, the sign applies to both.
    public init(isNegative: Bool = false, days: Int64 = 0, seconds: Int64 = 0) {
        self.isNegative = isNegative
        self.days = days
        self.seconds = seconds
    }

    /// Signed nominal days.
    public var signedDays: Int64 { isNegative ? -days : days }

    /// Signed exact seconds.
    public var signedSeconds: Int64 { isNegative ? -seconds : seconds }

    /// The RFC 5545 text, e.g. `PT1H`, `P1W`, `-P1DT30M`.
    public var description: String {
        var text = isNegative ? "-P" : "P"
        if seconds == 0, days > 0, days % 7 == 0 { return text + "\(days / 7)W" }
        if days > 0 || seconds == 0 { text += "\(days)D" }
        if seconds > 0 {
            text += "T"
            if seconds >= 3600 { text += "\(seconds / 3600)H" }
            if seconds % 3600 >= 60 { text += "\(seconds % 3600 / 60)M" }
            if seconds % 60 > 0 { text += "\(seconds % 60)S" }
        }
        return text
    }

    /// Parses a DURATION value, or nil when it does not follow the grammar of RFC 5545 §3.3.6.
    public static func parse(_ text: String) -> ICalendarDuration? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else { return nil }
        bytes = bytes.dropFirst()
        var days: Int64 = 0
        var seconds: Int64 = 0
        var inTime = false
        var sawUnit = false
        var lastRank = 0
        while let first = bytes.first {
            if first == UInt8(ascii: "T") {
                guard !inTime else { return nil }
                inTime = true
                bytes = bytes.dropFirst()
                continue
            }
            let digits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard !digits.isEmpty, digits.count <= 9, let number = ICalendarLocalDateTime.digits(digits) else {
                return nil
            }
            bytes = bytes.dropFirst(digits.count)
            guard let unit = bytes.first else { return nil }
            bytes = bytes.dropFirst()
            let rank: Int
            switch (inTime, unit) {
            case (false, UInt8(ascii: "W")): rank = 1; days += number * 7
            case (false, UInt8(ascii: "D")): rank = 2; days += number
            case (true, UInt8(ascii: "H")): rank = 3; seconds += number * 3600
            case (true, UInt8(ascii: "M")): rank = 4; seconds += number * 60
            case (true, UInt8(ascii: "S")): rank = 5; seconds += number
            default: return nil
            }
            guard rank > lastRank, !(lastRank == 1) else { return nil }
            lastRank = rank
            sawUnit = true
        }
        guard sawUnit, !(inTime && lastRank < 3) else { return nil }
        return ICalendarDuration(isNegative: negative, days: days, seconds: seconds)
    }

    /// Reads a `DURATION` (or `TRIGGER`) property.
    public static func parse(_ property: ICalendarProperty) throws(ICalendarError) -> ICalendarDuration {
        guard let duration = parse(property.value) else {
            throw .invalidValue(
                line: property.line, property: property.name, value: property.value,
                expected: "a duration like PT1H, P1D, P1W or -PT15M")
        }
        return duration
    }
}
