package import TMinusCore

/// What a person does in Google Calendar's own app: the same state changes as the API, without
/// OAuth, quotas or the network (see ``HumanCalendarActions``).
extension GoogleServerState {
    /// The id of a live calendar `account` may write.
    func humanCalendar(_ calendarID: String, account: String) throws(HumanActionError) -> String {
        guard accounts[account] != nil else { throw .unknownAccount(account) }
        let id = resolve(calendarID, account: account)
        guard let calendar = calendars[id], !calendar.deleted, let role = calendar.role(of: account) else {
            throw .unknownCalendar(calendarID)
        }
        guard role >= .writer else { throw .notAllowed("\(account) may only read calendar \(calendarID)") }
        return id
    }

    /// The current version of a live, stored event.
    func humanEvent(_ eventID: String, in calendarID: String) throws(HumanActionError) -> GoogleEventVersion {
        guard let version = calendars[calendarID]?.events[eventID]?.current, !version.isCancelled else {
            throw .unknownEvent(eventID)
        }
        return version
    }

    package mutating func humanCreateEvent(_ draft: HumanEventDraft, account: String, calendarID: String, now: Timestamp)
        throws(HumanActionError) -> String
    {
        let id = try humanCalendar(calendarID, account: account)
        var content: [String: JSONValue] = [
            "summary": .string(draft.title), "start": GoogleDateTime.json(draft.start),
            "end": GoogleDateTime.json(draft.end), "status": "confirmed",
        ]
        if let description = draft.description { content["description"] = .string(description) }
        if let location = draft.location { content["location"] = .string(location) }
        if !draft.recurrence.isEmpty { content["recurrence"] = .array(draft.recurrence.map { .string($0) }) }
        if !draft.isBusy { content["transparency"] = "transparent" }
        if !draft.privateProperties.isEmpty {
            let tags = draft.privateProperties.mapValues(JSONValue.string)
            content["extendedProperties"] = .object(["private": .object(tags)])
        }
        let checked = try GoogleServerState.humanChecked(content)
        let eventID = CredentialMint.base32hex(length: 26, random: &streams.ids)
        store(eventID, in: id, content: checked, base: nil, now: now)
        trace.record(component: "google", event: "human.create \(id) \(eventID)")
        return eventID
    }

    package mutating func humanEditEvent(
        _ edit: HumanEventEdit, account: String, calendarID: String, eventID: String, now: Timestamp
    ) throws(HumanActionError) {
        let id = try humanCalendar(calendarID, account: account)
        let base = try humanEvent(eventID, in: id)
        let content = try GoogleServerState.humanChecked(GoogleServerState.applying(edit, to: base.content))
        store(eventID, in: id, content: content, base: base, now: now)
        trace.record(component: "google", event: "human.edit \(id) \(eventID)")
    }

    /// The stored exception or generated occurrence of `seriesID` at `originalStart`, and its id.
    func humanOccurrence(
        seriesID: String, originalStart: EventDateTime, in calendarID: String
    ) throws(HumanActionError) -> (id: String, version: GoogleEventVersion) {
        let series = try humanEvent(seriesID, in: calendarID)
        guard series.isSeries else { throw .invalid("event \(seriesID) is not a recurring series") }
        let instanceID = GoogleEventJSON.instanceID(seriesID: seriesID, originalStart: originalStart)
        if let stored = calendars[calendarID]?.events[instanceID]?.current {
            guard !stored.isCancelled else { throw .unknownEvent(instanceID) }
            return (instanceID, stored)
        }
        guard let generated = generatedOccurrence(instanceID, in: calendarID) else { throw .unknownEvent(instanceID) }
        return (instanceID, generated)
    }

    package mutating func humanEditOccurrence(
        _ edit: HumanEventEdit, account: String, calendarID: String, seriesID: String, originalStart: EventDateTime,
        now: Timestamp
    ) throws(HumanActionError) -> String {
        let id = try humanCalendar(calendarID, account: account)
        let occurrence = try humanOccurrence(seriesID: seriesID, originalStart: originalStart, in: id)
        let content = try GoogleServerState.humanChecked(
            GoogleServerState.applying(edit, to: occurrence.version.content))
        store(occurrence.id, in: id, content: content, base: occurrence.version, now: now)
        trace.record(component: "google", event: "human.edit-occurrence \(id) \(occurrence.id)")
        return occurrence.id
    }

    package mutating func humanCancelOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime, now: Timestamp
    ) throws(HumanActionError) {
        let id = try humanCalendar(calendarID, account: account)
        let occurrence = try humanOccurrence(seriesID: seriesID, originalStart: originalStart, in: id)
        cancel(occurrence.id, in: id, base: occurrence.version, now: now)
        trace.record(component: "google", event: "human.cancel-occurrence \(id) \(occurrence.id)")
    }

    package mutating func humanMoveEvent(account: String, eventID: String, from: String, to: String, now: Timestamp)
        throws(HumanActionError) -> String
    {
        let source = try humanCalendar(from, account: account)
        let destination = try humanCalendar(to, account: account)
        let base = try humanEvent(eventID, in: source)
        guard base.recurringEventID == nil else {
            throw .notAllowed("a single occurrence cannot move to another calendar")
        }
        guard source != destination else { return eventID }
        if let existing = calendars[destination]!.events[eventID]?.current, !existing.isCancelled {
            throw .notAllowed("calendar \(to) already holds an event \(eventID)")
        }
        relocate(eventID, from: source, to: destination, now: now)
        trace.record(component: "google", event: "human.move \(source) \(destination) \(eventID)")
        return eventID
    }

    package mutating func humanDeleteEvent(account: String, calendarID: String, eventID: String, now: Timestamp)
        throws(HumanActionError)
    {
        let id = try humanCalendar(calendarID, account: account)
        let base = try humanEvent(eventID, in: id)
        cancel(eventID, in: id, base: base, now: now)
        trace.record(component: "google", event: "human.delete \(id) \(eventID)")
    }

    package mutating func humanCreateCalendar(account: String, title: String, now: Timestamp) throws(HumanActionError) -> String
    {
        guard let record = accounts[account] else { throw .unknownAccount(account) }
        let id = newSecondaryCalendarID()
        createCalendar(owner: account, id: id, summary: title, timeZone: record.timeZone, isPrimary: false, now: now)
        return id
    }

    package mutating func humanDeleteCalendar(account: String, calendarID: String, now: Timestamp) throws(HumanActionError) {
        guard accounts[account] != nil else { throw .unknownAccount(account) }
        let id = resolve(calendarID, account: account)
        guard let calendar = calendars[id], !calendar.deleted, calendar.owner == account else {
            throw .unknownCalendar(calendarID)
        }
        guard !calendar.isPrimary else { throw .notAllowed("the primary calendar cannot be deleted") }
        removeCalendar(id, now: now)
    }

    /// `content` with the edit's fields replaced.
    static func applying(_ edit: HumanEventEdit, to content: [String: JSONValue]) -> [String: JSONValue] {
        var result = content
        if let title = edit.title { result["summary"] = .string(title) }
        if let start = edit.start { result["start"] = GoogleDateTime.json(start) }
        if let end = edit.end { result["end"] = GoogleDateTime.json(end) }
        if let description = edit.description { result["description"] = .string(description) }
        if let location = edit.location { result["location"] = .string(location) }
        if let busy = edit.isBusy { result["transparency"] = busy ? "opaque" : "transparent" }
        return result
    }

    /// The API's validation, reported as a human-action error.
    static func humanChecked(_ content: [String: JSONValue]) throws(HumanActionError) -> [String: JSONValue] {
        do {
            return try GoogleEventContent.validated(content)
        } catch {
            throw .invalid(error.message)
        }
    }
}
