package import TMinusCore

/// A fake provider's true state as people change it: each fake's state type implements these with
/// its provider's own rules (ids, versions, change logs, push), stamped with `now`.
package protocol HumanActionState: Sendable {
    /// Creates a secondary calendar; returns its id.
    mutating func humanCreateCalendar(account: String, title: String, now: Timestamp) throws(HumanActionError)
        -> String
    /// Deletes a calendar with everything in it.
    mutating func humanDeleteCalendar(account: String, calendarID: String, now: Timestamp) throws(HumanActionError)
    /// Creates an event; returns its id.
    mutating func humanCreateEvent(_ draft: HumanEventDraft, account: String, calendarID: String, now: Timestamp)
        throws(HumanActionError) -> String
    /// Changes the given fields of an event or a whole series.
    mutating func humanEditEvent(
        _ edit: HumanEventEdit, account: String, calendarID: String, eventID: String, now: Timestamp
    ) throws(HumanActionError)
    /// Changes one occurrence of a series; returns the occurrence's id.
    mutating func humanEditOccurrence(
        _ edit: HumanEventEdit, account: String, calendarID: String, seriesID: String, originalStart: EventDateTime,
        now: Timestamp
    ) throws(HumanActionError) -> String
    /// Deletes one occurrence of a series.
    mutating func humanCancelOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime, now: Timestamp
    ) throws(HumanActionError)
    /// Moves an event to another calendar; returns its id there.
    mutating func humanMoveEvent(account: String, eventID: String, from: String, to: String, now: Timestamp)
        throws(HumanActionError) -> String
    /// Deletes an event or a whole series.
    mutating func humanDeleteEvent(account: String, calendarID: String, eventID: String, now: Timestamp)
        throws(HumanActionError)
}

/// A fake server whose ``HumanCalendarActions`` are its state's ``HumanActionState`` changes, made
/// under the server's lock at its clock's time. Conforming is one line per fake: the forwarding is
/// written once, here.
package protocol HumanActingServer: HumanCalendarActions, LockedFakeServer where ServedState: HumanActionState {}

extension HumanActingServer {
    /// Runs `body` on the state under its lock, with the clock's time read once.
    func humanAct<T: Sendable>(
        _ body: (inout ServedState, Timestamp) throws(HumanActionError) -> T
    ) throws(HumanActionError) -> T {
        let now = clock.now()
        return try state.withLock { state in
            Result { () throws(HumanActionError) -> T in try body(&state, now) }
        }.get()
    }

    package func humanCreateCalendar(account: String, title: String) throws(HumanActionError) -> String {
        try humanAct { state, now throws(HumanActionError) in
            try state.humanCreateCalendar(account: account, title: title, now: now)
        }
    }

    package func humanDeleteCalendar(account: String, calendarID: String) throws(HumanActionError) {
        try humanAct { state, now throws(HumanActionError) in
            try state.humanDeleteCalendar(account: account, calendarID: calendarID, now: now)
        }
    }

    package func humanCreateEvent(account: String, calendarID: String, _ draft: HumanEventDraft)
        throws(HumanActionError) -> String
    {
        try humanAct { state, now throws(HumanActionError) in
            try state.humanCreateEvent(draft, account: account, calendarID: calendarID, now: now)
        }
    }

    package func humanEditEvent(account: String, calendarID: String, eventID: String, _ edit: HumanEventEdit)
        throws(HumanActionError)
    {
        try humanAct { state, now throws(HumanActionError) in
            try state.humanEditEvent(edit, account: account, calendarID: calendarID, eventID: eventID, now: now)
        }
    }

    package func humanEditOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime, _ edit: HumanEventEdit
    ) throws(HumanActionError) -> String {
        try humanAct { state, now throws(HumanActionError) in
            try state.humanEditOccurrence(
                edit, account: account, calendarID: calendarID, seriesID: seriesID, originalStart: originalStart,
                now: now)
        }
    }

    package func humanCancelOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime
    ) throws(HumanActionError) {
        try humanAct { state, now throws(HumanActionError) in
            try state.humanCancelOccurrence(
                account: account, calendarID: calendarID, seriesID: seriesID, originalStart: originalStart, now: now)
        }
    }

    package func humanMoveEvent(account: String, eventID: String, from: String, to: String) throws(HumanActionError)
        -> String
    {
        try humanAct { state, now throws(HumanActionError) in
            try state.humanMoveEvent(account: account, eventID: eventID, from: from, to: to, now: now)
        }
    }

    package func humanDeleteEvent(account: String, calendarID: String, eventID: String) throws(HumanActionError) {
        try humanAct { state, now throws(HumanActionError) in
            try state.humanDeleteEvent(account: account, calendarID: calendarID, eventID: eventID, now: now)
        }
    }
}
