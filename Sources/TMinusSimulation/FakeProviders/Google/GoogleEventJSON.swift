import TMinusCore

/// How the fake renders events on the wire (G-EVT): the full resource, the minimal shape of a
/// deleted entry in listings (G-DISC: only `id` guaranteed, plus `recurringEventId` and
/// `originalStartTime` for a cancelled occurrence), and generated instances of a series.
enum GoogleEventJSON {
    /// The full resource of `version` of event `id` in `calendar`.
    static func full(id: String, version: GoogleEventVersion, calendar: GoogleCalendarRecord) -> JSONValue {
        full(id: id, version: version, calendarID: calendar.id, owner: calendar.owner)
    }

    /// The full resource of `version` of event `id` in calendar `calendarID` owned by `owner`.
    static func full(id: String, version: GoogleEventVersion, calendarID: String, owner: String) -> JSONValue {
        var object = version.content
        object["kind"] = "calendar#event"
        object["etag"] = .string(version.etag)
        object["id"] = .string(id)
        object["status"] = .string(version.status)
        object["htmlLink"] = .string(
            "https://www.google.com/calendar/event?eid=" + Base64URL.encode(Array("\(id) \(calendarID)".utf8)))
        object["created"] = .string(CivilTime.rfc3339(version.created))
        object["updated"] = .string(CivilTime.rfc3339(version.updated))
        object["creator"] = ["email": .string(owner)]
        object["organizer"] = ["email": .string(calendarID), "self": true]
        object["iCalUID"] = .string(version.iCalUID)
        object["sequence"] = .int(version.sequence)
        if object["reminders"] == nil { object["reminders"] = ["useDefault": true] }
        if object["eventType"] == nil { object["eventType"] = "default" }
        if let series = version.recurringEventID { object["recurringEventId"] = .string(series) }
        if let original = version.originalStart { object["originalStartTime"] = GoogleDateTime.json(original) }
        return .object(object)
    }

    /// The minimal shape of a cancelled entry in a listing.
    static func minimal(id: String, version: GoogleEventVersion) -> JSONValue {
        var object: [String: JSONValue] = [
            "kind": "calendar#event", "etag": .string(version.etag), "id": .string(id), "status": "cancelled",
        ]
        if let series = version.recurringEventID { object["recurringEventId"] = .string(series) }
        if let original = version.originalStart { object["originalStartTime"] = GoogleDateTime.json(original) }
        return .object(object)
    }

    /// The id of the occurrence of `seriesID` originally starting at `originalStart`
    /// (`<series>_<20260302T090000Z>`, date-only for all-day; commonly seen, undocumented).
    static func instanceID(seriesID: String, originalStart: EventDateTime) -> String {
        seriesID + "_" + GoogleDateTime.basic(originalStart)
    }

    /// The version an occurrence of `series` would have if nobody changed it: the series' fields
    /// moved to `originalStart` (same duration), without `recurrence`, pointing at its series.
    static func occurrence(of series: GoogleEventVersion, seriesID: String, originalStart: EventDateTime)
        -> GoogleEventVersion
    {
        var version = series
        var content = series.content
        content.removeValue(forKey: "recurrence")
        content["start"] = GoogleDateTime.json(originalStart)
        if let start = series.start, let end = series.end {
            content["end"] = GoogleDateTime.json(shifted(end, by: start, to: originalStart))
        }
        version.content = content
        version.recurringEventID = seriesID
        version.originalStart = originalStart
        return version
    }

    /// `end` moved by the distance from `start` to `target`, keeping its zone or all-day form.
    static func shifted(_ end: EventDateTime, by start: EventDateTime, to target: EventDateTime) -> EventDateTime {
        switch (end, start, target) {
        case (.allDay(let e), .allDay(let s), .allDay(let t)):
            return .allDay(CalendarDate(daysSinceEpoch: t.daysSinceEpoch + (e.daysSinceEpoch - s.daysSinceEpoch)))
        default:
            let length = end.instant.duration(since: start.instant)
            return .timed(target.instant.adding(length), timeZone: end.timeZone ?? target.timeZone)
        }
    }
}

/// Everything rendering one listed event reads, so equal inputs render equal bytes (the key of
/// ``GoogleServerState/renderedEvents``). Equality compares every field; the hash takes the few
/// that tell versions apart (equal inputs still hash alike).
struct GoogleRenderInput: Hashable, Sendable {
    /// Which shape of ``GoogleEventJSON`` renders it.
    enum Shape: Hashable, Sendable {
        /// ``GoogleEventJSON/full(id:version:calendarID:owner:)``.
        case full(calendarID: String, owner: String)
        /// ``GoogleEventJSON/minimal(id:version:)``.
        case minimal
    }

    var id: String
    var version: GoogleEventVersion
    var shape: Shape

    /// The listed resource.
    var json: JSONValue {
        switch shape {
        case .full(let calendarID, let owner):
            return GoogleEventJSON.full(id: id, version: version, calendarID: calendarID, owner: owner)
        case .minimal:
            return GoogleEventJSON.minimal(id: id, version: version)
        }
    }

    static func == (a: GoogleRenderInput, b: GoogleRenderInput) -> Bool {
        a.id == b.id && a.shape == b.shape && a.version == b.version
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(version.etag)
        hasher.combine(version.position)
    }
}
