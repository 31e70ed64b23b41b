/// A date without a time or zone, as all-day events carry (`2026-03-02`).
///
/// Stored as days since 1970-01-01 so comparisons are integer comparisons.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64

    /// Creates a date from a day count.
    public init(daysSinceEpoch: Int64) { self.daysSinceEpoch = daysSinceEpoch }

    /// The years whose days can be expressed as ``Timestamp`` instants (Int64 nanoseconds).
    public static let supportedYears: ClosedRange<Int64> = 1678...2261

    /// Creates a date from civil parts, or nil when the day does not exist or lies outside
    /// ``supportedYears`` (so every date has a representable start instant).
    public init?(year: Int64, month: Int64, day: Int64) {
        guard CalendarDate.supportedYears.contains(year), (1...12).contains(month),
            (1...CivilTime.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        daysSinceEpoch = CivilTime.days(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (also the basic `YYYYMMDD` of iCalendar). Nil for anything else.
    public init?(iso text: some StringProtocol) {
        let digits = Array(text.utf8)
        let parts: (ArraySlice<UInt8>, ArraySlice<UInt8>, ArraySlice<UInt8>)
        if digits.count == 10, digits[4] == UInt8(ascii: "-"), digits[7] == UInt8(ascii: "-") {
            parts = (digits[0..<4], digits[5..<7], digits[8..<10])
        } else if digits.count == 8 {
            parts = (digits[0..<4], digits[4..<6], digits[6..<8])
        } else {
            return nil
        }
        guard let y = ASCIIDigits.parse(parts.0), let m = ASCIIDigits.parse(parts.1),
            let d = ASCIIDigits.parse(parts.2)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The instant this date starts in UTC.
    public var startOfDayUTC: Timestamp { Timestamp(secondsSinceEpoch: daysSinceEpoch * 86_400) }

    /// The next date.
    public var next: CalendarDate { CalendarDate(daysSinceEpoch: daysSinceEpoch + 1) }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// `YYYY-MM-DD`.
    public var description: String { CivilTime.isoDate(days: daysSinceEpoch) }
}

/// Parsing of fixed-width ASCII digit runs without Foundation.
enum ASCIIDigits {
    static func parse(_ bytes: some Collection<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
