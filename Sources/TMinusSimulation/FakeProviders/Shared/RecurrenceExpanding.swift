public import TMinusCore

/// The seam through which a fake expands a recurring series into occurrences (Google
/// `singleEvents=true`, Graph `calendarView`, CalDAV `expand`).
///
/// The iCalendar-grade RRULE engine of TMinusCore (`Recurrence/`) is reached through
/// ``RFC5545Expansion``, the default of every fake. ``FirstOccurrenceOnly`` is a stand-in for tests
/// that want series to stay trivially small.
public protocol RecurrenceExpanding: Sendable {
    /// The original starts of the series' occurrences that begin before `limit`, in order,
    /// after EXDATE exclusions, the first being `start` itself when the rule includes it.
    /// - Parameters:
    ///   - recurrence: the series' RFC 5545 lines (`RRULE:…`, `EXDATE:…`, `RDATE:…`).
    ///   - start: the series' first start; timed starts carry the IANA zone the rule is expanded in.
    ///   - end: the first occurrence's end (every occurrence has the same length).
    ///   - limit: exclusive upper bound on occurrence starts.
    ///   - maximumCount: stop after this many occurrences.
    /// - Throws: ``RecurrenceExpansionError`` when the rule cannot be read.
    func occurrences(
        of recurrence: [String], start: EventDateTime, end: EventDateTime, before limit: Timestamp, maximumCount: Int
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

/// A stand-in expander: every series has exactly one occurrence, its first.
public struct FirstOccurrenceOnly: RecurrenceExpanding {
    /// Creates the expander.
    public init() {}

    public func occurrences(
        of recurrence: [String], start: EventDateTime, end: EventDateTime, before limit: Timestamp, maximumCount: Int
    ) throws(RecurrenceExpansionError) -> [EventDateTime] {
        start.instant < limit && maximumCount > 0 ? [start] : []
    }
}

/// The RFC 5545 engine of TMinusCore (``RecurrenceExpander``) behind the fakes' seam: RRULE with
/// INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, plus RDATE and EXDATE, DST-correct in the series' zone.
/// Exceptions are not passed in: each fake stores them as events of their own and lets them stand in
/// for the occurrence they replace.
public struct RFC5545Expansion: RecurrenceExpanding {
    /// The engine's work cap per expansion.
    public var candidateLimit: Int

    /// Creates the expansion with the engine's default work cap.
    public init(candidateLimit: Int = RecurrenceExpander.defaultCandidateLimit) { self.candidateLimit = candidateLimit }

    public func occurrences(
        of recurrence: [String], start: EventDateTime, end: EventDateTime, before limit: Timestamp, maximumCount: Int
    ) throws(RecurrenceExpansionError) -> [EventDateTime] {
        guard maximumCount > 0, start.instant < limit else { return [] }
        do {
            let series = try RecurrenceSeries(start: start, end: end, recurrenceLines: recurrence)
            let instances = try RecurrenceExpander(candidateLimit: candidateLimit).instances(
                of: series, from: start.instant, to: limit)
            return Array(instances.map(\.originalStart).filter { $0.instant < limit }.prefix(maximumCount))
        } catch {
            throw RecurrenceExpansionError(line: recurrence.joined(separator: " "), reason: error.description)
        }
    }
}
