public import TMinusCore

/// A person using Outlook (see ``HumanCalendarActions``): editing or deleting our mirrors there
/// too, and moving events between calendars (the REST id changes, the immutable id stays).
extension FakeGraphServer: HumanCalendarActions {
    private func act<T: Sendable>(
        _ body: (inout GraphServerState, Timestamp) throws(HumanActionError) -> T
    ) throws(HumanActionError) -> T {
        let now = clock.now()
        return try state.withLock { state in
            Result { () throws(HumanActionError) -> T in try body(&state, now) }
        }.get()
    }

    public func humanCreateCalendar(account: String, title: String) throws(HumanActionError) -> String {
        try act { state, _ throws(HumanActionError) in
            guard state.accounts[account] != nil else { throw .unknownAccount(account) }
            return state.createCalendar(owner: account, name: title, isDefault: false)
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
}
