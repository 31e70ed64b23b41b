import TMinusCore

/// Decides whether an existing CalDAV resource found on a create is our mirror and whether it
/// already equals the projection (pure), so a retried create adopts instead of duplicating
/// (engine rule 6) and rewrites only when the content differs.
enum CalDAVAdoption {
    /// The record of the non-recurring VEVENT `uid` in `body`.
    /// - Throws: ``ICalendarError`` when the body cannot be read or holds no such event.
    static func record(of body: [UInt8], uid: String, calendarID: String) throws(ICalendarError) -> ProviderEventRecord
    {
        let calendar = try ICalendarCalendar.parse(body)
        guard let master = try calendar.series().first(where: { $0.uid == uid })?.master else {
            throw .missingProperty(line: 0, component: "VCALENDAR", property: "VEVENT with the mirror's UID")
        }
        let zones = calendar.timeZones
        let content = try ICalendarMapping.content(of: master, timeZones: zones)
        let cancelled = content.status == .cancelled
        let delta = ProviderEventDelta(
            kind: cancelled ? .deleted : .updated, providerEventID: uid, calendarID: calendarID,
            content: cancelled ? nil : content, markers: ICalendarMapping.markerEvidence(of: master))
        return ProviderEventRecord(delta: delta, iCalendarUID: uid)
    }

    /// True when `record` carries our markers (a mirror's or a write-through origin's) for the
    /// projection's canonical event.
    static func isOurs(_ record: ProviderEventRecord, projection: ProjectedEvent) -> Bool {
        EventClassifier.ourMarkers(record.delta.markers)?.canonicalEventID == projection.markers.canonicalEventID
    }

    /// True when `record` is live and carries exactly the projected fields and markers (instants
    /// compared as instants: mirrors are written in UTC, so the zone name is not kept).
    static func matches(_ record: ProviderEventRecord, projection: ProjectedEvent) -> Bool {
        guard !record.isDeletion, let content = record.delta.content else { return false }
        return content.title == projection.summary
            && content.description == projection.description
            && content.location == projection.location
            && same(content.start, projection.start) && same(content.end, projection.end)
            && content.status == .confirmed
            && content.transparency == projection.transparency
            && (content.visibility == .private) == (projection.visibility == .private)
            && record.delta.markers == projection.markers.evidence(for: .caldav)
    }

    private static func same(_ a: EventDateTime, _ b: EventDateTime) -> Bool {
        a.isAllDay == b.isAllDay && a.instant.secondsSinceEpoch == b.instant.secondsSinceEpoch
    }
}
