/// The periods of one rule (days, weeks, months or years, every INTERVAL of them from DTSTART's)
/// and the candidate dates each period yields after BYMONTH, BYMONTHDAY, BYDAY and BYSETPOS.
///
/// Follows RFC 5545 §3.3.10's table: BYMONTH limits DAILY/WEEKLY/MONTHLY and expands YEARLY;
/// BYMONTHDAY limits DAILY and expands MONTHLY/YEARLY; BYDAY limits DAILY, expands WEEKLY, and
/// for MONTHLY/YEARLY expands (or limits, when BYMONTHDAY is present) with ordinals counted in the
/// month (MONTHLY, or YEARLY with BYMONTH) or the year. Parts that are absent take their value from
/// DTSTART (its weekday, day of month, month). Invalid dates (February 30) are simply not produced.
/// Days are counted since 1970-01-01 in the series' local calendar.
struct RulePeriods: Sendable {
    let rule: RecurrenceRule
    let startDay: Int64
    private let startYear: Int64
    private let startMonth: Int64
    private let startMonthDay: Int64
    private let startWeekday: Weekday
    /// The first day of the WKST-aligned week that contains DTSTART.
    private let firstWeekStart: Int64

    init(rule: RecurrenceRule, startDay: Int64) {
        self.rule = rule
        self.startDay = startDay
        (startYear, startMonth, startMonthDay) = CivilTime.date(days: startDay)
        startWeekday = Weekday(daysSinceEpoch: startDay)
        firstWeekStart = startDay - startWeekday.days(after: rule.weekStart)
    }

    private var interval: Int64 { Int64(rule.interval) }

    /// The index of the period that contains `day` (negative before DTSTART's period).
    func period(containing day: Int64) -> Int64 {
        switch rule.frequency {
        case .daily: return floorDiv(day - startDay, interval)
        case .weekly: return floorDiv(day - firstWeekStart, 7 * interval)
        case .monthly: return floorDiv(RulePeriods.monthIndex(day) - (startYear * 12 + startMonth - 1), interval)
        case .yearly: return floorDiv(CivilTime.date(days: day).year - startYear, interval)
        }
    }

    /// The first day of period `n`.
    func firstDay(ofPeriod n: Int64) -> Int64 {
        switch rule.frequency {
        case .daily: return startDay + n * interval
        case .weekly: return firstWeekStart + n * 7 * interval
        case .monthly:
            let index = startYear * 12 + startMonth - 1 + n * interval
            return CivilTime.days(year: floorDiv(index, 12), month: floorMod(index, 12) + 1, day: 1)
        case .yearly: return CivilTime.days(year: startYear + n * interval, month: 1, day: 1)
        }
    }

    /// The candidate days of period `n`, ascending and unique, with BYSETPOS applied.
    func candidates(ofPeriod n: Int64) -> [Int64] {
        let first = firstDay(ofPeriod: n)
        var days: [Int64]
        switch rule.frequency {
        case .daily: days = passesLimits(first) ? [first] : []
        case .weekly: days = weekly(first)
        case .monthly:
            let (year, month, _) = CivilTime.date(days: first)
            days = rule.byMonth.isEmpty || rule.byMonth.contains(Int(month)) ? monthDays(year, month, ordinalsInYear: false) : []
        case .yearly: days = yearly(CivilTime.date(days: first).year)
        }
        days = Array(Set(days)).sorted()
        return rule.bySetPosition.isEmpty ? days : RulePeriods.select(positions: rule.bySetPosition, from: days)
    }

    /// DAILY: every part limits the day.
    private func passesLimits(_ day: Int64) -> Bool {
        let (year, month, monthDay) = CivilTime.date(days: day)
        if !rule.byMonth.isEmpty, !rule.byMonth.contains(Int(month)) { return false }
        let length = CivilTime.daysInMonth(year: year, month: month)
        if !rule.byMonthDay.isEmpty, !rule.byMonthDay.contains(where: { RulePeriods.resolve($0, length) == monthDay }) {
            return false
        }
        return rule.byDay.isEmpty || rule.byDay.contains { $0.weekday == Weekday(daysSinceEpoch: day) }
    }

    private func weekly(_ weekStart: Int64) -> [Int64] {
        let weekdays = rule.byDay.isEmpty ? [startWeekday] : rule.byDay.map(\.weekday)
        return weekdays.map { weekStart + $0.days(after: rule.weekStart) }.filter { day in
            rule.byMonth.isEmpty || rule.byMonth.contains(Int(CivilTime.date(days: day).month))
        }
    }

    private func yearly(_ year: Int64) -> [Int64] {
        guard year <= 9999 else { return [] }
        if rule.byMonthDay.isEmpty, !rule.byDay.isEmpty, rule.byMonth.isEmpty {
            let first = CivilTime.days(year: year, month: 1, day: 1)
            let end = CivilTime.days(year: year + 1, month: 1, day: 1)
            return (first..<end).filter { matchesByDay($0, scope: first..<end) }
        }
        let expandsMonths = !rule.byMonthDay.isEmpty || !rule.byDay.isEmpty
        let months = !rule.byMonth.isEmpty ? rule.byMonth.map(Int64.init) : (expandsMonths ? Array(1...12) : [startMonth])
        return months.flatMap { monthDays(year, $0, ordinalsInYear: rule.byMonth.isEmpty) }
    }

    /// The days of one month a MONTHLY rule (or a YEARLY rule, per month) yields.
    private func monthDays(_ year: Int64, _ month: Int64, ordinalsInYear: Bool) -> [Int64] {
        let first = CivilTime.days(year: year, month: month, day: 1)
        let length = CivilTime.daysInMonth(year: year, month: month)
        let scope = ordinalsInYear
            ? CivilTime.days(year: year, month: 1, day: 1)..<CivilTime.days(year: year + 1, month: 1, day: 1)
            : first..<(first + length)
        if !rule.byMonthDay.isEmpty {
            return rule.byMonthDay.compactMap { RulePeriods.resolve($0, length).map { first + $0 - 1 } }
                .filter { rule.byDay.isEmpty || matchesByDay($0, scope: scope) }
        }
        if !rule.byDay.isEmpty { return (first..<(first + length)).filter { matchesByDay($0, scope: scope) } }
        return startMonthDay <= length ? [first + startMonthDay - 1] : []
    }

    /// Whether `day` is one of the BYDAY entries, ordinals counted within `scope`.
    private func matchesByDay(_ day: Int64, scope: Range<Int64>) -> Bool {
        let weekday = Weekday(daysSinceEpoch: day)
        return rule.byDay.contains { entry in
            guard entry.weekday == weekday else { return false }
            guard let ordinal = entry.ordinal else { return true }
            return ordinal > 0
                ? (day - scope.lowerBound) / 7 + 1 == Int64(ordinal)
                : (scope.upperBound - 1 - day) / 7 + 1 == Int64(-ordinal)
        }
    }

    /// A BYMONTHDAY value as a day of a month of `length` days, or nil when the month lacks it.
    static func resolve(_ monthDay: Int, _ length: Int64) -> Int64? {
        let day = monthDay > 0 ? Int64(monthDay) : length + 1 + Int64(monthDay)
        return (1...length).contains(day) ? day : nil
    }

    /// BYSETPOS: the 1-based (or from-the-end negative) positions of an ascending set.
    static func select(positions: [Int], from days: [Int64]) -> [Int64] {
        let picked = positions.compactMap { position -> Int64? in
            let index = position > 0 ? position - 1 : days.count + position
            return days.indices.contains(index) ? days[index] : nil
        }
        return Array(Set(picked)).sorted()
    }

    static func monthIndex(_ day: Int64) -> Int64 {
        let (year, month, _) = CivilTime.date(days: day)
        return year * 12 + month - 1
    }
}
