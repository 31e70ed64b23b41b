import TMinusCore

/// Google's `{dateTime, timeZone}` / `{date}` objects (G-EVT) to and from ``EventDateTime``, and
/// the basic-format suffix of instance ids.
enum GoogleDateTime {
    /// The value of a start/end object, or nil when absent or malformed.
    static func parse(_ value: JSONValue?) -> EventDateTime? {
        guard case .object(let fields)? = value else { return nil }
        return try? EventDateTime.parse(
            dateTime: string(fields["dateTime"]), date: string(fields["date"]), timeZone: string(fields["timeZone"]),
            field: "start")
    }

    /// Like ``parse(_:)`` but throwing Google's 400 for `field` (`start` or `end`).
    static func require(_ value: JSONValue?, field: String) throws(GoogleAPIError) -> EventDateTime {
        guard case .object(let fields)? = value else {
            throw .required(field, message: "Missing \(field) time.")
        }
        do {
            return try EventDateTime.parse(
                dateTime: string(fields["dateTime"]), date: string(fields["date"]),
                timeZone: string(fields["timeZone"]),
                field: field)
        } catch {
            throw .invalid("Invalid \(field) time.")
        }
    }

    /// The JSON object Google sends for a value: timed values as local time with offset in their
    /// zone (UTC when none) plus `timeZone`; all-day values as `{"date": …}`.
    static func json(_ value: EventDateTime) -> JSONValue {
        switch value {
        case .allDay(let date):
            return ["date": .string(date.description)]
        case .timed(let instant, let zone):
            let offset = zone.map { TimeZoneNames.offsetSeconds(of: $0, at: instant) } ?? 0
            let local = CivilTime.rfc3339(instant.adding(.seconds(offset)))
            // `2026-03-02T09:00:00.000Z` → `2026-03-02T09:00:00` + offset
            let text = String(local.prefix(19)) + offsetText(offset)
            var object: [String: JSONValue] = ["dateTime": .string(text)]
            if let zone { object["timeZone"] = .string(zone) }
            return .object(object)
        }
    }

    /// `Z` or `±HH:MM`.
    static func offsetText(_ seconds: Int64) -> String {
        guard seconds != 0 else { return "Z" }
        let sign = seconds < 0 ? "-" : "+"
        let magnitude = abs(seconds)
        return sign + two(magnitude / 3600) + ":" + two(magnitude % 3600 / 60)
    }

    /// `20260302T090000Z` (timed, UTC) or `20260302` (all-day): the suffix of an instance id.
    static func basic(_ value: EventDateTime) -> String {
        switch value {
        case .allDay(let date):
            return date.description.replacingDashes
        case .timed(let instant, _):
            let text = CivilTime.rfc3339(instant)
            return String(text.prefix(10)).replacingDashes + "T" + String(text.dropFirst(11).prefix(8)).removingColons
                + "Z"
        }
    }

    private static func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension String {
    fileprivate var replacingDashes: String { String(filter { $0 != "-" }) }
    fileprivate var removingColons: String { String(filter { $0 != ":" }) }
}
