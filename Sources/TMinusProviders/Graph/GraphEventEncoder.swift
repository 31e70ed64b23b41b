public import TMinusCore

/// Encodes a ``ProjectedEvent`` as the body of a Graph event create (`POST`) or update (`PATCH`).
///
/// PATCH only touches the members it sends, so every body carries the **whole** projected field
/// set, and fields the projection leaves nil are sent empty on purpose: `body.content: ""` and
/// `location.displayName: ""` really clear the text of a FULL→BUSY downgrade (engine rule 5).
/// Mirrors carry no attendees (`attendees: []`, so no invitation or update is ever sent —
/// Graph only notifies attendees), no reminder, no response request, and our markers: the
/// single-value extended property and our category. Instants are written in UTC (see
/// ``GraphDateTime``). Creates add the deterministic `transactionId`.
public enum GraphEventEncoder: Sendable {
    /// The JSON body; `transactionID` is included for creates only.
    public static func body(for projection: ProjectedEvent, propertyID: String, transactionID: String?) -> [UInt8] {
        #if TMINUS_SEEDED_DEFECTS
            var projection = projection
            if Defects.isActive(.graphAllDayEndInclusive), case .allDay(let day) = projection.end {
                projection.end = .allDay(CalendarDate(daysSinceEpoch: day.daysSinceEpoch - 1))
            }
        #endif
        var members: [WireMember] = [
            WireMember("subject", .string(projection.summary)),
            WireMember(
                "body",
                .object([
                    WireMember("contentType", .string("text")),
                    WireMember("content", .string(projection.description ?? "")),
                ])),
            WireMember("location", .object([WireMember("displayName", .string(projection.location ?? ""))])),
            WireMember("start", GraphDateTime.json(projection.start)),
            WireMember("end", GraphDateTime.json(projection.end)),
            WireMember("isAllDay", .bool(projection.start.isAllDay)),
            WireMember("showAs", .string(projection.transparency == .transparent ? "free" : "busy")),
            WireMember("sensitivity", .string(projection.visibility == .private ? "private" : "normal")),
            WireMember("isReminderOn", .bool(false)),
            WireMember("responseRequested", .bool(false)),
            WireMember("allowNewTimeProposals", .bool(false)),
            WireMember("attendees", .array([])),
            WireMember("categories", .array(projection.markers.microsoftCategories.map { .string($0) })),
            WireMember(
                "singleValueExtendedProperties",
                .array([
                    .object([
                        WireMember("id", .string(propertyID)),
                        WireMember("value", .string(projection.markers.microsoftPropertyValue)),
                    ])
                ])),
        ]
        if let transactionID { members.append(WireMember("transactionId", .string(transactionID))) }
        return WireJSON.object(members).serialized
    }

    /// True when `record` is live and already carries exactly the projected fields (instants
    /// compared as instants, engine rule 14) and, when `checkingMarkers`, our full markers: an
    /// adopted create needs no rewrite. POST answers never expand extended properties, so a
    /// create's answer is checked without markers.
    public static func matches(_ record: ProviderEventRecord, projection: ProjectedEvent, checkingMarkers: Bool)
        -> Bool
    {
        guard !record.isDeletion, let content = record.delta.content else { return false }
        return content.title == projection.summary
            && content.description == projection.description
            && content.location == projection.location
            && sameMoment(content.start, projection.start)
            && sameMoment(content.end, projection.end)
            && content.transparency == projection.transparency
            && (content.visibility == .private) == (projection.visibility == .private)
            && (!checkingMarkers || GraphMarkers.markers(in: record.delta.markers) == projection.markers)
    }

    private static func sameMoment(_ a: EventDateTime, _ b: EventDateTime) -> Bool {
        a.isAllDay == b.isAllDay && a.instant == b.instant
    }
}
