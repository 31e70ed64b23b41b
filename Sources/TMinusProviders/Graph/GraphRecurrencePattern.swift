public import TMinusCore

/// Graph's `patternedRecurrence` (`{pattern, range}`) as a value, with its mapping to and from
/// an RFC 5545 ``RecurrenceRule`` (pure).
///
/// The adapter uses it to keep a series master's rule for reference (engine rule 13); the fake
/// uses it to expand `calendarView` occurrences with TMinusCore's expander and to store the
/// series a simulated person types. Mapping (M-EVT recurrencePattern/recurrenceRange):
///
/// | pattern | RRULE |
/// |---|---|
/// | daily | `FREQ=DAILY;INTERVAL=n` |
/// | weekly | `FREQ=WEEKLY;BYDAY=…;WKST=firstDayOfWeek` |
/// | absoluteMonthly | `FREQ=MONTHLY;BYMONTHDAY=d` |
/// | relativeMonthly | `FREQ=MONTHLY;BYDAY=1MO` (several days: `BYDAY=MO,TU;BYSETPOS=1`) |
/// | absoluteYearly | `FREQ=YEARLY;BYMONTH=m;BYMONTHDAY=d` |
/// | relativeYearly | `FREQ=YEARLY;BYMONTH=m;BYDAY=1MO` |
///
/// and range `endDate` → `UNTIL=<date>` (inclusive local date), `numbered` → `COUNT`, `noEnd` → none.
public struct GraphRecurrencePattern: Hashable, Sendable {
    /// `pattern.type`.
    public enum Kind: String, CaseIterable, Sendable {
        case daily, weekly, absoluteMonthly, relativeMonthly, absoluteYearly, relativeYearly
    }

    /// `pattern.index`: which weekday of the month a relative pattern means.
    public enum Index: String, CaseIterable, Sendable {
        case first, second, third, fourth, last

        /// The RRULE ordinal (1…4, or -1 for last).
        public var ordinal: Int { self == .last ? -1 : (Index.allCases.firstIndex(of: self) ?? 0) + 1 }
    }

    /// `range.type`.
    public enum RangeKind: String, CaseIterable, Sendable {
        case endDate, noEnd, numbered
    }

    public var kind: Kind
    public var interval: Int
    public var daysOfWeek: [Weekday]
    public var firstDayOfWeek: Weekday
    public var dayOfMonth: Int
    public var month: Int
    public var index: Index
    public var rangeKind: RangeKind
    public var startDate: CalendarDate
    public var endDate: CalendarDate?
    public var numberOfOccurrences: Int
    /// `range.recurrenceTimeZone` as sent (Windows or IANA name), when present.
    public var recurrenceTimeZone: String?

    /// Creates a pattern.
    public init(
        kind: Kind, interval: Int = 1, daysOfWeek: [Weekday] = [], firstDayOfWeek: Weekday = .sunday,
        dayOfMonth: Int = 0, month: Int = 0, index: Index = .first, rangeKind: RangeKind = .noEnd,
        startDate: CalendarDate, endDate: CalendarDate? = nil, numberOfOccurrences: Int = 0,
        recurrenceTimeZone: String? = nil
    ) {
        self.kind = kind
        self.interval = interval
        self.daysOfWeek = daysOfWeek
        self.firstDayOfWeek = firstDayOfWeek
        self.dayOfMonth = dayOfMonth
        self.month = month
        self.index = index
        self.rangeKind = rangeKind
        self.startDate = startDate
        self.endDate = endDate
        self.numberOfOccurrences = numberOfOccurrences
        self.recurrenceTimeZone = recurrenceTimeZone
    }

    /// The equivalent RFC 5545 rule.
    /// - Throws: ``RecurrenceError`` when the pattern's values break the rule's constraints.
    public func rule() throws(RecurrenceError) -> RecurrenceRule {
        let end: RecurrenceEnd
        switch rangeKind {
        case .noEnd: end = .never
        case .numbered: end = .count(numberOfOccurrences)
        case .endDate: end = endDate.map { .until(.date($0)) } ?? .never
        }
        let plainDays = daysOfWeek.map { WeekdayOccurrence($0) }
        let relativeDays =
            daysOfWeek.count == 1 ? [WeekdayOccurrence(daysOfWeek[0], ordinal: index.ordinal)] : plainDays
        let setPosition = daysOfWeek.count > 1 ? [index.ordinal] : []
        switch kind {
        case .daily:
            return try RecurrenceRule(frequency: .daily, interval: interval, end: end)
        case .weekly:
            return try RecurrenceRule(
                frequency: .weekly, interval: interval, end: end, byDay: plainDays, weekStart: firstDayOfWeek)
        case .absoluteMonthly:
            return try RecurrenceRule(frequency: .monthly, interval: interval, end: end, byMonthDay: [dayOfMonth])
        case .relativeMonthly:
            return try RecurrenceRule(
                frequency: .monthly, interval: interval, end: end, byDay: relativeDays, bySetPosition: setPosition)
        case .absoluteYearly:
            return try RecurrenceRule(
                frequency: .yearly, interval: interval, end: end, byMonthDay: [dayOfMonth], byMonth: [month])
        case .relativeYearly:
            return try RecurrenceRule(
                frequency: .yearly, interval: interval, end: end, byDay: relativeDays, byMonth: [month],
                bySetPosition: setPosition)
        }
    }

    /// The pattern Outlook would store for `rule` on a series starting at `start`, or nil when
    /// Graph cannot express it (several month days, several set positions, hourly rules, …).
    public init?(rule: RecurrenceRule, start: EventDateTime, timeZone: String?) {
        let startDate = GraphRecurrencePattern.localDate(start, timeZone: timeZone)
        let startDay = Weekday(startDate)
        var pattern = GraphRecurrencePattern(
            kind: .daily, interval: rule.interval, firstDayOfWeek: rule.weekStart, startDate: startDate,
            recurrenceTimeZone: timeZone)
        guard rule.bySetPosition.count <= 1, rule.byMonthDay.count <= 1, rule.byMonth.count <= 1 else { return nil }
        let ordinals = Set(rule.byDay.map(\.ordinal))
        guard ordinals.count <= 1 else { return nil }
        let ordinal = rule.bySetPosition.first ?? rule.byDay.first?.ordinal
        if let ordinal {
            guard let index = Index.allCases.first(where: { $0.ordinal == ordinal }) else { return nil }
            pattern.index = index
        }
        pattern.daysOfWeek = rule.byDay.map(\.weekday)
        switch rule.frequency {
        case .daily:
            guard rule.byDay.isEmpty, rule.byMonthDay.isEmpty, rule.byMonth.isEmpty else { return nil }
        case .weekly:
            pattern.kind = .weekly
            if pattern.daysOfWeek.isEmpty { pattern.daysOfWeek = [startDay] }
        case .monthly, .yearly:
            let yearly = rule.frequency == .yearly
            guard rule.byDay.isEmpty || rule.byMonthDay.isEmpty else { return nil }
            let (_, month, day) = CivilTime.date(days: startDate.daysSinceEpoch)
            pattern.month = rule.byMonth.first ?? Int(month)
            if rule.byDay.isEmpty {
                pattern.kind = yearly ? .absoluteYearly : .absoluteMonthly
                pattern.dayOfMonth = rule.byMonthDay.first ?? Int(day)
                guard pattern.dayOfMonth > 0 else { return nil }
            } else {
                guard ordinal != nil else { return nil }
                pattern.kind = yearly ? .relativeYearly : .relativeMonthly
            }
            if !yearly { pattern.month = 0 }
        }
        switch rule.end {
        case .never: pattern.rangeKind = .noEnd
        case .count(let count):
            pattern.rangeKind = .numbered
            pattern.numberOfOccurrences = count
        case .until(let until):
            pattern.rangeKind = .endDate
            pattern.endDate = GraphRecurrencePattern.untilDate(until, timeZone: timeZone)
        }
        self = pattern
    }

    /// The local date of a start in `timeZone` (UTC when nil or unknown).
    static func localDate(_ value: EventDateTime, timeZone: String?) -> CalendarDate {
        switch value {
        case .allDay(let date): return date
        case .timed(let instant, _):
            let zone = timeZone.flatMap(TimeZoneNames.ianaName(for:))
            let offset = zone.map { TimeZoneNames.offsetSeconds(of: $0, at: instant) } ?? 0
            return CalendarDate(daysSinceEpoch: day(of: instant.adding(.seconds(offset)).secondsSinceEpoch))
        }
    }

    private static func untilDate(_ until: RecurrenceUntil, timeZone: String?) -> CalendarDate {
        switch until {
        case .date(let date): return date
        case .instant(let instant): return localDate(.timed(instant, timeZone: nil), timeZone: timeZone)
        case .floating(let local): return CalendarDate(daysSinceEpoch: day(of: local.secondsSinceEpoch))
        }
    }

    /// Days since the epoch of a second count (floor, also before 1970).
    private static func day(of seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }
}
