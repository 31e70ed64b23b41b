/// One occurrence of a recurring series, as ``RecurrenceExpander`` produces it.
///
/// ``originalStart`` is the instance's identity (what iCalendar calls its `RECURRENCE-ID` and
/// Google its `originalStartTime`): stable across moves, unique within one expansion.
public struct RecurrenceInstance: Hashable, Sendable, CustomStringConvertible {
    /// Where an instance came from.
    public enum Kind: String, Hashable, Sendable {
        /// Computed by the rule (DTSTART itself included), unmodified.
        case generated
        /// Added by an RDATE, unmodified.
        case added
        /// Replaced by an override (``RecurrenceOverride/Change/rescheduled(start:end:)``).
        case rescheduled
        /// Cancelled by an override; only returned when the caller asks for cancelled instances.
        case cancelled
    }

    /// The start the rule (or RDATE) computed: the instance's identity.
    public var originalStart: EventDateTime
    /// When this instance starts (differs from ``originalStart`` when rescheduled).
    public var start: EventDateTime
    /// When this instance ends (exclusive).
    public var end: EventDateTime
    /// Where the instance came from.
    public var kind: Kind

    /// Creates an instance value.
    public init(originalStart: EventDateTime, start: EventDateTime, end: EventDateTime, kind: Kind) {
        self.originalStart = originalStart
        self.start = start
        self.end = end
        self.kind = kind
    }

    /// The identity in iCalendar basic form, as a `RECURRENCE-ID` value or the suffix Google puts
    /// on instance ids: `20260302T080000Z` for timed instances (UTC), `20260302` for all-day ones.
    public var recurrenceID: String {
        switch originalStart {
        case .timed(let t, _): return ICalendarText.basicDateTime(t) + "Z"
        case .allDay(let date): return ICalendarText.basicDate(date.daysSinceEpoch)
        }
    }

    public var description: String { "\(start) – \(end) (\(kind.rawValue), id \(recurrenceID))" }
}
