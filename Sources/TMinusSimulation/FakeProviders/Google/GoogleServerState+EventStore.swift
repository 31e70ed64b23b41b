import TMinusCore

/// The event operations shared by the HTTP API and the human API: lookup (including generated
/// occurrences of a series), create, revise, cancel and move. None of them checks access or
/// limits; callers do.
extension GoogleServerState {
    /// The newest version of `eventID`, or the generated occurrence it names
    /// (`<series>_<original start>`) when no stored record has that id.
    func lookup(_ eventID: String, in calendarID: String) -> GoogleEventVersion? {
        if let record = calendars[calendarID]?.events[eventID] { return record.current }
        return generatedOccurrence(eventID, in: calendarID)
    }

    /// The occurrence a derived instance id names, if its series is live and produces it.
    func generatedOccurrence(_ eventID: String, in calendarID: String) -> GoogleEventVersion? {
        guard let underscore = eventID.lastIndex(of: "_") else { return nil }
        let seriesID = String(eventID[..<underscore])
        let suffix = String(eventID[eventID.index(after: underscore)...])
        guard let series = calendars[calendarID]?.events[seriesID]?.current, series.isSeries, !series.isCancelled,
            let start = series.start
        else { return nil }
        let wanted: EventDateTime?
        if let date = CalendarDate(iso: suffix), suffix.count == 8 {
            wanted = .allDay(date)
        } else {
            wanted = try? EventDateTime.parse(dateTime: suffix, date: nil, timeZone: nil, field: "id")
        }
        guard let wanted else { return nil }
        let occurrences =
            (try? configuration.recurrence.occurrences(
                of: series.recurrence, start: start, end: series.end ?? start,
                before: wanted.instant.adding(.nanoseconds(1)),
                maximumCount: configuration.maximumOccurrences)) ?? []
        guard let match = occurrences.first(where: { GoogleDateTime.basic($0) == suffix }) else { return nil }
        return GoogleEventJSON.occurrence(of: series, seriesID: seriesID, originalStart: match)
    }

    /// Stores a new event (or a materialized occurrence, when `base` is one) and returns its version.
    @discardableResult
    mutating func store(
        _ eventID: String, in calendarID: String, content: [String: JSONValue], base: GoogleEventVersion?,
        iCalUID: String? = nil, now: Timestamp
    ) -> GoogleEventVersion {
        let version: GoogleEventVersion
        if let base {
            version = revised(base, content: content, now: now)
        } else {
            version = created(id: eventID, content: content, iCalUID: iCalUID, now: now)
        }
        commit(version, eventID: eventID, calendarID: calendarID, now: now)
        if version.isCancelled && version.isSeries { cancelExceptions(of: eventID, in: calendarID, now: now) }
        return calendars[calendarID]!.events[eventID]!.current
    }

    /// Marks an event cancelled (deleted); a series takes its exceptions with it.
    mutating func cancel(_ eventID: String, in calendarID: String, base: GoogleEventVersion, now: Timestamp) {
        var content = base.content
        content["status"] = "cancelled"
        store(eventID, in: calendarID, content: content, base: base, now: now)
    }

    private mutating func cancelExceptions(of seriesID: String, in calendarID: String, now: Timestamp) {
        let exceptions = calendars[calendarID]!.events.values
            .filter { $0.current.recurringEventID == seriesID && !$0.current.isCancelled }
            .map(\.id).sorted()
        for id in exceptions {
            cancel(id, in: calendarID, base: calendars[calendarID]!.events[id]!.current, now: now)
        }
    }

    /// Moves a live event (and, for a series, its exceptions) to another calendar under the same
    /// id; the source keeps a cancelled entry so its sync clients learn it left.
    /// - Returns: the moved version in the destination.
    @discardableResult
    mutating func relocate(_ eventID: String, from source: String, to destination: String, now: Timestamp)
        -> GoogleEventVersion
    {
        let base = calendars[source]!.events[eventID]!.current
        var moved = base
        moved.updated = now
        moved.etag = nextEtag(now)
        commit(moved, eventID: eventID, calendarID: destination, now: now)
        var tombstone = base.content
        tombstone["status"] = "cancelled"
        commit(revised(base, content: tombstone, now: now), eventID: eventID, calendarID: source, now: now)
        if base.isSeries {
            let exceptions = calendars[source]!.events.values
                .filter { $0.current.recurringEventID == eventID && !$0.current.isCancelled }
                .map(\.id).sorted()
            // An exception moves with its series, also back into a calendar that holds the
            // tombstone of its earlier move out (fuzz seed 46135).
            for id in exceptions where calendars[destination]!.events[id]?.current.isCancelled ?? true {
                relocate(id, from: source, to: destination, now: now)
            }
        }
        return calendars[destination]!.events[eventID]!.current
    }
}
