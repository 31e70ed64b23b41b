import TMinusCore

/// A deliberately naive reference for the property test: walk every day, decide by filtering
/// whether it belongs to the rule (instead of expanding BY* parts per period as the expander
/// does), group the survivors by period for BYSETPOS, then apply UNTIL and COUNT.
struct RecurrenceReference {
    let rule: RecurrenceRule
    let startDay: Int64

    private var start: (year: Int64, month: Int64, day: Int64) { CivilTime.date(days: startDay) }

    /// The rule's local days from DTSTART through `lastDay` (DTSTART first, then later days in order),
    /// before UNTIL and COUNT.
    func days(through requestedLastDay: Int64) -> [Int64] {
        var result = [startDay]
        var lastDay = requestedLastDay  // BYSETPOS needs whole periods: finish the last one
        while periodKey(lastDay + 1) == periodKey(requestedLastDay) { lastDay += 1 }
        let startKey = periodKey(startDay)
        var first = startDay
        while periodKey(first - 1) == startKey { first -= 1 }
        guard lastDay >= first else { return result }
        var group: [Int64] = []
        var groupKey = startKey
        for day in first...(lastDay + 1) {
            let key = periodKey(day)
            if key != groupKey || day > lastDay {
                result += selected(group).filter { $0 > startDay }
                group = []
                groupKey = key
            }
            if day <= lastDay, (key - startKey) % Int64(rule.interval) == 0, matches(day) { group.append(day) }
        }
        return result
    }

    private func selected(_ group: [Int64]) -> [Int64] {
        guard !rule.bySetPosition.isEmpty else { return group }
        return Set(rule.bySetPosition.compactMap { position -> Int64? in
            let index = position > 0 ? position - 1 : group.count + position
            return group.indices.contains(index) ? group[index] : nil
        }).sorted()
    }

    private func periodKey(_ day: Int64) -> Int64 {
        let (year, month, _) = CivilTime.date(days: day)
        switch rule.frequency {
        case .daily: return day
        case .weekly:
            let anchor = Int64((rule.weekStart.rawValue - 3 + 7) % 7)  // a day whose weekday is WKST (day 0 was a Thursday)
            let offset = day - anchor
            return offset >= 0 ? offset / 7 : (offset - 6) / 7
        case .monthly: return year * 12 + month - 1
        case .yearly: return year
        }
    }

    /// Whether `day` passes every BY* filter, with DTSTART's values standing in for absent parts.
    func matches(_ day: Int64) -> Bool {
        let (year, month, monthDay) = CivilTime.date(days: day)
        let weekday = Weekday(daysSinceEpoch: day)
        let monthLength = CivilTime.daysInMonth(year: year, month: month)
        if !rule.byMonth.isEmpty, !rule.byMonth.contains(Int(month)) { return false }
        if !rule.byMonthDay.isEmpty,
            !rule.byMonthDay.contains(where: { ($0 > 0 ? Int64($0) : monthLength + 1 + Int64($0)) == monthDay })
        {
            return false
        }
        if !rule.byDay.isEmpty {
            let inMonth = rule.frequency == .monthly || (rule.frequency == .yearly && !rule.byMonth.isEmpty)
            let scopeStart = inMonth ? day - monthDay + 1 : CivilTime.days(year: year, month: 1, day: 1)
            let scopeEnd = inMonth ? scopeStart + monthLength : CivilTime.days(year: year + 1, month: 1, day: 1)
            return rule.byDay.contains { entry in
                guard entry.weekday == weekday else { return false }
                guard let ordinal = entry.ordinal else { return true }
                let fromStart = (day - scopeStart) / 7 + 1
                let fromEnd = (scopeEnd - 1 - day) / 7 + 1
                return ordinal > 0 ? fromStart == Int64(ordinal) : fromEnd == Int64(-ordinal)
            }
        }
        switch rule.frequency {
        case .daily: return true
        case .weekly: return weekday == Weekday(daysSinceEpoch: startDay)
        case .monthly: return !rule.byMonthDay.isEmpty || monthDay == start.day
        case .yearly:
            return !rule.byMonthDay.isEmpty || (monthDay == start.day && (!rule.byMonth.isEmpty || month == start.month))
        }
    }
}
