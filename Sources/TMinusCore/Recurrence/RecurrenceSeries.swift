/// A recurring event as the expander needs it: the first instance's start and end in the event's
/// own time zone, the rules, and the explicit additions, exclusions and overrides.
///
/// Built from Google's `start`/`end`/`recurrence` plus its modified instances, or from a CalDAV
/// master VEVENT (DTSTART, DTEND, RRULE, RDATE, EXDATE) plus its RECURRENCE-ID components. The
/// first instance's exact length (end − start) applies to every generated instance, as RFC 5545
/// §3.8.5.3 says for DTEND; all-day series keep their length in days.
public struct RecurrenceSeries: Hashable, Sendable {
    /// DTSTART: a timed start (its time zone is the zone the rule is expanded in; nil means UTC) or a date.
    public var start: EventDateTime
    /// DTEND of the first instance (same kind as ``start``; exclusive).
    public var end: EventDateTime
    /// RRULEs; RFC 5545 says SHOULD be at most one, several are expanded as a union.
    public var rules: [RecurrenceRule]
    /// RDATEs: extra instance starts, not bounded by COUNT or UNTIL.
    public var additionalDates: [EventDateTime]
    /// EXDATEs: instance starts removed from the set (instants for timed series; dates also
    /// remove every instance on that local date).
    public var exceptionDates: [EventDateTime]
    /// Overridden instances, keyed by their original start. When two overrides name the same
    /// instance the later one in this list wins.
    public var overrides: [RecurrenceOverride]

    /// Creates a series value; consistency is checked when it is expanded.
    public init(
        start: EventDateTime, end: EventDateTime, rules: [RecurrenceRule], additionalDates: [EventDateTime] = [],
        exceptionDates: [EventDateTime] = [], overrides: [RecurrenceOverride] = []
    ) {
        self.start = start
        self.end = end
        self.rules = rules
        self.additionalDates = additionalDates
        self.exceptionDates = exceptionDates
        self.overrides = overrides
    }

    /// Creates a series from recurrence content lines as Google's `recurrence` field carries them
    /// (`RRULE:…`, `EXDATE;TZID=Europe/Berlin:20260302T090000`, `RDATE;VALUE=DATE:20260305`).
    /// - Throws: ``RecurrenceError`` naming the line's property or rule part at fault.
    public init(
        start: EventDateTime, end: EventDateTime, recurrenceLines: [String], overrides: [RecurrenceOverride] = []
    ) throws(RecurrenceError) {
        let properties = try RecurrenceProperties(lines: recurrenceLines, defaultTimeZone: start.timeZone)
        self.init(
            start: start, end: end, rules: properties.rules, additionalDates: properties.additionalDates,
            exceptionDates: properties.exceptionDates, overrides: overrides)
    }
}
