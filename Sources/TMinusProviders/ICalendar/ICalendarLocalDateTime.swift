public import TMinusCore

/// A wall-clock reading without a zone (`20260702T090000`): a date plus seconds into the day.
///
/// Stored as seconds since 1970-01-01T00:00:00 *as if it were UTC*, so comparing and adding whole
/// days are integer operations; it becomes an instant only through a time zone.
public struct ICalendarLocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00, reading the wall clock as UTC.
    public var wallSeconds: Int64

    /// Creates a reading from seconds since the epoch (wall clock read as UTC).
    public init(wallSeconds: Int64) { self.wallSeconds = wallSeconds }

    /// Creates a reading from a date and a time of day.
    public init(date: CalendarDate, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0) {
        wallSeconds = date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The calendar date of the reading.
    public var date: CalendarDate { CalendarDate(daysSinceEpoch: Self.floorDivide(wallSeconds, 86_400)) }

    /// Seconds since midnight, 0..<86400.
    public var secondOfDay: Int64 { wallSeconds - date.daysSinceEpoch * 86_400 }

    /// The same wall-clock reading in UTC (what it means when the zone is UTC).
    public var asUTC: Timestamp { Timestamp(secondsSinceEpoch: wallSeconds) }

    /// The reading `days` calendar days later, same time of day.
    public func adding(days: Int64) -> ICalendarLocalDateTime {
        ICalendarLocalDateTime(wallSeconds: wallSeconds + days * 86_400)
    }

    /// Basic iCalendar form `YYYYMMDDTHHMMSS`.
    public var basicFormat: String {
        let (year, month, day) = CivilTime.date(days: date.daysSinceEpoch)
        let second = secondOfDay
        return Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) + "T" + Self.pad(second / 3600, 2)
            + Self.pad(second % 3600 / 60, 2) + Self.pad(second % 60, 2)
    }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var description: String {
        let second = secondOfDay
        return date.description + "T" + Self.pad(second / 3600, 2) + ":" + Self.pad(second % 3600 / 60, 2) + ":"
            + Self.pad(second % 60, 2)
    }

    public static func < (a: ICalendarLocalDateTime, b: ICalendarLocalDateTime) -> Bool {
        a.wallSeconds < b.wallSeconds
    }

    /// Parses `YYYYMMDDTHHMMSS` (no zone suffix); a leap second 60 reads as 59. Nil otherwise.
    public static func parse(basic text: Substring) -> ICalendarLocalDateTime? {
        let bytes = Array(text.utf8)
        guard bytes.count == 15, bytes[8] == UInt8(ascii: "T"),
            let date = CalendarDate(iso: String(decoding: bytes[0..<8], as: UTF8.self)),
            let hour = digits(bytes[9..<11]), let minute = digits(bytes[11..<13]), let second = digits(bytes[13..<15]),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        return ICalendarLocalDateTime(date: date, hour: hour, minute: minute, second: min(second, 59))
    }

    static func digits(_ bytes: ArraySlice<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }
}

extension CalendarDate {
    /// Basic iCalendar form `YYYYMMDD`.
    var iCalendarBasic: String {
        let (year, month, day) = CivilTime.date(days: daysSinceEpoch)
        return ICalendarLocalDateTime.pad(year, 4) + ICalendarLocalDateTime.pad(month, 2)
            + ICalendarLocalDateTime.pad(day, 2)
    }
}
