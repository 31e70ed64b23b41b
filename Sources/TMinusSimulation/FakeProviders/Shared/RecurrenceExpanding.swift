public import TMinusCore

/// The seam through which a fake expands a recurring series into occurrences (Google
/// `singleEvents=true`, Graph `calendarView`, CalDAV `expand`).
///
/// The iCalendar-grade RRULE engine lives in TMinusCore (`Recurrence/`); an adapter of it is
/// injected here. Without one, ``FirstOccurrenceOnly`` stands in: a series yields just its first
/// occurrence, which keeps non-recurring scenarios exact and recurring ones visibly degraded.
public protocol RecurrenceExpanding: Sendable {
    /// The original starts of the series' occurrences that begin before `limit`, in order,
    /// after EXDATE exclusions, the first being `start` itself when the rule includes it.
    /// - Parameters:
    ///   - recurrence: the series' RFC 5545 lines (`RRULE:…`, `EXDATE:…`, `RDATE:…`).
    ///   - start: the series' first start; timed starts carry the IANA zone the rule is expanded in.
    ///   - limit: exclusive upper bound on occurrence starts.
    ///   - maximumCount: stop after this many occurrences.
    /// - Throws: ``RecurrenceExpansionError`` when the rule cannot be read.
    func occurrences(
        of recurrence: [String], start: EventDateTime, before limit: Timestamp, maximumCount: Int
    ) throws(RecurrenceExpansionError) -> [EventDateTime]
}

/// A recurrence rule the expander could not read.
public struct RecurrenceExpansionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The offending line.
    public var line: String
    /// What was wrong with it.
    public var reason: String

    /// Creates an error.
    public init(line: String, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "cannot expand recurrence '\(line)': \(reason)" }
}

/// The stand-in expander used until the RRULE engine is injected: every series has exactly one
/// occurrence, its first.
public struct FirstOccurrenceOnly: RecurrenceExpanding {
    /// Creates the expander.
    public init() {}

    public func occurrences(
        of recurrence: [String], start: EventDateTime, before limit: Timestamp, maximumCount: Int
    ) throws(RecurrenceExpansionError) -> [EventDateTime] {
        start.instant < limit && maximumCount > 0 ? [start] : []
    }
}
