/// One overridden instance of a series: the instance identified by its original start was moved,
/// edited or cancelled.
///
/// This is iCalendar's component with a `RECURRENCE-ID`, and Google's instance with
/// `originalStartTime`. The identity is the start the rule computed, never the new start, so an
/// instance keeps its identity however often it is moved.
public struct RecurrenceOverride: Hashable, Sendable {
    /// What became of the instance.
    public enum Change: Hashable, Sendable {
        /// The instance now runs from `start` to `end` (possibly unchanged times, e.g. a new title).
        case rescheduled(start: EventDateTime, end: EventDateTime)
        /// The instance is cancelled (Google `status: cancelled`; an EXDATE has the same effect).
        case cancelled
    }

    /// The start the rule computed for this instance (`RECURRENCE-ID` / `originalStartTime`).
    /// Matched as an instant for timed series and as a date for all-day series.
    public var originalStart: EventDateTime
    /// What became of the instance.
    public var change: Change

    /// Creates an override of the instance that originally started at `originalStart`.
    public init(originalStart: EventDateTime, change: Change) {
        self.originalStart = originalStart
        self.change = change
    }
}
