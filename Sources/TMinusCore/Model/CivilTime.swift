/// Proleptic-Gregorian calendar arithmetic on integers (Howard Hinnant's `days_from_civil`).
///
/// Used to turn ``Timestamp`` values into RFC 3339 text and calendar dates into instants without
/// Foundation's formatters, so the output is identical on every machine and locale.
public enum CivilTime: Sendable {
    /// Days since 1970-01-01 for a civil date.
    public static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date (year, month 1–12, day 1–31) of a day count since 1970-01-01.
    public static func date(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days in a month of a year.
    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `2026-03-02T08:00:00.000Z` for an instant.
    public static func rfc3339(_ t: Timestamp) -> String {
        let (y, m, d, sod, millis) = civilFields(t)
        guard (0...9999).contains(y) else { return paddedRFC3339(t) }
        // Years 0–9999: every field has its fixed width, so the 24 bytes are written in place.
        return String(unsafeUninitializedCapacity: 24) { text in
            func digits(_ value: Int64, _ width: Int, at offset: Int) {
                var rest = value
                for index in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            digits(y, 4, at: 0)
            text[4] = UInt8(ascii: "-")
            digits(m, 2, at: 5)
            text[7] = UInt8(ascii: "-")
            digits(d, 2, at: 8)
            text[10] = UInt8(ascii: "T")
            digits(sod / 3600, 2, at: 11)
            text[13] = UInt8(ascii: ":")
            digits(sod % 3600 / 60, 2, at: 14)
            text[16] = UInt8(ascii: ":")
            digits(sod % 60, 2, at: 17)
            text[19] = UInt8(ascii: ".")
            digits(millis, 3, at: 20)
            text[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// ``rfc3339(_:)`` through padded decimal strings, for any year (a Timestamp spans 1677–2262, so
    /// only tests reach it).
    static func paddedRFC3339(_ t: Timestamp) -> String {
        let (y, m, d, sod, millis) = civilFields(t)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(sod / 3600, 2)):\(pad(sod % 3600 / 60, 2)):"
            + "\(pad(sod % 60, 2)).\(pad(millis, 3))Z"
    }

    /// The civil date, second of the day and millisecond of an instant.
    private static func civilFields(_ t: Timestamp) -> (Int64, Int64, Int64, secondOfDay: Int64, millis: Int64) {
        let ns = t.nanosecondsSinceEpoch
        let secs = floorDiv(ns, 1_000_000_000)
        let millis = (ns - secs * 1_000_000_000) / 1_000_000
        let days = floorDiv(secs, 86_400)
        let (y, m, d) = date(days: days)
        return (y, m, d, secs - days * 86_400, millis)
    }

    /// `2026-03-02` for a day count since the epoch.
    public static func isoDate(days: Int64) -> String {
        let (y, m, d) = date(days: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
