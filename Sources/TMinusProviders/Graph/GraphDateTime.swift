public import TMinusCore

/// Graph's date-time shapes (pure): the `dateTimeTimeZone` pair `{dateTime, timeZone}` whose
/// `dateTime` has no offset and seven fraction digits (`2026-03-03T14:00:00.0000000`), and the
/// UTC stamps (`lastModifiedDateTime`, `expirationDateTime`).
///
/// The adapter writes every instant in UTC (`timeZone: "UTC"`) and asks Graph to answer in UTC
/// (`Prefer: outlook.timezone="UTC"`), so no wall-clock conversion happens on the wire; the
/// event's own zone travels in `originalStartTimeZone` (a Windows name, mapped to IANA on read).
/// All-day values are the local midnight of their date, read and written as dates.
public enum GraphDateTime: Sendable {
    /// `2026-03-03T14:00:00.0000000`: the UTC wall-clock reading with seven fraction digits.
    public static func wallClock(_ instant: Timestamp) -> String {
        let text = CivilTime.rfc3339(instant)
        let seconds = instant.secondsSinceEpoch
        let ticks = (instant.nanosecondsSinceEpoch - seconds * 1_000_000_000) / 100
        let digits = String(ticks)
        return String(text.prefix(19)) + "." + String(repeating: "0", count: 7 - digits.count) + digits
    }

    /// `2026-03-03T14:00:00.0000000Z`: a UTC stamp as Graph writes `expirationDateTime`.
    public static func utcStamp(_ instant: Timestamp) -> String { wallClock(instant) + "Z" }

    /// `2026-03-03T00:00:00.0000000`: the midnight of an all-day date.
    public static func midnight(_ date: CalendarDate) -> String { date.description + "T00:00:00.0000000" }

    /// The `{dateTime, timeZone}` object of a value: UTC for instants, the date's midnight in UTC
    /// for all-day values (Graph requires midnight boundaries and `isAllDay: true`).
    public static func json(_ value: EventDateTime) -> WireJSON {
        let text: String
        switch value {
        case .allDay(let date): text = midnight(date)
        case .timed(let instant, _): text = wallClock(instant)
        }
        return .object([WireMember("dateTime", .string(text)), WireMember("timeZone", .string("UTC"))])
    }

    /// Reads a `{dateTime, timeZone}` object. For all-day events the date part of `dateTime` is
    /// the date, whatever the zone (all-day events float). A timed value without a zone is UTC.
    /// - Throws: ``WireDecodingError`` with the path; never the value (user data).
    public static func read(_ reader: WireReader, allDay: Bool) throws(WireDecodingError) -> EventDateTime {
        let text = try reader.string("dateTime")
        if allDay {
            guard let date = CalendarDate(iso: text.prefix(10)) else {
                throw WireDecodingError(
                    path: reader.path(of: "dateTime"), expected: "a date-time starting YYYY-MM-DD",
                    found: "another value")
            }
            return .allDay(date)
        }
        let zone = try reader.optionalString("timeZone")
        do {
            return try EventDateTime.parse(dateTime: text, date: nil, timeZone: zone, field: reader.path)
        } catch {
            throw decodingError(error)
        }
    }

    /// A UTC stamp such as `lastModifiedDateTime` (`Z`, an offset, or none meaning UTC), or nil.
    public static func stamp(_ reader: WireReader, _ key: String) throws(WireDecodingError) -> Timestamp? {
        guard let text = try reader.optionalString(key), !text.isEmpty else { return nil }
        do {
            return try EventDateTime.parse(dateTime: text, date: nil, timeZone: nil, field: reader.path(of: key))
                .instant
        } catch {
            throw decodingError(error)
        }
    }

    /// The path and expectation of a model error, without its value (user data).
    static func decodingError(_ error: ModelError) -> WireDecodingError {
        switch error {
        case .missingField(let field): return WireDecodingError(path: field, expected: "a value", found: "nothing")
        case .invalidField(let field, _, let expected):
            return WireDecodingError(path: field, expected: expected, found: "another value")
        case .unknownValue(let field, _, let allowed):
            return WireDecodingError(
                path: field, expected: "one of " + allowed.joined(separator: ", "), found: "another value")
        }
    }
}
