/// The iCalendar "basic" spellings of dates and date-times (`20260302`, `20260302T090000`).
///
/// Written with integer arithmetic only, so the text is identical on every machine and locale.
enum ICalendarText {
    /// `YYYYMMDD` for a day count since 1970-01-01.
    static func basicDate(_ days: Int64) -> String {
        let (y, m, d) = CivilTime.date(days: days)
        return CivilTime.pad(y, 4) + CivilTime.pad(m, 2) + CivilTime.pad(d, 2)
    }

    /// `YYYYMMDDTHHMMSS` for an instant read as UTC (no suffix; callers add `Z` when it is UTC).
    static func basicDateTime(_ t: Timestamp) -> String {
        let seconds = t.secondsSinceEpoch
        let days = floorDiv(seconds, 86_400)
        let sod = seconds - days * 86_400
        return basicDate(days) + "T" + CivilTime.pad(sod / 3600, 2) + CivilTime.pad(sod % 3600 / 60, 2)
            + CivilTime.pad(sod % 60, 2)
    }

    /// Parses `YYYYMMDD` (date) or `YYYYMMDDTHHMMSS[Z]`; nil for anything else.
    /// Dates outside ``representableDays`` are rejected (their instants would overflow ``Timestamp``).
    static func parse(_ text: Substring) -> Parsed? {
        let length = text.utf8.count
        guard length == 8 || length == 15 || length == 16, let date = CalendarDate(iso: text.prefix(8)),
            representableDays.contains(date.daysSinceEpoch)
        else { return nil }
        if length == 8 { return .date(date) }
        guard let parsed = RFC3339.parse(String(text)) else { return nil }
        return parsed.offsetSeconds == nil ? .local(parsed.localAsUTC) : .utc(parsed.localAsUTC)
    }

    /// The days whose UTC midnight (and the whole day after it) a ``Timestamp`` can hold:
    /// 1677-09-23 through 2262-04-10.
    static let representableDays: ClosedRange<Int64> = {
        let limit = Int64.max / 1_000_000_000 / 86_400
        return (-limit + 1)...(limit - 1)
    }()

    /// A parsed iCalendar date or date-time value.
    enum Parsed: Equatable {
        case date(CalendarDate)
        /// A wall-clock reading (floating, or to be read in a TZID), as if it were UTC.
        case local(Timestamp)
        case utc(Timestamp)
    }
}
