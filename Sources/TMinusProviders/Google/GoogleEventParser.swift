public import TMinusCore

/// Reads one Google Event resource into a ``ProviderEventRecord`` (pure).
///
/// - `status: cancelled` is a deletion: only `id` is required (Google's minimal shape); a
///   cancelled occurrence of a live series keeps its `recurringEventId` + `originalStartTime` as
///   the instance identity, so only that instance is deleted.
/// - Live events need `start` and `end`; everything else is optional. Attendees, organizer,
///   conference data and reminders are never read.
/// - An unknown `visibility` is read as `private` (privacy first); an unknown `transparency` as
///   `opaque`; an unknown `status` is malformed.
public enum GoogleEventParser: Sendable {
    /// Reads `json` (at `path`, e.g. `items[3]`) as an event of `calendarID`.
    public static func record(from json: WireJSON, calendarID: String, path: String) throws(WireDecodingError)
        -> ProviderEventRecord
    {
        let event = try WireReader(json, path: path)
        let id = try event.string("id")
        let status = try event.optionalString("status") ?? "confirmed"
        let markers = MarkerEvidence.google(privateProperties: try privateProperties(of: event))
        let evidence: MarkerEvidence = markers == .google(privateProperties: [:]) ? .none : markers
        var instance: RecurringInstanceIdentity?
        if let series = try event.optionalString("recurringEventId"), !series.isEmpty,
            let original = try event.optionalReader("originalStartTime")
        {
            instance = RecurringInstanceIdentity(seriesID: series, originalStart: try dateTime(original))
        }
        let delta: ProviderEventDelta
        switch status {
        case "cancelled":
            delta = ProviderEventDelta(
                kind: .deleted, providerEventID: id, calendarID: calendarID, content: nil, markers: evidence)
        case "confirmed", "tentative":
            let content = try self.content(of: event, status: status == "tentative" ? .tentative : .confirmed)
            delta = ProviderEventDelta(
                kind: .updated, providerEventID: id, calendarID: calendarID, content: content, markers: evidence)
        default:
            throw WireDecodingError(
                path: event.path(of: "status"), expected: "confirmed, tentative or cancelled", found: "another value")
        }
        return ProviderEventRecord(
            delta: delta, version: try event.optionalString("etag").map(ResourceVersion.init), instance: instance,
            updatedAt: try timestamp(event, "updated"), iCalendarUID: try event.optionalString("iCalUID"))
    }

    private static func content(of event: WireReader, status: EventStatus) throws(WireDecodingError) -> EventContent {
        let start = try dateTime(try event.reader("start"))
        let end = try dateTime(try event.reader("end"))
        let visibility: EventVisibility =
            switch try event.optionalString("visibility") ?? "default" {
            case "default": .default
            case "public": .public
            case "confidential": .confidential
            default: .private
            }
        let transparency: EventTransparency =
            try event.optionalString("transparency") == "transparent" ? .transparent : .opaque
        var rule: String?
        for line in try event.array("recurrence") {
            guard case .string(let text) = line else {
                throw WireDecodingError(
                    path: event.path(of: "recurrence"), expected: "an array of strings", found: line.typeName)
            }
            if rule == nil, text.hasPrefix("RRULE:") { rule = String(text.dropFirst(6)) }
        }
        return EventContent(
            title: try event.optionalString("summary"), description: try event.optionalString("description"),
            location: try event.optionalString("location"), start: start, end: end, status: status,
            visibility: visibility, transparency: transparency, recurrenceRule: rule)
    }

    /// Google's `{date}` / `{dateTime, timeZone}` object.
    public static func dateTime(_ reader: WireReader) throws(WireDecodingError) -> EventDateTime {
        let dateTime = try reader.optionalString("dateTime")
        let date = try reader.optionalString("date")
        let timeZone = try reader.optionalString("timeZone")
        try checkYear(date, path: reader.path(of: "date"))
        try checkYear(dateTime, path: reader.path(of: "dateTime"))
        do {
            return try EventDateTime.parse(dateTime: dateTime, date: date, timeZone: timeZone, field: reader.path)
        } catch {
            throw decodingError(error)
        }
    }

    /// An RFC 3339 stamp such as `updated`, or nil when absent.
    static func timestamp(_ reader: WireReader, _ key: String) throws(WireDecodingError) -> Timestamp? {
        guard let text = try reader.optionalString(key) else { return nil }
        try checkYear(text, path: reader.path(of: key))
        do {
            return try EventDateTime.parse(dateTime: text, date: nil, timeZone: nil, field: reader.path(of: key))
                .instant
        } catch {
            throw decodingError(error)
        }
    }

    /// Years a `Timestamp` (Int64 nanoseconds) can hold, with a margin: 1678 through 2261.
    static let supportedYears: ClosedRange<Int> = 1678...2261

    /// Rejects a date or date-time whose leading year is outside ``supportedYears`` before it
    /// reaches the model, so an absurd year is a malformed payload and never an overflow.
    static func checkYear(_ text: String?, path: String) throws(WireDecodingError) {
        guard let text else { return }
        let digits = text.utf8.prefix(4)
        guard digits.count == 4, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            let year = Int(String(decoding: digits, as: UTF8.self))
        else { return }  // not a year at all: the model's own parser reports the format
        guard supportedYears.contains(year) else {
            throw WireDecodingError(path: path, expected: "a year from 1678 to 2261", found: "a year outside that range")
        }
    }

    private static func privateProperties(of event: WireReader) throws(WireDecodingError) -> [String: String] {
        guard let extended = try event.optionalReader("extendedProperties") else { return [:] }
        return try extended.stringMap("private")
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
