import TMinusCore
import TMinusProviders
import Testing

/// Graph's patternedRecurrence ↔ RFC 5545 RRULE, both ways, for every pattern type.
struct GraphRecurrencePatternTests {
    static let start = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_772_438_400), timeZone: "Europe/Berlin")

    @Test(arguments: [
        ("daily", #"{"type":"daily","interval":2}"#, "FREQ=DAILY;INTERVAL=2"),
        (
            "weekly", #"{"type":"weekly","interval":1,"daysOfWeek":["monday","thursday"],"firstDayOfWeek":"sunday"}"#,
            "FREQ=WEEKLY;BYDAY=MO,TH;WKST=SU"
        ),
        ("absoluteMonthly", #"{"type":"absoluteMonthly","interval":1,"dayOfMonth":15}"#, "FREQ=MONTHLY;BYMONTHDAY=15"),
        (
            "relativeMonthly", #"{"type":"relativeMonthly","interval":1,"daysOfWeek":["tuesday"],"index":"last"}"#,
            "FREQ=MONTHLY;BYDAY=-1TU"
        ),
        (
            "relativeMonthly2",
            #"{"type":"relativeMonthly","interval":1,"daysOfWeek":["monday","friday"],"index":"second"}"#,
            "FREQ=MONTHLY;BYDAY=MO,FR;BYSETPOS=2"
        ),
        (
            "absoluteYearly", #"{"type":"absoluteYearly","interval":1,"dayOfMonth":2,"month":3}"#,
            "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=2"
        ),
        (
            "relativeYearly",
            #"{"type":"relativeYearly","interval":1,"daysOfWeek":["sunday"],"index":"first","month":11}"#,
            "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"
        ),
    ])
    func patternsMapToTheirRules(name: String, pattern: String, rule: String) throws {
        let json = try WireJSON.parse(
            Array(#"{"pattern":\#(pattern),"range":{"type":"noEnd","startDate":"2026-03-02"}}"#.utf8))
        let parsed = try GraphRecurrencePattern(json: try WireReader(json, path: "recurrence"))
        #expect(try parsed.rule().description == rule, "\(name)")
        let back = try #require(
            GraphRecurrencePattern(rule: try parsed.rule(), start: Self.start, timeZone: "Europe/Berlin"))
        #expect(try back.rule() == parsed.rule(), "\(name) round-trips")
    }

    @Test func rangesMapToUntilDateCountAndNothing() throws {
        func rule(_ range: String) throws -> String {
            let json = try WireJSON.parse(Array(#"{"pattern":{"type":"daily","interval":1},"range":\#(range)}"#.utf8))
            return try GraphRecurrencePattern(json: try WireReader(json, path: "r")).rule().description
        }
        #expect(
            try rule(#"{"type":"endDate","startDate":"2026-03-02","endDate":"2026-03-31"}"#)
                == "FREQ=DAILY;UNTIL=20260331")
        #expect(
            try rule(#"{"type":"numbered","startDate":"2026-03-02","numberOfOccurrences":10}"#) == "FREQ=DAILY;COUNT=10"
        )
        #expect(try rule(#"{"type":"noEnd","startDate":"2026-03-02","endDate":"0001-01-01"}"#) == "FREQ=DAILY")
    }

    @Test func rulesOutlookCannotExpressHaveNoPattern() throws {
        let twoMonthDays = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYMONTHDAY=1,15")
        #expect(GraphRecurrencePattern(rule: twoMonthDays, start: Self.start, timeZone: nil) == nil)
        let mixedOrdinals = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=1MO,-1FR")
        #expect(GraphRecurrencePattern(rule: mixedOrdinals, start: Self.start, timeZone: nil) == nil)
        let weekly = try RecurrenceRule(parsing: "FREQ=WEEKLY;COUNT=4")
        let pattern = try #require(GraphRecurrencePattern(rule: weekly, start: Self.start, timeZone: "Europe/Berlin"))
        #expect(pattern.daysOfWeek == [.monday], "a weekly rule without BYDAY repeats on the start's weekday")
        #expect(pattern.rangeKind == .numbered && pattern.numberOfOccurrences == 4)
        #expect(pattern.startDate.description == "2026-03-02")
    }

    @Test func unknownPatternTypesAreDecodingErrorsWithAPath() throws {
        let json = try WireJSON.parse(
            Array(#"{"pattern":{"type":"hourly"},"range":{"type":"noEnd","startDate":"2026-03-02"}}"#.utf8))
        #expect(throws: WireDecodingError.self) {
            try GraphRecurrencePattern(json: try WireReader(json, path: "recurrence"))
        }
    }
}
