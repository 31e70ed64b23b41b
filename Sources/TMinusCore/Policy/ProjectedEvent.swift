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

    /// The content part of the hash input: every exposed field, absent ones as null; markers excluded.
    public var hashContent: JSONValue {
        .object([
            "summary": .string(summary),
            "description": description.map(JSONValue.string) ?? .null,
            "location": location.map(JSONValue.string) ?? .null,
            "start": Self.json(start),
            "end": Self.json(end),
            "transparency": .string(transparency.rawValue),
            "visibility": .string(visibility.rawValue),
        ])
    }

    /// Writes ``hashContent``'s exact stable bytes without building dictionaries (hot path).
    /// With `includingMarkers`, the marker fields are merged in sorted position (the wire payload form).
    public func writeHashContent(into writer: inout StableJSONWriter, includingMarkers: Bool = false) {
        writer.beginObject()
        if includingMarkers {
            writer.key("canonical_event_id")
            writer.string(markers.canonicalEventID)
        }
        writer.key("description")
        writer.string(description)
        writer.key("end")
        Self.write(end, into: &writer)
        writer.key("location")
        writer.string(location)
        if includingMarkers {
            writer.key("origin_account_id")
            writer.string(markers.originAccountID)
        }
        writer.key("start")
        Self.write(start, into: &writer)
        writer.key("summary")
        writer.string(summary)
        writer.key("transparency")
        writer.string(transparency.rawValue)
        writer.key("visibility")
        writer.string(visibility.rawValue)
        writer.endObject()
    }

    private static func write(_ value: EventDateTime, into writer: inout StableJSONWriter) {
        writer.beginObject()
        switch value {
        case .allDay(let date):
            writer.key("date")
            writer.string(date.description)
        case .timed(let instant, let zone):
            writer.key("dateTime")
            writer.string(instant.description)
            writer.key("timeZone")
            writer.string(zone.flatMap { utcNames.contains($0) ? nil : $0 })
        }
        writer.endObject()
    }

    /// Zone names that mean plain UTC. A UTC time carries no wall-clock rules, and providers read it
    /// back without a name (CalDAV `DTSTART:…Z`), so for the hash "UTC" and no zone are the same;
    /// otherwise every reconcile would see drift in such a mirror and rewrite it unchanged (C).
    static let utcNames: Set<String> = ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z", "Zulu", "Etc/Zulu"]

    /// Stable JSON form of a date-time: `{"date": "YYYY-MM-DD"}` or `{"dateTime": RFC 3339 UTC, "timeZone": …}`.
    public static func json(_ value: EventDateTime) -> JSONValue {
        switch value {
        case .allDay(let date):
            return .object(["date": .string(date.description)])
        case .timed(let instant, let zone):
            return .object(["dateTime": .string(instant.description), "timeZone": zone.map(JSONValue.string) ?? .null])
        }
    }
}
