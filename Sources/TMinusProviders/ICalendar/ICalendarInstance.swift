public import TMinusCore

/// One occurrence of an iCalendar event in a window, as ``ICalendarExpansion`` produces it.
public struct ICalendarInstance: Hashable, Sendable {
    public var uid: String
    /// The instance's identity (its original start, as a `RECURRENCE-ID` value: UTC for timed
    /// series, a date for all-day ones, a wall-clock reading for floating ones); nil for an event
    /// that does not recur.
    public var recurrenceID: ICalendarDateTime?
    /// When it starts: an instant (with the IANA zone when known) or a date.
    public var start: EventDateTime
    /// When it ends (exclusive).
    public var end: EventDateTime
    /// True when the event was written in floating time (its instants assume the floating zone).
    public var isFloating: Bool
    /// The VEVENT whose content applies: the override for a rescheduled instance, else the master.
    public var event: ICalendarEvent

    /// Creates an instance value.
    public init(
        uid: String, recurrenceID: ICalendarDateTime?, start: EventDateTime, end: EventDateTime, isFloating: Bool,
        event: ICalendarEvent
    ) {
        self.uid = uid
        self.recurrenceID = recurrenceID
        self.start = start
        self.end = end
        self.isFloating = isFloating
        self.event = event
    }

    /// True when this instance is replaced by an override component.
    public var isOverride: Bool { event.recurrenceID != nil }

    /// The window test shared with the recurrence engine and CalDAV time-range: starts before `to`
    /// and ends after `from`; a zero-length instance must start inside the window.
    public func overlaps(from: Timestamp, to: Timestamp) -> Bool {
        let startInstant = start.instant
        let endInstant = end.instant
        guard startInstant < to else { return false }
        return endInstant > from || (endInstant <= startInstant && startInstant >= from)
    }
}
