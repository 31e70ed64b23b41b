public import TMinusCore

/// The invariant checker's view into a fake provider: the true state of every calendar, whatever
/// any client has or has not seen (eventual consistency, lost pushes and faults do not apply).
/// Every fake implements it with the same provider-neutral values.
public protocol FakeCalendarInspection: Sendable {
    /// Every calendar of every account, ordered by (account, calendar id), deleted ones included.
    func inspectCalendars() -> [InspectedCalendar]
    /// A cheap summary of the true state (one entry per calendar, not per event) that differs
    /// whenever ``inspectCalendars()`` would answer differently: every change of an event is a
    /// change-log entry of its calendar, so equal stamps mean equal inspections. The checker skips
    /// a step's safety checks when nothing it reads changed. Ordered by (account, calendar id).
    func inspectionStamp() -> [FakeCalendarStamp]
    /// Every calendar, ordered as ``inspectCalendars()``, with what changed in it since the
    /// reader's position there (`known`, by calendar ID): the events of the keys its change log
    /// names after that position, or the whole calendar when the reader has no position of its
    /// current generation. Costs what changed, not what the calendar holds.
    func inspectChanges(after known: [String: InspectionPosition]) -> [InspectedCalendarChanges]
}

/// One calendar's entry in a fake's ``FakeCalendarInspection/inspectionStamp()``: what the checks
/// read of the calendar itself, and the head of its change log, which every event change moves.
///
/// Plain values, so a stamp costs a few reference-count increments per calendar and comparing two
/// costs a few comparisons (it was a formatted string per calendar before, with the same fields).
public struct FakeCalendarStamp: Hashable, Sendable {
    /// The account that owns the calendar.
    public var account: String
    /// The calendar's ID (a collection's path at CalDAV).
    public var id: String
    /// The calendar's title as the provider stores it (CalDAV: the display name, `-` when none).
    public var title: String
    public var isPrimary: Bool
    public var isDeleted: Bool
    /// The head of the calendar's change log.
    public var logHead: UInt64

    /// Creates a value.
    public init(account: String, id: String, title: String, isPrimary: Bool, isDeleted: Bool, logHead: UInt64) {
        self.account = account
        self.id = id
        self.title = title
        self.isPrimary = isPrimary
        self.isDeleted = isDeleted
        self.logHead = logHead
    }

    /// Stamps in the stamp's order: by account, then calendar ID.
    public static func ordered(_ stamps: [FakeCalendarStamp]) -> [FakeCalendarStamp] {
        stamps.sorted { ($0.account, $0.id) < ($1.account, $1.id) }
    }
}

/// One calendar as it truly is at the provider.
public struct InspectedCalendar: Hashable, Sendable {
    /// The account that owns it (the provider's account identifier, e.g. an email address).
    public var account: String
    public var id: String
    public var title: String
    public var isPrimary: Bool
    /// True once the calendar was deleted (its events are then listed as they were).
    public var isDeleted: Bool
    /// Events ordered by id, deleted ones included with ``InspectedEvent/status`` cancelled.
    public var events: [InspectedEvent]

    /// Creates a value.
    public init(account: String, id: String, title: String, isPrimary: Bool, isDeleted: Bool, events: [InspectedEvent])
    {
        self.account = account
        self.id = id
        self.title = title
        self.isPrimary = isPrimary
        self.isDeleted = isDeleted
        self.events = events
    }

    /// The events that are not cancelled.
    public var liveEvents: [InspectedEvent] { events.filter { $0.status != .cancelled } }
}

/// One event (a single event, a series, or an exception of a series) as it truly is.
public struct InspectedEvent: Hashable, Sendable {
    /// Confirmed, tentative or cancelled (deleted, or a cancelled occurrence).
    public enum Status: String, Hashable, Sendable {
        case confirmed, tentative, cancelled
    }

    public var id: String
    public var status: Status
    public var title: String?
    public var start: EventDateTime?
    public var end: EventDateTime?
    /// RFC 5545 recurrence lines of a series; empty otherwise.
    public var recurrence: [String]
    /// For an exception: the series it belongs to and the occurrence it replaces.
    public var seriesID: String?
    public var originalStart: EventDateTime?
    /// False when the event does not block time.
    public var isBusy: Bool
    /// Provider-private tags (Google private extended properties, Graph single-value extended
    /// properties, CalDAV `X-` properties), exactly as stored after the provider's own limits.
    public var privateProperties: [String: String]
    /// Tags visible to every attendee's copy (Google shared extended properties).
    public var sharedProperties: [String: String]
    /// The version tag a conditional write must match (Google etag, Graph changeKey, CalDAV etag).
    public var version: String
    /// Last modification, on the provider's clock.
    public var updated: Timestamp

    /// Creates a value.
    public init(
        id: String, status: Status, title: String?, start: EventDateTime?, end: EventDateTime?, recurrence: [String],
        seriesID: String?, originalStart: EventDateTime?, isBusy: Bool, privateProperties: [String: String],
        sharedProperties: [String: String], version: String, updated: Timestamp
    ) {
        self.id = id
        self.status = status
        self.title = title
        self.start = start
        self.end = end
        self.recurrence = recurrence
        self.seriesID = seriesID
        self.originalStart = originalStart
        self.isBusy = isBusy
        self.privateProperties = privateProperties
        self.sharedProperties = sharedProperties
        self.version = version
        self.updated = updated
    }
}
