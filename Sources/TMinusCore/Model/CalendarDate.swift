/// A date without a time or zone, as all-day events carry (`2026-03-02`).
///
/// Stored as days since 1970-01-01 so comparisons are integer comparisons.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64

    /// Creates a date from a day count.
    public init(daysSinceEpoch: Int64) { self.daysSinceEpoch = daysSinceEpoch }

    /// The years whose days can be expressed as ``Timestamp`` instants (Int64 nanoseconds).
    public static let instantYears: ClosedRange<Int64> = 1678...2261

    /// Creates a date from civil parts (years 1–9999), or nil when the day does not exist.
    /// Dates outside ``instantYears`` exist but have no exact start instant (see ``startOfDayUTC``).
    public init?(year: Int64, month: Int64, day: Int64) {
        guard (1...9999).contains(year), (1...12).contains(month),
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

    /// True when the date lies in ``instantYears``, so ``startOfDayUTC`` is exact.
    public var hasExactInstant: Bool {
        CalendarDate.instantYears.contains(CivilTime.date(days: daysSinceEpoch).year)
    }

    /// The instant this date starts in UTC; saturates at the ends of ``Timestamp``'s range for
    /// dates outside ``instantYears`` (never traps).
    public var startOfDayUTC: Timestamp {
        let (nanos, overflow) = (daysSinceEpoch * 86_400).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return Timestamp(nanosecondsSinceEpoch: daysSinceEpoch < 0 ? Int64.min : Int64.max) }
        return Timestamp(nanosecondsSinceEpoch: nanos)
    }

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
