/// The provider-neutral payload of one mirror: exactly the fields its detail level exposes.
///
/// Providers encode it on the wire (the providers layer). Updates replace the whole field set, so a
/// field that is nil here must be cleared at the provider (a FULL→BUSY downgrade really removes text).
public struct ProjectedEvent: Hashable, Sendable {
    /// Visibility a mirror may carry: BUSY mirrors are private, the others default.
    public enum Visibility: String, Sendable {
        case `default`, `private`
    }

    public var summary: String
    public var description: String?
    public var location: String?
    public var start: EventDateTime
    public var end: EventDateTime
    public var transparency: EventTransparency
    public var visibility: Visibility
    public var markers: ManagedMarkers

    /// Creates a payload.
    public init(
        summary: String, description: String?, location: String?, start: EventDateTime, end: EventDateTime,
        transparency: EventTransparency, visibility: Visibility, markers: ManagedMarkers
    ) {
        self.summary = summary
        self.description = description
        self.location = location
        self.start = start
        self.end = end
        self.transparency = transparency
        self.visibility = visibility
        self.markers = markers
    }

    /// The content part of the hash input: every exposed field, absent ones as null, date-times
    /// without zone names (see ``write(_:into:withZone:)``); markers excluded.
    public var hashContent: JSONValue { content(withZones: false) }

    /// The content as the wire payload carries it: like ``hashContent``, with zone names.
    public var payloadContent: JSONValue { content(withZones: true) }

    private func content(withZones: Bool) -> JSONValue {
        .object([
            "summary": .string(summary),
            "description": description.map(JSONValue.string) ?? .null,
            "location": location.map(JSONValue.string) ?? .null,
            "start": Self.json(start, withZone: withZones),
            "end": Self.json(end, withZone: withZones),
            "transparency": .string(transparency.rawValue),
            "visibility": .string(visibility.rawValue),
        ])
    }

    /// Writes ``hashContent``'s exact stable bytes without building dictionaries (hot path).
    /// With `includingMarkers`, the marker fields are merged in sorted position and zone names kept:
    /// ``payloadContent`` plus markers, the wire payload form.
    public func writeHashContent(into writer: inout StableJSONWriter, includingMarkers: Bool = false) {
        writer.beginObject()
        if includingMarkers {
            writer.key("canonical_event_id")
            writer.string(markers.canonicalEventID)
        }
        writer.key("description")
        writer.string(description)
        writer.key("end")
        Self.write(end, into: &writer, withZone: includingMarkers)
        writer.key("location")
        writer.string(location)
        if includingMarkers {
            writer.key("origin_account_id")
            writer.string(markers.originAccountID)
        }
        writer.key("start")
        Self.write(start, into: &writer, withZone: includingMarkers)
        writer.key("summary")
        writer.string(summary)
        writer.key("transparency")
        writer.string(transparency.rawValue)
        writer.key("visibility")
        writer.string(visibility.rawValue)
        writer.endObject()
    }

    /// A date-time: the day of an all-day value, the instant (and, `withZone`, the zone name) of a
    /// timed one. The hash leaves zone names out: a mirror carries no recurrence, so its instants
    /// are what it must show, and providers report names their own way (CalDAV reads a time back
    /// without one) — with names in the hash every reconcile saw drift in such mirrors and rewrote
    /// them unchanged (invariant C).
    private static func write(_ value: EventDateTime, into writer: inout StableJSONWriter, withZone: Bool) {
        writer.beginObject()
        switch value {
        case .allDay(let date):
            writer.key("date")
            writer.string(date.description)
        case .timed(let instant, let zone):
            writer.key("dateTime")
            writer.string(instant.description)
            if withZone {
                writer.key("timeZone")
                writer.string(zone)
            }
        }
        writer.endObject()
    }

    /// Stable JSON form of a date-time: `{"date": "YYYY-MM-DD"}` or `{"dateTime": RFC 3339 UTC, "timeZone": …}`
    /// (without `timeZone` when `withZone` is false: the hash form).
    public static func json(_ value: EventDateTime, withZone: Bool = true) -> JSONValue {
        switch value {
        case .allDay(let date):
            return .object(["date": .string(date.description)])
        case .timed(let instant, let zone):
            guard withZone else { return .object(["dateTime": .string(instant.description)]) }
            return .object(["dateTime": .string(instant.description), "timeZone": zone.map(JSONValue.string) ?? .null])
        }
    }
}
