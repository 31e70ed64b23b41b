import TMinusCore

/// The subset of RRULE that time-zone observances use: `FREQ=YEARLY` with `BYMONTH`, `BYDAY`
/// (`-1SU`, `2SU`, `SU`), `BYMONTHDAY`, `INTERVAL`, `UNTIL` and `COUNT`.
///
/// Event recurrence is the recurrence engine's job; this type only finds DST onsets.
public struct ICalendarYearlyRule: Hashable, Sendable {
    /// A BYDAY entry: weekday 0 = Monday … 6 = Sunday, ordinal 0 meaning "every".
    public struct WeekdayEntry: Hashable, Sendable {
        public var ordinal: Int64
        public var weekday: Int64
    }

    public var months: [Int64]
    public var weekdays: [WeekdayEntry]
    public var monthDays: [Int64]
    public var interval: Int64
    public var until: ICalendarDateTime?
    public var count: Int64?
    /// The observance's first onset, which fixes the time of day and the starting year.
    public var start: ICalendarLocalDateTime

    /// Parses `value`; nil when it is not a yearly rule made only of the supported parts.
    public init?(_ value: String, start: ICalendarLocalDateTime) {
        self.start = start
        months = []
        weekdays = []
        monthDays = []
        interval = 1
        var isYearly = false
        for part in value.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            let key = pair[0].uppercased()
            let text = pair[1]
            switch key {
            case "FREQ": isYearly = text.uppercased() == "YEARLY"
            case "BYMONTH":
                guard let parsed = Self.integers(text, range: 1...12) else { return nil }
                months = parsed
            case "BYMONTHDAY":
                guard let parsed = Self.integers(text, range: -31...31), !parsed.contains(0) else { return nil }
                monthDays = parsed
            case "BYDAY":
                guard let parsed = Self.weekdayEntries(text) else { return nil }
                weekdays = parsed
            case "INTERVAL":
                guard let parsed = Self.integers(text, range: 1...100), parsed.count == 1 else { return nil }
                interval = parsed[0]
            case "COUNT":
                guard let parsed = Self.integers(text, range: 1...10_000), parsed.count == 1 else { return nil }
                count = parsed[0]
            case "UNTIL":
                guard let parsed = ICalendarDateTime.parse(text: text, tzid: nil) else { return nil }
                until = parsed
            case "WKST": continue
            default: return nil
            }
        }
        guard isYearly else { return nil }
    }

    private static func integers(_ text: Substring, range: ClosedRange<Int64>) -> [Int64]? {
        var values: [Int64] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = Int64(item), range.contains(value) else { return nil }
            values.append(value)
        }
        return values
    }

    private static let weekdayNames = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    private static func weekdayEntries(_ text: Substring) -> [WeekdayEntry]? {
        var entries: [WeekdayEntry] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard item.count >= 2, let weekday = weekdayNames.firstIndex(of: item.suffix(2).uppercased()) else {
                return nil
            }
            let prefix = item.dropLast(2)
            let ordinal = prefix.isEmpty ? 0 : Int64(prefix.hasPrefix("+") ? prefix.dropFirst() : prefix)
            guard let ordinal, (-5...5).contains(ordinal) else { return nil }
            entries.append(WeekdayEntry(ordinal: ordinal, weekday: Int64(weekday)))
        }
        return entries
    }

    /// The rule's onsets (wall time before the change) in `year`, honouring start, UNTIL and COUNT
    /// (COUNT is counted in years, which is exact for the usual one-onset-per-year rules).
    func onsets(in year: Int64, offsetFrom: Int64) -> [ICalendarLocalDateTime] {
        let startYear = CivilTime.date(days: start.date.daysSinceEpoch).year
        guard year >= startYear, (year - startYear) % interval == 0 else { return [] }
        if let count, (year - startYear) / interval >= count { return [] }
        let startDate = CivilTime.date(days: start.date.daysSinceEpoch)
        var result: [ICalendarLocalDateTime] = []
        for month in months.isEmpty ? [startDate.month] : months {
            for day in days(year: year, month: month, defaultDay: startDate.day) {
                let local = ICalendarLocalDateTime(wallSeconds: day.daysSinceEpoch * 86_400 + start.secondOfDay)
                if local < start || !withinUntil(local, offsetFrom: offsetFrom) { continue }
                result.append(local)
            }
        }
        return result
    }

    /// The last year the rule can produce an onset in (from UNTIL or COUNT), nil when unbounded.
    func lastYear(offsetFrom: Int64) -> Int64? {
        let startYear = CivilTime.date(days: start.date.daysSinceEpoch).year
        var last: Int64?
        if let until { last = CivilTime.date(days: until.local.date.daysSinceEpoch).year }
        if let count {
            let byCount = startYear + (count - 1) * interval
            last = min(last ?? byCount, byCount)
        }
        return last
    }

    private func withinUntil(_ local: ICalendarLocalDateTime, offsetFrom: Int64) -> Bool {
        guard let until else { return true }
        switch until {
        case .utc(let instant): return local.wallSeconds - offsetFrom <= instant.secondsSinceEpoch
        case .date(let date): return local.date <= date
        case .zoned(let limit, _), .floating(let limit): return local <= limit
        }
    }

    private func days(year: Int64, month: Int64, defaultDay: Int64) -> [CalendarDate] {
        let length = CivilTime.daysInMonth(year: year, month: month)
        let first = CivilTime.days(year: year, month: month, day: 1)
        var candidates: [Int64] = []
        if weekdays.isEmpty {
            candidates = monthDays.isEmpty ? [defaultDay] : monthDays.map { $0 > 0 ? $0 : length + 1 + $0 }
        } else {
            // 1970-01-01 was a Thursday (weekday 3 with Monday = 0).
            let firstWeekday = ((first % 7) + 7 + 3) % 7
            for entry in weekdays {
                let firstMatch = 1 + (entry.weekday - firstWeekday + 7) % 7
                let all = Array(stride(from: firstMatch, through: length, by: 7))
                if entry.ordinal == 0 {
                    candidates += all
                } else if entry.ordinal > 0, entry.ordinal <= all.count {
                    candidates.append(all[Int(entry.ordinal - 1)])
                } else if entry.ordinal < 0, -entry.ordinal <= all.count {
                    candidates.append(all[all.count + Int(entry.ordinal)])
                }
            }
            if !monthDays.isEmpty {
                let allowed = Set(monthDays.map { $0 > 0 ? $0 : length + 1 + $0 })
                candidates = candidates.filter(allowed.contains)
            }
        }
        return candidates.filter { (1...length).contains($0) }.sorted().map {
            CalendarDate(daysSinceEpoch: first + $0 - 1)
        }
    }
}
