package import TMinusCore
import TMinusProviders

/// What a person does in Outlook: the same state changes as the API, without OAuth, throttling
/// or the network (see ``HumanCalendarActions``). Ids may be immutable or REST ids.
extension GraphServerState {
    /// The id of a live calendar of `account`.
    func humanCalendar(_ calendarID: String, account: String) throws(HumanActionError) -> String {
        guard accounts[account] != nil else { throw .unknownAccount(account) }
        guard let calendar = calendars[calendarID], !calendar.deleted, calendar.owner == account else {
            throw .unknownCalendar(calendarID)
        }
        return calendarID
    }

    /// The live item an id names in a calendar, with its current version.
    func humanItem(_ eventID: String, in calendarID: String) throws(HumanActionError)
        -> (item: GraphItem, version: GraphEventVersion)
    {
        guard let item = resolve(eventID, in: calendarID), let version = liveVersion(item, in: calendarID) else {
            throw .unknownEvent(eventID)
        }
        return (item, version)
    }

    package mutating func humanCreateEvent(_ draft: HumanEventDraft, account: String, calendarID: String, now: Timestamp)
        throws(HumanActionError) -> String
    {
        let id = try humanCalendar(calendarID, account: account)
        guard draft.start.isAllDay == draft.end.isAllDay, draft.end.instant >= draft.start.instant else {
            throw .invalid("the end must not be before the start, and both must be all-day or both timed")
        }
        var fields = GraphEventFields(
            subject: draft.title, bodyContent: draft.description ?? "", location: draft.location ?? "",
            start: draft.start, end: draft.end, showAs: draft.isBusy ? "busy" : "free",
            startZone: GraphTimeZones.recordedName(draft.start.timeZone),
            endZone: GraphTimeZones.recordedName(draft.end.timeZone))
        if !draft.recurrence.isEmpty {
            fields.recurrence = try GraphServerState.pattern(draft.recurrence, start: draft.start)
        }
        let eventID = storeNew(fields, in: id, transactionID: nil, now: now)
        trace.record(component: "graph", event: "human.create \(id) \(eventID)")
        return eventID
    }

    package mutating func humanEditEvent(
        _ edit: HumanEventEdit, account: String, calendarID: String, eventID: String, now: Timestamp
    )
        throws(HumanActionError)
    {
        let id = try humanCalendar(calendarID, account: account)
        let found = try humanItem(eventID, in: id)
        let fields = try GraphServerState.applying(edit, to: found.version.fields)
        let stored = revise(found.item, in: id, fields: fields, now: now)
        trace.record(component: "graph", event: "human.edit \(id) \(stored)")
    }

    package mutating func humanEditOccurrence(
        _ edit: HumanEventEdit, account: String, calendarID: String, seriesID: String, originalStart: EventDateTime,
        now: Timestamp
    ) throws(HumanActionError) -> String {
        let id = try humanCalendar(calendarID, account: account)
        let occurrence = try humanOccurrence(seriesID: seriesID, originalStart: originalStart, in: id)
        let fields = try GraphServerState.applying(edit, to: occurrence.version.fields)
        let stored = revise(occurrence.item, in: id, fields: fields, now: now)
        trace.record(component: "graph", event: "human.edit-occurrence \(id) \(stored)")
        return stored
    }

    package mutating func humanCancelOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime, now: Timestamp
    ) throws(HumanActionError) {
        let id = try humanCalendar(calendarID, account: account)
        let occurrence = try humanOccurrence(seriesID: seriesID, originalStart: originalStart, in: id)
        remove(occurrence.item, in: id, now: now)
        trace.record(component: "graph", event: "human.cancel-occurrence \(id)")
    }

    /// Moves an event to another calendar: the immutable id (returned) stays, the REST id changes.
    package mutating func humanMoveEvent(account: String, eventID: String, from: String, to: String, now: Timestamp)
        throws(HumanActionError) -> String
    {
        let source = try humanCalendar(from, account: account)
        let destination = try humanCalendar(to, account: account)
        let found = try humanItem(eventID, in: source)
        guard case .stored(let id) = found.item, found.version.seriesMasterID == nil else {
            throw .notAllowed("a single occurrence cannot move to another calendar")
        }
        guard source != destination else { return id }
        relocate(id, from: source, to: destination, now: now)
        trace.record(component: "graph", event: "human.move \(source) \(destination) \(id)")
        return id
    }

    package mutating func humanDeleteEvent(account: String, calendarID: String, eventID: String, now: Timestamp)
        throws(HumanActionError)
    {
        let id = try humanCalendar(calendarID, account: account)
        let found = try humanItem(eventID, in: id)
        remove(found.item, in: id, now: now)
        trace.record(component: "graph", event: "human.delete \(id)")
    }

    package mutating func humanCreateCalendar(account: String, title: String, now: Timestamp) throws(HumanActionError)
        -> String
    {
        guard accounts[account] != nil else { throw .unknownAccount(account) }
        return createCalendar(owner: account, name: title, isDefault: false)
    }

    package mutating func humanDeleteCalendar(account: String, calendarID: String, now: Timestamp) throws(HumanActionError) {
        let id = try humanCalendar(calendarID, account: account)
        guard !calendars[id]!.isDefault else { throw .notAllowed("the default calendar cannot be deleted") }
        removeCalendar(id, now: now)
    }

    /// The occurrence (generated or stored exception) of a live series at `originalStart`.
    private func humanOccurrence(seriesID: String, originalStart: EventDateTime, in calendarID: String)
        throws(HumanActionError) -> (item: GraphItem, version: GraphEventVersion)
    {
        let series = try humanItem(seriesID, in: calendarID)
        guard case .stored(let masterID) = series.item, series.version.isSeriesMaster else {
            throw .invalid("event \(seriesID) is not a recurring series")
        }
        let occurrenceID = GraphIdentifiers.occurrenceID(seriesID: masterID, originalStart: originalStart)
        return try humanItem(occurrenceID, in: calendarID)
    }

    /// `fields` with the edit applied.
    static func applying(_ edit: HumanEventEdit, to fields: GraphEventFields) throws(HumanActionError)
        -> GraphEventFields
    {
        var result = fields
        if let title = edit.title { result.subject = title }
        if let description = edit.description {
            result.bodyContent = description
            result.bodyType = "text"
        }
        if let location = edit.location { result.location = location }
        if let busy = edit.isBusy { result.showAs = busy ? "busy" : "free" }
        if let start = edit.start {
            result.start = start
            result.startZone = GraphTimeZones.recordedName(start.timeZone)
        }
        if let end = edit.end {
            result.end = end
            result.endZone = GraphTimeZones.recordedName(end.timeZone)
        }
        guard result.start.isAllDay == result.end.isAllDay, result.end.instant >= result.start.instant else {
            throw .invalid("the end must not be before the start, and both must be all-day or both timed")
        }
        return result
    }

    /// The pattern Outlook stores for one RRULE line (Outlook series have exactly one pattern).
    static func pattern(_ lines: [String], start: EventDateTime) throws(HumanActionError) -> GraphRecurrencePattern {
        guard lines.count == 1, lines[0].uppercased().hasPrefix("RRULE:") else {
            throw .invalid("an Outlook series has exactly one RRULE (delete occurrences instead of EXDATE)")
        }
        guard let rule = try? RecurrenceRule(parsing: String(lines[0].dropFirst(6))),
            let pattern = GraphRecurrencePattern(rule: rule, start: start, timeZone: start.timeZone)
        else { throw .invalid("Outlook cannot express the rule \(lines[0])") }
        return pattern
    }
}
