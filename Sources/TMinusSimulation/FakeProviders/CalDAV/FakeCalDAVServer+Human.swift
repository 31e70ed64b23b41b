public import TMinusCore
import TMinusProviders

/// A person using a CalDAV client (Apple Calendar, Thunderbird) against this server (see
/// ``HumanCalendarActions``): event IDs are UIDs, calendar IDs collection paths. Editing or deleting
/// our mirrors and deleting the overlay collection are allowed — that is what the tampering
/// scenarios need.
extension FakeCalDAVServer: HumanCalendarActions {
    private func act<T: Sendable>(
        _ body: (inout CalDAVServerState, Timestamp) throws(HumanActionError) -> T
    ) throws(HumanActionError) -> T {
        let now = clock.now()
        return try state.withLock { state in
            Result { () throws(HumanActionError) -> T in try body(&state, now) }
        }.get()
    }

    public func humanCreateCalendar(account: String, title: String) throws(HumanActionError) -> String {
        try act { state, now throws(HumanActionError) in
            try state.humanCreateCalendar(account: account, title: title, now: now)
        }
    }

    public func humanDeleteCalendar(account: String, calendarID: String) throws(HumanActionError) {
        try act { state, now throws(HumanActionError) in
            try state.humanDeleteCalendar(account: account, calendarID: calendarID, now: now)
        }
    }

    public func humanCreateEvent(account: String, calendarID: String, _ draft: HumanEventDraft) throws(HumanActionError)
        -> String
    {
        try act { state, now throws(HumanActionError) in
            try state.humanCreateEvent(draft, account: account, calendarID: calendarID, now: now)
        }
    }

    public func humanEditEvent(account: String, calendarID: String, eventID: String, _ edit: HumanEventEdit)
        throws(HumanActionError)
    {
        try act { state, now throws(HumanActionError) in
            try state.humanEditEvent(edit, account: account, calendarID: calendarID, eventID: eventID, now: now)
        }
    }

    public func humanEditOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime, _ edit: HumanEventEdit
    ) throws(HumanActionError) -> String {
        try act { state, now throws(HumanActionError) in
            try state.humanEditOccurrence(
                edit, account: account, calendarID: calendarID, seriesID: seriesID, originalStart: originalStart,
                now: now)
        }
    }

    public func humanCancelOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime
    ) throws(HumanActionError) {
        try act { state, now throws(HumanActionError) in
            try state.humanCancelOccurrence(
                account: account, calendarID: calendarID, seriesID: seriesID, originalStart: originalStart, now: now)
        }
    }

    public func humanMoveEvent(account: String, eventID: String, from: String, to: String) throws(HumanActionError)
        -> String
    {
        try act { state, now throws(HumanActionError) in
            try state.humanMoveEvent(account: account, eventID: eventID, from: from, to: to, now: now)
        }
    }

    public func humanDeleteEvent(account: String, calendarID: String, eventID: String) throws(HumanActionError) {
        try act { state, now throws(HumanActionError) in
            try state.humanDeleteEvent(account: account, calendarID: calendarID, eventID: eventID, now: now)
        }
    }

    /// Writes a whole calendar object resource as a client would (any iCalendar the server
    /// accepts: a recurring series with overrides, foreign `X-` properties, a VTIMEZONE…), under
    /// the UID's own resource name unless `name` is given. Returns the stored ETag.
    /// - Throws: ``HumanActionError/invalid(_:)`` when the server would refuse the data.
    @discardableResult
    public func humanPutResource(account: String, calendarID: String, ics: String, name: String? = nil)
        throws(HumanActionError) -> String
    {
        try act { state, now throws(HumanActionError) in
            let path = try state.calendar(calendarID, of: account)
            let calendar: ICalendarCalendar
            do throws(CalDAVStoredData.Invalid) {
                calendar = try CalDAVStoredData.validated(Array(ics.utf8), truncateText: false)
            } catch {
                throw .invalid("the server refuses this data (\(error.condition.local))")
            }
            guard let uid = calendar.uids.first else { throw .invalid("no UID") }
            let member = name ?? CalDAVEventID.resourceName(forUID: uid)
            if state.collections[path]!.member(holding: uid, except: member) != nil {
                throw .notAllowed("another resource of the calendar holds UID \(uid)")
            }
            return state.store(calendar, name: member, in: path, now: now)
        }
    }
}
