import TMinusCore
import Testing

/// COUNT and UNTIL, BYDAY ordinals, negative BYMONTHDAY, BYSETPOS, all-day series, the window
/// rule, invalid series and the work cap.
struct RecurrenceExpanderTests {
    typealias S = RecurrenceTestSupport

    /// 09:00 Berlin (CET, 08:00Z) on a March 2026 date.
    static func nineBerlin(_ day: Int) -> EventDateTime { S.timed("2026-03-\(day < 10 ? "0" : "")\(day) 08:00", in: S.berlin) }

    static func berlinDates(_ rule: String, start: EventDateTime, from: String = "2026-01-01", to: String = "2031-01-01") throws
        -> [String]
    {
        S.localDates(try S.expand(rule, start: start, from: from, to: to), in: S.berlin)
    }

    @Test func countIncludesDTSTARTEvenWhenItDoesNotMatchTheRule() throws {
        // 2026-03-04 is a Wednesday; the rule asks for Mondays.
        #expect(try Self.berlinDates("FREQ=WEEKLY;BYDAY=MO;COUNT=3", start: Self.nineBerlin(4))
            == ["2026-03-04", "2026-03-09", "2026-03-16"])
    }

    @Test func countIsCountedFromDTSTARTWhenTheWindowStartsLater() throws {
        let dates = try Self.berlinDates("FREQ=DAILY;COUNT=10", start: Self.nineBerlin(1), from: "2026-03-05", to: "2026-04-01")
        #expect(dates == S.dates(2026, 3, Array(5...10)))
    }

    @Test func untilIsInclusiveToTheSecondAndDateUntilIncludesThatLocalDay() throws {
        let start = Self.nineBerlin(2)
        #expect(try Self.berlinDates("FREQ=DAILY;UNTIL=20260305T080000Z", start: start) == S.dates(2026, 3, [2, 3, 4, 5]))
        #expect(try Self.berlinDates("FREQ=DAILY;UNTIL=20260305T075959Z", start: start) == S.dates(2026, 3, [2, 3, 4]))
        #expect(try Self.berlinDates("FREQ=DAILY;UNTIL=20260305", start: start) == S.dates(2026, 3, [2, 3, 4, 5]))
        #expect(try Self.berlinDates("FREQ=DAILY;UNTIL=20260305T090000", start: start) == S.dates(2026, 3, [2, 3, 4, 5]))
        #expect(try Self.berlinDates("FREQ=DAILY;UNTIL=20260305T085959", start: start) == S.dates(2026, 3, [2, 3, 4]))
    }

    @Test func anOldUnboundedSeriesIsExpandedFromTheWindowNotFromDTSTART() throws {
        let series = RecurrenceSeries(
            start: S.timed("1990-01-01 08:00", in: S.berlin), end: S.timed("1990-01-01 09:00", in: S.berlin),
            rules: [try RecurrenceRule(parsing: "FREQ=DAILY")])
        let tight = RecurrenceExpander(candidateLimit: 50)
        let instances = try tight.instances(of: series, from: S.utc("2026-03-02 00:00"), to: S.utc("2026-03-05 00:00"))
        #expect(S.localDates(instances, in: S.berlin) == S.dates(2026, 3, [2, 3, 4]))
        // With COUNT the walk must start at DTSTART to count, so the same cap is exceeded.
        var counted = series
        counted.rules = [try RecurrenceRule(parsing: "FREQ=DAILY;COUNT=20000")]
        #expect(throws: RecurrenceError.candidateLimitExceeded(limit: 50)) {
            try tight.instances(of: counted, from: S.utc("2026-03-02 00:00"), to: S.utc("2026-03-05 00:00"))
        }
    }

    @Test func byDayOrdinalsCountWithinTheMonthOrTheYear() throws {
        // Fifth Monday: only months that have one.
        #expect(try Self.berlinDates("FREQ=MONTHLY;BYDAY=5MO;COUNT=4", start: Self.nineBerlin(30))
            == ["2026-03-30", "2026-06-29", "2026-08-31", "2026-11-30"])
        // Last Sunday of October (YEARLY with BYMONTH: ordinal within the month).
        #expect(try Self.berlinDates("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;COUNT=3", start: S.timed("2026-10-25 08:00", in: S.berlin))
            == ["2026-10-25", "2027-10-31", "2028-10-29"])
        // YEARLY without BYMONTH: ordinals within the year (first Monday, last Friday).
        #expect(try Self.berlinDates("FREQ=YEARLY;BYDAY=1MO,-1FR;COUNT=4", start: S.timed("2026-01-05 08:00", in: S.berlin))
            == ["2026-01-05", "2026-12-25", "2027-01-04", "2027-12-31"])
    }

    @Test func negativeMonthDaysCountFromTheMonthsEnd() throws {
        #expect(try Self.berlinDates("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", start: S.timed("2028-01-31 08:00", in: S.berlin))
            == ["2028-01-31", "2028-02-29", "2028-03-31"])
        #expect(try Self.berlinDates("FREQ=MONTHLY;BYMONTHDAY=-31;COUNT=4", start: S.timed("2026-01-01 08:00", in: S.berlin))
            == ["2026-01-01", "2026-03-01", "2026-05-01", "2026-07-01"])
    }

    @Test func aMonthlyRuleOnThe31stSkipsShorterMonths() throws {
        #expect(try Self.berlinDates("FREQ=MONTHLY;COUNT=4", start: S.timed("2026-01-31 08:00", in: S.berlin))
            == ["2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31"])
    }

    @Test func setPositionPicksTheLastWeekdayOfEachMonth() throws {
        let lastFriday = S.timed("2026-01-30 08:00", in: S.berlin)
        #expect(try Self.berlinDates("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3", start: lastFriday)
            == ["2026-01-30", "2026-02-27", "2026-03-31"])
    }

    @Test func allDaySeriesKeepTheirLengthInDaysAndSkipInvalidDates() throws {
        let weekend = RecurrenceSeries(
            start: .allDay(S.day("2026-03-06")), end: .allDay(S.day("2026-03-08")),
            rules: [try RecurrenceRule(parsing: "FREQ=WEEKLY;UNTIL=20260320")])
        let instances = try RecurrenceExpander().instances(of: weekend, from: S.utc("2026-01-01 00:00"), to: S.utc("2027-01-01 00:00"))
        #expect(instances.map(\.start) == ["2026-03-06", "2026-03-13", "2026-03-20"].map { .allDay(S.day($0)) })
        #expect(instances.map(\.end) == ["2026-03-08", "2026-03-15", "2026-03-22"].map { .allDay(S.day($0)) })
        #expect(instances.map(\.recurrenceID) == ["20260306", "20260313", "20260320"])
        let leapDay = try S.expand("FREQ=YEARLY", start: .allDay(S.day("2024-02-29")), from: "2024-01-01", to: "2033-01-01")
        #expect(leapDay.map(\.start) == ["2024-02-29", "2028-02-29", "2032-02-29"].map { .allDay(S.day($0)) })
    }

    @Test func theWindowKeepsInstancesThatOverlapIt() throws {
        let start = S.timed("2026-03-02 08:00", in: S.berlin)
        let series = RecurrenceSeries(
            start: start, end: .timed(S.utc("2026-03-02 10:00"), timeZone: S.berlin), rules: [try RecurrenceRule(parsing: "FREQ=DAILY")])
        let expander = RecurrenceExpander()
        // Starts an hour before the window and is still running: kept.
        #expect(try expander.instances(of: series, from: S.utc("2026-03-03 09:00"), to: S.utc("2026-03-03 09:30")).count == 1)
        // Ends exactly when the window starts, or starts exactly when it ends: not kept.
        #expect(try expander.instances(of: series, from: S.utc("2026-03-03 10:00"), to: S.utc("2026-03-04 08:00")).isEmpty)
        let zeroLength = RecurrenceSeries(start: start, end: start, rules: [try RecurrenceRule(parsing: "FREQ=DAILY")])
        #expect(try expander.instances(of: zeroLength, from: S.utc("2026-03-03 08:00"), to: S.utc("2026-03-03 08:01")).count == 1)
    }

    @Test func timedInstanceIdentitiesAreUTCBasicForm() throws {
        let instances = try S.expand("FREQ=DAILY;COUNT=2", start: Self.nineBerlin(2), from: "2026-01-01", to: "2027-01-01")
        #expect(instances.map(\.recurrenceID) == ["20260302T080000Z", "20260303T080000Z"])
    }

    @Test func inconsistentSeriesAreTypedErrorsNamingTheField() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=DAILY")
        let window = (S.utc("2026-01-01 00:00"), S.utc("2027-01-01 00:00"))
        let cases: [(RecurrenceSeries, String)] = [
            (RecurrenceSeries(start: .allDay(S.day("2026-03-02")), end: Self.nineBerlin(3), rules: [rule]), "end"),
            (RecurrenceSeries(start: Self.nineBerlin(3), end: Self.nineBerlin(2), rules: [rule]), "end"),
            (RecurrenceSeries(start: .allDay(S.day("2026-03-02")), end: .allDay(S.day("2126-03-02")), rules: [rule]), "end"),
            (RecurrenceSeries(start: .allDay(S.day("2300-03-02")), end: .allDay(S.day("2300-03-03")), rules: [rule]), "start"),
            (RecurrenceSeries(
                start: Self.nineBerlin(2), end: Self.nineBerlin(2), rules: [rule], exceptionDates: [.allDay(S.day("9999-01-01"))]),
             "exceptionDates"),
        ]
        for (series, field) in cases {
            #expect(throws: RecurrenceError.self) { try RecurrenceExpander().instances(of: series, from: window.0, to: window.1) }
            do { _ = try RecurrenceExpander().instances(of: series, from: window.0, to: window.1) } catch { #expect(error.part == field) }
        }
        let mars = RecurrenceSeries(
            start: .timed(S.utc("2026-03-02 08:00"), timeZone: "Mars/Olympus"), end: .timed(S.utc("2026-03-02 09:00"), timeZone: nil),
            rules: [rule])
        #expect(throws: RecurrenceError.unknownTimeZone(name: "Mars/Olympus")) {
            try RecurrenceExpander().instances(of: mars, from: window.0, to: window.1)
        }
    }

    @Test func aRuleThatNeverMatchesHitsTheCapInsteadOfHanging() throws {
        let start = Self.nineBerlin(2)
        // Daily periods from 1900 to 2250 are ~128,000 visits: over the default cap of 100,000.
        #expect(throws: RecurrenceError.candidateLimitExceeded(limit: RecurrenceExpander.defaultCandidateLimit)) {
            try S.expand(
                "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", start: S.timed("1900-01-01 08:00", in: S.berlin), from: "1970-01-01",
                to: "2250-01-01")
        }
        #expect(throws: RecurrenceError.candidateLimitExceeded(limit: RecurrenceExpander.defaultCandidateLimit)) {
            try S.expand("FREQ=DAILY;COUNT=1000000", start: start, from: "1970-01-01", to: "2250-01-01")
        }
        // Yearly periods are few, so the same impossible date just yields DTSTART alone.
        #expect(try S.expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", start: start, from: "1970-01-01", to: "2250-01-01").count == 1)
        let message = RecurrenceError.candidateLimitExceeded(limit: 7).description
        #expect(message.contains("7") && message.contains("narrow the window"))
    }

    @Test func anOpenEndedWindowStopsAtTheEndOfTheSupportedRange() throws {
        let series = RecurrenceSeries(
            start: .allDay(S.day("2026-03-02")), end: .allDay(S.day("2026-03-03")), rules: [try RecurrenceRule(parsing: "FREQ=YEARLY")])
        let instances = try RecurrenceExpander().instances(
            of: series, from: Timestamp(nanosecondsSinceEpoch: .min), to: Timestamp(nanosecondsSinceEpoch: .max))
        #expect(instances.first?.start == .allDay(S.day("2026-03-02")))
        #expect(instances.count > 200 && instances.count < 240)
    }
}
