import TMinusCore
import Testing

/// Seeded property test over random valid rules, zones, starts and windows: the expander agrees
/// with a day-by-day reference filter, and its output is sorted, unique, inside the window, within
/// COUNT, and every instance but DTSTART passes the rule's BY* filters at DTSTART's local time.
struct RecurrencePropertyTests {
    typealias S = RecurrenceTestSupport

    /// Zones with northern, southern, half-hour and no DST. Start times stay in 09:00–20:59, away from changes.
    static let zones = ["America/New_York", "Europe/Berlin", "UTC", "Asia/Tokyo", "Australia/Sydney", "Australia/Lord_Howe"]

    struct Scenario: CustomStringConvertible {
        var rule: RecurrenceRule
        var zone: String
        var allDay: Bool
        var startDay: Int64
        var minuteOfDay: Int64
        var length: Duration
        var from: Timestamp
        var to: Timestamp
        var description: String {
            "\(rule) from \(CivilTime.isoDate(days: startDay)) \(minuteOfDay / 60):\(minuteOfDay % 60) \(allDay ? "all-day" : zone)"
                + " window \(from)…\(to)"
        }
    }

    @Test func randomRulesAgreeWithTheReferenceAndKeepTheirInvariants() throws {
        var rng = Xoshiro256StarStar(seed: 5545)
        var nonEmpty = 0
        for _ in 0..<400 {
            let scenario = try Self.scenario(&rng)
            let instances = try Self.expand(scenario)
            if instances.count > 1 { nonEmpty += 1 }
            let expected = try Self.reference(scenario)
            #expect(instances.map(\.start.instant) == expected, "\(scenario)")
            Self.checkInvariants(instances, scenario)
            #expect(try RecurrenceRule(parsing: scenario.rule.description) == scenario.rule)
        }
        #expect(nonEmpty > 200)
    }

    static func expand(_ s: Scenario) throws -> [RecurrenceInstance] {
        let start = startValue(s, day: s.startDay)
        let end: EventDateTime = s.allDay
            ? .allDay(CalendarDate(daysSinceEpoch: s.startDay + s.length.nanoseconds / 86_400_000_000_000))
            : .timed(start.instant.adding(s.length), timeZone: s.zone)
        let series = RecurrenceSeries(start: start, end: end, rules: [s.rule])
        return try RecurrenceExpander().instances(of: series, from: s.from, to: s.to)
    }

    static func startValue(_ s: Scenario, day: Int64) -> EventDateTime {
        if s.allDay { return .allDay(CalendarDate(daysSinceEpoch: day)) }
        let text = CivilTime.isoDate(days: day) + "T" + pad(s.minuteOfDay / 60) + ":" + pad(s.minuteOfDay % 60) + ":00"
        return try! EventDateTime.parse(dateTime: text, date: nil, timeZone: s.zone, field: "reference")
    }

    /// The reference's instants: days through the window's end, UNTIL, COUNT, then the window.
    static func reference(_ s: Scenario) throws -> [Timestamp] {
        let lastDay = s.to.secondsSinceEpoch / 86_400 + 2
        let days = RecurrenceReference(rule: s.rule, startDay: s.startDay).days(through: lastDay)
        var starts = days.map { startValue(s, day: $0) }
        if case .until(let until) = s.rule.end {
            let kept = zip(days, starts).dropFirst().filter { day, start in
                switch until {
                case .date(let date): return day <= date.daysSinceEpoch
                case .instant(let t): return start.instant <= t
                case .floating: return false  // the generator makes none
                }
            }
            starts = [starts[0]] + kept.map(\.1)
        }
        if case .count(let count) = s.rule.end { starts = Array(starts.prefix(count)) }
        return starts.filter { $0.instant < s.to && $0.instant.adding(s.length) > s.from }.map(\.instant)
    }

    static func checkInvariants(_ instances: [RecurrenceInstance], _ s: Scenario) {
        let starts = instances.map(\.start.instant)
        #expect(starts == starts.sorted(), "\(s)")
        #expect(Set(instances.map(\.originalStart)).count == instances.count, "\(s)")
        #expect(instances.allSatisfy { $0.start.instant < s.to && $0.end.instant > s.from }, "\(s)")
        if case .count(let count) = s.rule.end { #expect(instances.count <= count, "\(s)") }
        let reference = RecurrenceReference(rule: s.rule, startDay: s.startDay)
        for instance in instances where instance.start != startValue(s, day: s.startDay) {
            let reading = s.allDay ? instance.start.description : S.reading(instance.start, in: s.zone)
            let day = CalendarDate(iso: reading.prefix(10))!.daysSinceEpoch
            #expect(reference.matches(day), "\(reading) does not match \(s)")
            if !s.allDay { #expect(reading.hasSuffix(pad(s.minuteOfDay / 60) + ":" + pad(s.minuteOfDay % 60)), "\(s)") }
        }
    }

    static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
