import TMinusCore

/// Reads one Graph event resource (or delta entry) into a ``ProviderEventRecord`` (pure).
///
/// - `@removed` entries are deletions and need only `id` (M-DELTA); so are events with
///   `isCancelled: true` (a cancelled meeting is positive evidence, engine rule 3).
/// - Live events need `start` and `end`; `isAllDay` reads them as dates. Instants are UTC on the
///   wire (`Prefer: outlook.timezone="UTC"`); the event's own zone comes from
///   `originalStartTimeZone` (Windows → IANA), else the zone of `start`.
/// - `showAs: free` is transparent, anything else opaque; `sensitivity` private/personal →
///   private, confidential → confidential, normal → default.
/// - Occurrences and exceptions carry `seriesMasterId` + `originalStart` as instance identity; a
///   series master carries its `patternedRecurrence` as an RRULE for reference.
/// - Markers: our single-value extended property (when expanded) and the categories.
/// - Attendees, organizer and online-meeting data are never read.
public enum GraphEventParser: Sendable {
    /// Reads `json` (at `path`, e.g. `value[3]`) as an event of `calendarID`.
    public static func record(from json: WireJSON, calendarID: String, propertyID: String, path: String)
        throws(WireDecodingError) -> ProviderEventRecord
    {
        let event = try WireReader(json, path: path)
        let id = try event.string("id")
        if try event.optionalReader("@removed") != nil {
            let delta = ProviderEventDelta(kind: .deleted, providerEventID: id, calendarID: calendarID, content: nil)
            return ProviderEventRecord(delta: delta)
        }
        let markers = GraphMarkers.evidence(
            propertyValue: try propertyValue(event, propertyID: propertyID), categories: try categories(event))
        let allDay = try event.optionalBool("isAllDay") ?? false
        var instance: RecurringInstanceIdentity?
        if let series = try event.optionalString("seriesMasterId"), !series.isEmpty,
            let original = try GraphDateTime.stamp(event, "originalStart")
        {
            let start: EventDateTime =
                allDay
                ? .allDay(CalendarDate(daysSinceEpoch: floorDays(original.secondsSinceEpoch)))
                : .timed(original, timeZone: try zone(event))
            instance = RecurringInstanceIdentity(seriesID: series, originalStart: start)
        }
        let delta: ProviderEventDelta
        if try event.optionalBool("isCancelled") == true {
            delta = ProviderEventDelta(
                kind: .deleted, providerEventID: id, calendarID: calendarID, content: nil, markers: markers)
        } else {
            delta = ProviderEventDelta(
                kind: .updated, providerEventID: id, calendarID: calendarID,
                content: try content(of: event, allDay: allDay), markers: markers)
        }
        var version = try event.optionalString("changeKey")
        if version == nil { version = try event.optionalString("@odata.etag") }
        return ProviderEventRecord(
            delta: delta, version: version.map(ResourceVersion.init), instance: instance,
            updatedAt: try GraphDateTime.stamp(event, "lastModifiedDateTime"),
            iCalendarUID: try event.optionalString("iCalUId"))
    }

    private static func content(of event: WireReader, allDay: Bool) throws(WireDecodingError) -> EventContent {
        let zone = try zone(event)
        let start = relabel(try GraphDateTime.read(try event.reader("start"), allDay: allDay), zone: zone)
        let end = relabel(try GraphDateTime.read(try event.reader("end"), allDay: allDay), zone: zone)
        let visibility: EventVisibility =
            switch try event.optionalString("sensitivity") ?? "normal" {
            case "normal": .default
            case "confidential": .confidential
            default: .private
            }
        let transparency: EventTransparency = try event.optionalString("showAs") == "free" ? .transparent : .opaque
        var rule: String?
        if let recurrence = try event.optionalReader("recurrence") {
            rule = try? GraphRecurrencePattern(json: recurrence).rule().description
        }
        return EventContent(
            title: try event.optionalString("subject"), description: try body(event),
            location: try location(event), start: start, end: end, status: .confirmed, visibility: visibility,
            transparency: transparency, recurrenceRule: rule)
    }

    /// The event's IANA zone from `originalStartTimeZone` (Windows or IANA), or nil when absent
    /// or not mappable (`tzone://Microsoft/Custom`, …): unknown zones never fail a read.
    private static func zone(_ event: WireReader) throws(WireDecodingError) -> String? {
        guard let name = try event.optionalString("originalStartTimeZone"), !name.isEmpty else { return nil }
        return TimeZoneNames.ianaName(for: name)
    }

    /// A timed value carries the event's own zone when known (the instant is unchanged).
    private static func relabel(_ value: EventDateTime, zone: String?) -> EventDateTime {
        guard case .timed(let instant, let wireZone) = value else { return value }
        return .timed(instant, timeZone: zone ?? wireZone)
    }

    private static func body(_ event: WireReader) throws(WireDecodingError) -> String? {
        guard let body = try event.optionalReader("body"), let text = try body.optionalString("content") else {
            return nil
        }
        return text.isEmpty ? nil : text
    }

    private static func location(_ event: WireReader) throws(WireDecodingError) -> String? {
        guard let location = try event.optionalReader("location"),
            let name = try location.optionalString("displayName")
        else { return nil }
        return name.isEmpty ? nil : name
    }

    private static func categories(_ event: WireReader) throws(WireDecodingError) -> [String] {
        var names: [String] = []
        for (index, entry) in try event.array("categories").enumerated() {
            guard case .string(let name) = entry else {
                throw WireDecodingError(
                    path: event.path(of: "categories[\(index)]"), expected: "a string", found: entry.typeName)
            }
            names.append(name)
        }
        return names
    }

    private static func propertyValue(_ event: WireReader, propertyID: String) throws(WireDecodingError) -> String? {
        for (index, entry) in try event.array("singleValueExtendedProperties").enumerated() {
            let property = try WireReader(entry, path: event.path(of: "singleValueExtendedProperties[\(index)]"))
            guard GraphMarkers.sameProperty(try property.string("id"), propertyID) else { continue }
            return try property.optionalString("value") ?? ""
        }
        return nil
    }

    private static func floorDays(_ seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }
}
