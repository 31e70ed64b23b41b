/// Walks one rule's periods in order from DTSTART and collects its occurrences up to a bound,
/// honouring COUNT (DTSTART counts as the first occurrence) and UNTIL (inclusive).
struct RuleWalker: Sendable {
    /// One rule-computed start and the local day it falls on.
    struct Occurrence: Sendable {
        let day: Int64
        let start: EventDateTime
    }

    let clock: SeriesClock
    let periods: RulePeriods

    init(rule: RecurrenceRule, clock: SeriesClock) {
        self.clock = clock
        self.periods = RulePeriods(rule: rule, startDay: clock.startDay)
    }

    private var rule: RecurrenceRule { periods.rule }

    /// The last day expanded: ten years inside the end of ``Timestamp``'s range (2262), so that an
    /// instance's end (at most ``InstanceLength/maximumDays`` later) is representable too.
    static let lastDay = ICalendarText.representableDays.upperBound - 3_660

    /// Occurrences starting in `[keepFrom, upper)`, in ascending order. Without COUNT the walk
    /// starts at the period containing `keepFrom` (earlier periods cannot matter); with COUNT it
    /// must start at DTSTART to count. DTSTART is always an occurrence, matched or not.
    func occurrences(
        keepFrom: Timestamp, upper: Timestamp, budget: inout CandidateBudget
    ) throws(RecurrenceError) -> [Occurrence] {
        var found: [Occurrence] = []
        let first = clock.seriesStart
        if first.instant >= keepFrom, first.instant < upper { found.append(Occurrence(day: clock.startDay, start: first)) }
        var countLimit: Int?
        if case .count(let count) = rule.end { countLimit = count }
        var emitted = 1
        if let countLimit, emitted >= countLimit { return found }
        let stopDay = min(dayBound(of: upper), untilDay, RuleWalker.lastDay)
        var period = countLimit == nil ? max(0, periods.period(containing: dayBound(of: keepFrom) - 2)) : 0
        while true {
            try budget.spend(1)
            if periods.firstDay(ofPeriod: period) > stopDay { return found }
            let days = periods.candidates(ofPeriod: period)
            try budget.spend(days.count)
            for day in days where day > clock.startDay {
                let start = clock.start(onDay: day)
                if !untilAllows(day: day, start: start) || start.instant >= upper { return found }
                if start.instant >= keepFrom { found.append(Occurrence(day: day, start: start)) }
                emitted += 1
                if let countLimit, emitted >= countLimit { return found }
            }
            period += 1
        }
    }

    /// A local day no earlier than the local day of `instant` (zones are within ±1 day of UTC).
    private func dayBound(of instant: Timestamp) -> Int64 {
        floorDiv(instant.secondsSinceEpoch, 86_400) + 1
    }

    /// The last local day UNTIL can allow (a safe over-estimate, used to stop empty periods).
    private var untilDay: Int64 {
        guard case .until(let until) = rule.end else { return Int64.max }
        switch until {
        case .date(let date): return date.daysSinceEpoch
        case .instant(let t): return dayBound(of: t)
        case .floating(let local): return floorDiv(local.secondsSinceEpoch, 86_400)
        }
    }

    /// Whether UNTIL admits an occurrence on local `day` starting at `start`.
    private func untilAllows(day: Int64, start: EventDateTime) -> Bool {
        guard case .until(let until) = rule.end else { return true }
        switch until {
        case .date(let date): return day <= date.daysSinceEpoch
        case .instant(let t): return start.instant <= t
        case .floating(let local):
            if clock.isAllDay { return day <= floorDiv(local.secondsSinceEpoch, 86_400) }
            return clock.localReading(of: start.instant) <= local
        }
    }
}
