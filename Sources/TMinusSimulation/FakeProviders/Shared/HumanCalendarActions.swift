public import TMinusCore

/// What a simulated person can do in a provider's own calendar app, as Swift calls rather than HTTP:
/// the workload and scripted scenario steps drive every fake (Google, Graph, CalDAV) through this
/// one protocol.
///
/// Human actions change the provider's true state exactly as the app would (new change-log entries,
/// fresh versions, push notifications, the provider's clock stamping them) but bypass rate limits,
/// OAuth and the network: people are not API clients. They may touch anything, our mirrors
/// included — that is the point of the tampering scenarios. Identifiers are the provider's own.
package protocol HumanCalendarActions: Sendable {
    /// Creates a secondary calendar; returns its id.
    func humanCreateCalendar(account: String, title: String) throws(HumanActionError) -> String

    /// Deletes a calendar with everything in it (e.g. the person removes our overlay calendar).
    func humanDeleteCalendar(account: String, calendarID: String) throws(HumanActionError)

    /// Creates an event; returns its id.
    func humanCreateEvent(account: String, calendarID: String, _ draft: HumanEventDraft) throws(HumanActionError)
        -> String

    /// Changes the given fields of an event (a whole series when `eventID` is a series).
    func humanEditEvent(account: String, calendarID: String, eventID: String, _ edit: HumanEventEdit)
        throws(HumanActionError)

    /// Changes one occurrence of a recurring series, making it an exception.
    /// - Returns: the id of the occurrence.
    func humanEditOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime, _ edit: HumanEventEdit
    ) throws(HumanActionError) -> String

    /// Deletes one occurrence of a recurring series ("delete this event" on one instance).
    func humanCancelOccurrence(
        account: String, calendarID: String, seriesID: String, originalStart: EventDateTime
    ) throws(HumanActionError)

    /// Moves an event to another calendar of the same account.
    /// - Returns: the event's id in the destination calendar (Google keeps it; others may not).
    func humanMoveEvent(account: String, eventID: String, from: String, to: String) throws(HumanActionError) -> String

    /// Deletes an event (a whole series when `eventID` is a series).
    func humanDeleteEvent(account: String, calendarID: String, eventID: String) throws(HumanActionError)
}

/// A new event as a person types it into the calendar app.
public struct HumanEventDraft: Hashable, Sendable {
    public var title: String
    public var start: EventDateTime
    public var end: EventDateTime
    public var description: String?
    public var location: String?
    /// RFC 5545 lines (`RRULE:…`, `EXDATE:…`) for a series; empty for a single event.
    public var recurrence: [String]
    /// False marks the time as free (Google `transparency: transparent`).
    public var isBusy: Bool
    /// Tags another tool put on the event (Google private extended properties); the other fakes
    /// ignore them. Empty for a plain human event.
    public var privateProperties: [String: String] = [:]

    /// Creates a draft.
    public init(
        title: String, start: EventDateTime, end: EventDateTime, description: String? = nil, location: String? = nil,
        recurrence: [String] = [], isBusy: Bool = true
    ) {
        self.title = title
        self.start = start
        self.end = end
        self.description = description
        self.location = location
        self.recurrence = recurrence
        self.isBusy = isBusy
    }
}

/// The fields a person changes in an edit; nil leaves a field as it is.
public struct HumanEventEdit: Hashable, Sendable {
    public var title: String?
    public var start: EventDateTime?
    public var end: EventDateTime?
    public var description: String?
    public var location: String?
    public var isBusy: Bool?

    /// Creates an edit.
    public init(
        title: String? = nil, start: EventDateTime? = nil, end: EventDateTime? = nil, description: String? = nil,
        location: String? = nil, isBusy: Bool? = nil
    ) {
        self.title = title
        self.start = start
        self.end = end
        self.description = description
        self.location = location
        self.isBusy = isBusy
    }
}

/// Why a human action could not be done; the scenario step is wrong or the target is gone.
public enum HumanActionError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownAccount(String)
    case unknownCalendar(String)
    case unknownEvent(String)
    /// The app would not allow it (e.g. deleting a primary calendar).
    case notAllowed(String)
    /// The draft or edit is inconsistent (e.g. end before start).
    case invalid(String)

    public var description: String {
        switch self {
        case .unknownAccount(let id): return "no account \(id) at this provider; add it before scripting actions for it"
        case .unknownCalendar(let id):
            return "no live calendar \(id) in that account; check the id or whether it was deleted"
        case .unknownEvent(let id):
            return "no live event \(id) in that calendar; check the id or whether it was deleted"
        case .notAllowed(let why): return "the calendar app does not allow this: \(why)"
        case .invalid(let why): return "invalid human action: \(why)"
        }
    }
}
