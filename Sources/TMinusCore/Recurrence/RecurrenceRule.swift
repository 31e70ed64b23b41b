/// An RFC 5545 recurrence rule (the value of an `RRULE` property), validated and normalized.
///
/// Supports `FREQ` DAILY/WEEKLY/MONTHLY/YEARLY, `INTERVAL`, `COUNT` or `UNTIL`, `BYDAY` (with
/// ordinals for MONTHLY/YEARLY), `BYMONTHDAY` (negative counts from the month's end), `BYMONTH`,
/// `BYSETPOS` and `WKST`. A value of this type always satisfies RFC 5545's constraints on those
/// parts, and its lists are sorted and free of duplicates, so two rules that mean the same compare
/// equal and ``description`` is a canonical spelling. Parse with ``init(parsing:)``; expand with
/// ``RecurrenceExpander``.
public struct RecurrenceRule: Hashable, Sendable, CustomStringConvertible {
    /// The period length (`FREQ`).
    public private(set) var frequency: RecurrenceFrequency
    /// Every how many periods the rule fires (`INTERVAL`, ≥ 1).
    public private(set) var interval: Int
    /// When the rule stops (`COUNT` or `UNTIL`, or neither).
    public private(set) var end: RecurrenceEnd
    /// `BYDAY`, sorted Monday first.
    public private(set) var byDay: [WeekdayOccurrence]
    /// `BYMONTHDAY` (±1…31), sorted ascending.
    public private(set) var byMonthDay: [Int]
    /// `BYMONTH` (1…12), sorted ascending.
    public private(set) var byMonth: [Int]
    /// `BYSETPOS` (±1…366), sorted ascending.
    public private(set) var bySetPosition: [Int]
    /// The first day of the week (`WKST`, default Monday); matters for WEEKLY rules with INTERVAL > 1.
    public private(set) var weekStart: Weekday

    /// The largest INTERVAL and COUNT accepted (larger values cannot produce useful calendars).
    public static let maximumInterval = 1_000_000

    /// Creates a rule, checking every constraint RFC 5545 puts on the supported parts.
    /// - Throws: ``RecurrenceError/invalidValue(part:value:expected:)`` naming the offending part.
    public init(
        frequency: RecurrenceFrequency, interval: Int = 1, end: RecurrenceEnd = .never,
        byDay: [WeekdayOccurrence] = [], byMonthDay: [Int] = [], byMonth: [Int] = [],
        bySetPosition: [Int] = [], weekStart: Weekday = .monday
    ) throws(RecurrenceError) {
        self.frequency = frequency
        self.interval = interval
        self.end = end
        self.byDay = Array(Set(byDay)).sorted()
        self.byMonthDay = Array(Set(byMonthDay)).sorted()
        self.byMonth = Array(Set(byMonth)).sorted()
        self.bySetPosition = Array(Set(bySetPosition)).sorted()
        self.weekStart = weekStart
        try validate()
    }

    private func validate() throws(RecurrenceError) {
        let limit = RecurrenceRule.maximumInterval
        try RecurrenceRule.check("INTERVAL", [interval], in: 1...limit, "a whole number from 1 to \(limit)")
        if case .count(let count) = end {
            try RecurrenceRule.check("COUNT", [count], in: 1...limit, "a whole number from 1 to \(limit)")
        }
        try RecurrenceRule.check("BYMONTH", byMonth, in: 1...12, "months 1 to 12")
        try RecurrenceRule.check("BYMONTHDAY", byMonthDay, in: -31...31, "days 1 to 31 or -31 to -1", zeroAllowed: false)
        try RecurrenceRule.check("BYSETPOS", bySetPosition, in: -366...366, "positions 1 to 366 or -366 to -1", zeroAllowed: false)
        try RecurrenceRule.check(
            "BYDAY", byDay.compactMap(\.ordinal), in: -53...53, "ordinals 1 to 53 or -53 to -1", zeroAllowed: false)
        if frequency == .daily || frequency == .weekly, let numbered = byDay.first(where: { $0.ordinal != nil }) {
            throw .invalidValue(
                part: "BYDAY", value: numbered.description,
                expected: "plain weekdays (ordinals such as 1MO need FREQ=MONTHLY or YEARLY)")
        }
        if frequency == .weekly, let day = byMonthDay.first {
            throw .invalidValue(part: "BYMONTHDAY", value: String(day), expected: "no BYMONTHDAY with FREQ=WEEKLY")
        }
        if let position = bySetPosition.first, byDay.isEmpty, byMonthDay.isEmpty, byMonth.isEmpty {
            throw .invalidValue(
                part: "BYSETPOS", value: String(position), expected: "BYSETPOS together with BYDAY, BYMONTHDAY or BYMONTH")
        }
    }

    private static func check(
        _ part: String, _ values: [Int], in range: ClosedRange<Int>, _ expected: String, zeroAllowed: Bool = true
    ) throws(RecurrenceError) {
        if let bad = values.first(where: { !range.contains($0) || (!zeroAllowed && $0 == 0) }) {
            throw .invalidValue(part: part, value: String(bad), expected: expected)
        }
    }

    /// The canonical RRULE value, without the `RRULE:` prefix: parts in the order FREQ, INTERVAL
    /// (omitted when 1), COUNT or UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYSETPOS, WKST (omitted when MO).
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        switch end {
        case .never: break
        case .count(let count): parts.append("COUNT=\(count)")
        case .until(let until): parts.append("UNTIL=\(until)")
        }
        if !byMonth.isEmpty { parts.append("BYMONTH=" + byMonth.map(String.init).joined(separator: ",")) }
        if !byMonthDay.isEmpty { parts.append("BYMONTHDAY=" + byMonthDay.map(String.init).joined(separator: ",")) }
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.description).joined(separator: ",")) }
        if !bySetPosition.isEmpty { parts.append("BYSETPOS=" + bySetPosition.map(String.init).joined(separator: ",")) }
        if weekStart != .monday { parts.append("WKST=\(weekStart.code)") }
        return parts.joined(separator: ";")
    }

    /// The full content line, `RRULE:` followed by ``description`` (Google's `recurrence` entry shape).
    public var propertyLine: String { "RRULE:" + description }

    /// A copy with a different end; used to trim a series ("this and following" edits).
    public func ending(_ newEnd: RecurrenceEnd) throws(RecurrenceError) -> RecurrenceRule {
        try RecurrenceRule(
            frequency: frequency, interval: interval, end: newEnd, byDay: byDay, byMonthDay: byMonthDay,
            byMonth: byMonth, bySetPosition: bySetPosition, weekStart: weekStart)
    }
}
