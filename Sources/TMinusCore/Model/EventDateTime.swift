/// When an event starts or ends: an instant with the zone it was written in, or an all-day date.
///
/// Timed values are stored as UTC instants and compared as instants (engine rule 14): the same
/// moment written as `09:00-05:00` and `14:00Z` is equal in ``instant`` even though the zones differ.
public enum EventDateTime: Hashable, Sendable, CustomStringConvertible {
    /// A moment, plus the IANA zone it was expressed in (nil when the source gave only an offset).
    case timed(Timestamp, timeZone: String?)
    /// A whole day (all-day events); the end of an all-day event is exclusive, as in iCalendar.
    case allDay(CalendarDate)

    /// The instant used for ordering and overlap: the moment itself, or the date's UTC midnight.
    public var instant: Timestamp {
        switch self {
        case .timed(let t, _): return t
        case .allDay(let d): return d.startOfDayUTC
        }
    }

    /// True for all-day values.
    public var isAllDay: Bool { if case .allDay = self { return true } else { return false } }

    /// The original time zone, if any.
    public var timeZone: String? { if case .timed(_, let zone) = self { return zone } else { return nil } }

    public var description: String {
        switch self {
        case .timed(let t, let zone): return zone.map { "\(t) [\($0)]" } ?? t.description
        case .allDay(let d): return d.description
        }
    }

    /// Builds a value from wire fields as providers send them (Google's `{dateTime, date, timeZone}`).
    ///
    /// - `date` (`YYYY-MM-DD`) gives an all-day value.
    /// - `dateTime` with `Z` or an offset is exact; without one it is local time in `timeZone`
    ///   (IANA or Windows name), or UTC when no zone is given.
    /// - Throws: ``ModelError`` naming `field` when neither is present or a value is malformed.
    public static func parse(
        dateTime: String?, date: String?, timeZone: String?, field: String
    ) throws(ModelError) -> EventDateTime {
        if let date, !date.isEmpty {
            guard let day = CalendarDate(iso: date), day.hasExactInstant else {
                throw .invalidField(
                    field: field + ".date", value: date, expected: "a date like 2026-03-02 (years 1678–2261)")
            }
            return .allDay(day)
        }
        guard let dateTime, !dateTime.isEmpty else { throw .missingField(field: field + ".dateTime") }
        guard let parsed = RFC3339.parse(dateTime) else {
            throw .invalidField(
                field: field + ".dateTime", value: dateTime,
                expected: "an RFC 3339 date-time like 2026-03-02T09:00:00Z (years 1678–2261)")
        }
        let zone = try timeZone.flatMap { name throws(ModelError) -> String? in
            if name.isEmpty { return nil }
            guard let resolved = TimeZoneNames.ianaName(for: name) else {
                throw .invalidField(
                    field: field + ".timeZone", value: name, expected: "an IANA or Windows time-zone name")
            }
            return resolved
        }
        if let offset = parsed.offsetSeconds {
            return .timed(parsed.localAsUTC.adding(.seconds(-offset)), timeZone: zone)
        }
        guard let zone else { return .timed(parsed.localAsUTC, timeZone: nil) }
        return .timed(TimeZoneNames.utcInstant(forLocal: parsed.localAsUTC, in: zone), timeZone: zone)
    }
}
