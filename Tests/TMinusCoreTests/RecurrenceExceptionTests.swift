import TMinusCore
import Testing

/// EXDATE, RDATE, overridden instances (moved, cancelled) and recurrence content lines.
struct RecurrenceExceptionTests {
    typealias S = RecurrenceTestSupport

    /// Daily 09:00–10:00 Berlin, March 2–6 2026 (08:00Z).
    static let rule = try! RecurrenceRule(parsing: "FREQ=DAILY;COUNT=5")
    static func nine(_ day: Int) -> EventDateTime { S.timed("2026-03-0\(day) 08:00", in: S.berlin) }
    static let wideOpen = (S.utc("2026-01-01 00:00"), S.utc("2027-01-01 00:00"))

    static func expand(
        exceptionDates: [EventDateTime] = [], additionalDates: [EventDateTime] = [], overrides: [RecurrenceOverride] = [],
        from: Timestamp = wideOpen.0, to: Timestamp = wideOpen.1, includeCancelled: Bool = false
    ) throws -> [RecurrenceInstance] {
        let series = RecurrenceSeries(
            start: nine(2), end: S.timed("2026-03-02 09:00", in: S.berlin), rules: [rule], additionalDates: additionalDates,
            exceptionDates: exceptionDates, overrides: overrides)
        return try RecurrenceExpander().instances(of: series, from: from, to: to, includeCancelled: includeCancelled)
    }

    static func days(_ instances: [RecurrenceInstance]) -> [String] { S.localDates(instances, in: S.berlin) }

    @Test func exceptionDatesRemoveInstancesComparedAsInstants() throws {
        #expect(Self.days(try Self.expand(exceptionDates: [Self.nine(4)])) == S.dates(2026, 3, [2, 3, 5, 6]))
        // The same instant written in another zone is the same exception.
        let sameInstant = EventDateTime.timed(S.utc("2026-03-04 08:00"), timeZone: S.newYork)
        #expect(Self.days(try Self.expand(exceptionDates: [sameInstant])) == S.dates(2026, 3, [2, 3, 5, 6]))
        // A minute off is not the instance.
        let offByAMinute = EventDateTime.timed(S.utc("2026-03-04 08:01"), timeZone: S.berlin)
        #expect(Self.days(try Self.expand(exceptionDates: [offByAMinute])) == S.dates(2026, 3, [2, 3, 4, 5, 6]))
        // A date exception on a timed series removes that local day's instance.
        #expect(Self.days(try Self.expand(exceptionDates: [.allDay(S.day("2026-03-05"))])) == S.dates(2026, 3, [2, 3, 4, 6]))
    }

    @Test func exceptionDatesOnAllDaySeriesAreDates() throws {
        let series = RecurrenceSeries(
            start: .allDay(S.day("2026-03-02")), end: .allDay(S.day("2026-03-03")), rules: [Self.rule],
            exceptionDates: [.allDay(S.day("2026-03-03")), .timed(S.utc("2026-03-05 23:30"), timeZone: S.berlin)])
        let instances = try RecurrenceExpander().instances(of: series, from: Self.wideOpen.0, to: Self.wideOpen.1)
        #expect(instances.map(\.start) == ["2026-03-02", "2026-03-04", "2026-03-05"].map { .allDay(S.day($0)) })
    }

    @Test func additionalDatesJoinTheSetWithoutDuplicatesAndOutsideCount() throws {
        let extra = S.timed("2026-03-10 13:00", in: S.berlin)
        let instances = try Self.expand(additionalDates: [extra, Self.nine(3), .allDay(S.day("2026-03-12"))])
        #expect(Self.days(instances) == S.dates(2026, 3, [2, 3, 4, 5, 6, 10, 12]))
        #expect(instances.map(\.kind) == [.generated, .generated, .generated, .generated, .generated, .added, .added])
        // A date RDATE on a timed series takes DTSTART's time of day.
        #expect(S.reading(instances[6].start, in: S.berlin) == "2026-03-12 09:00")
        #expect(instances[5].end.instant == S.utc("2026-03-10 14:00"))
        // An exception beats an addition.
        #expect(Self.days(try Self.expand(exceptionDates: [extra], additionalDates: [extra])) == S.dates(2026, 3, [2, 3, 4, 5, 6]))
    }

    @Test func aRescheduledInstanceKeepsItsIdentityAndTakesItsNewTimes() throws {
        let newStart = S.timed("2026-03-03 13:00", in: S.berlin)
        let newEnd = S.timed("2026-03-03 15:00", in: S.berlin)
        let moved = RecurrenceOverride(originalStart: Self.nine(3), change: .rescheduled(start: newStart, end: newEnd))
        let instances = try Self.expand(overrides: [moved])
        #expect(instances.count == 5)
        #expect(instances[1] == RecurrenceInstance(originalStart: Self.nine(3), start: newStart, end: newEnd, kind: .rescheduled))
        #expect(instances[1].recurrenceID == "20260303T080000Z")
    }

    @Test func aRescheduledInstanceCanMoveIntoOrOutOfTheWindow() throws {
        let far = RecurrenceOverride(
            originalStart: Self.nine(3),
            change: .rescheduled(start: S.timed("2026-04-01 08:00", in: S.berlin), end: S.timed("2026-04-01 09:00", in: S.berlin)))
        let early = try Self.expand(overrides: [far], from: S.utc("2026-03-02 00:00"), to: S.utc("2026-03-05 00:00"))
        #expect(Self.days(early) == S.dates(2026, 3, [2, 4]))
        let april = try Self.expand(overrides: [far], from: S.utc("2026-03-31 00:00"), to: S.utc("2026-04-02 00:00"))
        #expect(april.map(\.kind) == [.rescheduled])
        #expect(april.map(\.originalStart) == [Self.nine(3)])
    }

    @Test func aCancelledInstanceIsDroppedOrReportedWhenAskedFor() throws {
        let cancel = RecurrenceOverride(originalStart: Self.nine(4), change: .cancelled)
        #expect(Self.days(try Self.expand(overrides: [cancel])) == S.dates(2026, 3, [2, 3, 5, 6]))
        let reported = try Self.expand(overrides: [cancel], includeCancelled: true)
        #expect(reported.map(\.kind) == [.generated, .generated, .cancelled, .generated, .generated])
        #expect(reported[2].start == Self.nine(4))
    }

    @Test func overridesOfInstancesNotInTheSetAreIgnoredAndTheLaterOfTwoWins() throws {
        let plain = try Self.expand()
        let strays = [
            RecurrenceOverride(originalStart: S.timed("2026-03-04 08:30", in: S.berlin), change: .cancelled),
            RecurrenceOverride(originalStart: S.timed("2026-03-09 08:00", in: S.berlin), change: .cancelled),  // past COUNT
        ]
        #expect(try Self.expand(overrides: strays) == plain)
        let excluded = RecurrenceOverride(
            originalStart: Self.nine(4), change: .rescheduled(start: Self.nine(4), end: S.timed("2026-03-04 12:00", in: S.berlin)))
        #expect(Self.days(try Self.expand(exceptionDates: [Self.nine(4)], overrides: [excluded])) == S.dates(2026, 3, [2, 3, 5, 6]))
        let first = RecurrenceOverride(originalStart: Self.nine(5), change: .cancelled)
        let second = RecurrenceOverride(
            originalStart: Self.nine(5), change: .rescheduled(start: Self.nine(5), end: S.timed("2026-03-05 11:00", in: S.berlin)))
        let instances = try Self.expand(overrides: [first, second])
        #expect(instances.map(\.kind) == [.generated, .generated, .generated, .rescheduled, .generated])
    }

    @Test func orphanedOverridesAreThoseNamingNoInstanceOfTheRulesEvenAnExcludedOne() throws {
        let offTheRule = RecurrenceOverride(originalStart: S.timed("2026-03-04 08:30", in: S.berlin), change: .cancelled)
        let pastCount = RecurrenceOverride(originalStart: Self.nine(9), change: .cancelled)
        let matched = RecurrenceOverride(originalStart: Self.nine(3), change: .cancelled)
        let excluded = RecurrenceOverride(originalStart: Self.nine(4), change: .cancelled)
        let dateOfAnInstance = RecurrenceOverride(originalStart: .allDay(S.day("2026-03-05")), change: .cancelled)
        let series = RecurrenceSeries(
            start: Self.nine(2), end: S.timed("2026-03-02 09:00", in: S.berlin), rules: [Self.rule],
            exceptionDates: [Self.nine(4)], overrides: [offTheRule, matched, pastCount, excluded, dateOfAnInstance])
        #expect(try RecurrenceExpander().orphanedOverrides(of: series) == [offTheRule, pastCount])
        for (from, to) in [("2026-03-01 00:00", "2026-03-10 00:00"), ("2026-03-05 00:00", "2026-03-06 00:00"),
                           ("2026-04-01 00:00", "2026-04-02 00:00")] {
            let (start, end) = (S.timed(from, in: S.berlin).instant, S.timed(to, in: S.berlin).instant)
            let both = try RecurrenceExpander().expansion(of: series, from: start, to: end)
            #expect(both.orphanedOverrides == [offTheRule, pastCount], "the orphans do not depend on the window \(from)")
        }
        let bare = RecurrenceSeries(start: Self.nine(2), end: S.timed("2026-03-02 09:00", in: S.berlin), rules: [Self.rule])
        #expect(try RecurrenceExpander().orphanedOverrides(of: bare).isEmpty)
    }

    @Test func googleStyleRecurrenceLinesBuildASeries() throws {
        let series = try RecurrenceSeries(
            start: S.timed("2026-03-02 08:00", in: S.berlin), end: S.timed("2026-03-02 09:00", in: S.berlin),
            recurrenceLines: [
                "RRULE:FREQ=WEEKLY;BYDAY=MO", "EXDATE;TZID=Europe/Berlin:20260309T090000,20260323T090000",
                "EXDATE:20260330T070000Z", "RDATE;VALUE=DATE:20260311", "rdate:20260312T090000",
            ])
        let instances = try RecurrenceExpander().instances(of: series, from: S.utc("2026-03-01 00:00"), to: S.utc("2026-04-07 00:00"))
        #expect(instances.map { S.reading($0.start, in: S.berlin) }
            == ["2026-03-02 09:00", "2026-03-11 09:00", "2026-03-12 09:00", "2026-03-16 09:00", "2026-04-06 09:00"])
    }

    @Test func recurrenceLinesRoundTripThroughTheirCanonicalForm() throws {
        let lines = [
            "RRULE:FREQ=MONTHLY;BYDAY=-1FR", "EXDATE;TZID=Europe/Berlin:20260327T090000", "RDATE;VALUE=DATE:20260401",
        ]
        let properties = try RecurrenceProperties(lines: lines, defaultTimeZone: S.berlin)
        #expect(properties.lines == ["RRULE:FREQ=MONTHLY;BYDAY=-1FR", "RDATE;VALUE=DATE:20260401", "EXDATE:20260327T080000Z"])
        #expect(try RecurrenceProperties(lines: properties.lines, defaultTimeZone: S.berlin) == properties)
    }

    @Test(arguments: [
        ("EXRULE:FREQ=DAILY", RecurrenceError.unsupportedPart(part: "EXRULE", value: "FREQ=DAILY")),
        ("DTSTART:20260302T090000Z", .unknownPart(part: "DTSTART")),
        ("RDATE;VALUE=PERIOD:20260302T090000Z/PT1H", .unsupportedPart(part: "RDATE", value: "VALUE=PERIOD")),
        ("EXDATE;TZID=Mars/Olympus:20260309T090000", .unknownTimeZone(name: "Mars/Olympus")),
        ("RRULE:FREQ=HOURLY", .unsupportedPart(part: "FREQ", value: "HOURLY")),
    ])
    func badRecurrenceLinesAreTypedErrors(line: String, expected: RecurrenceError) {
        #expect(throws: expected) { try RecurrenceProperties(lines: [line], defaultTimeZone: S.berlin) }
    }

    @Test(arguments: ["EXDATE:2026-03-09", "EXDATE:20260230T090000", "EXDATE:22620501", "RDATE no colon"])
    func malformedDateValuesNameTheProperty(line: String) {
        do {
            _ = try RecurrenceProperties(lines: [line], defaultTimeZone: S.berlin)
            Issue.record("expected an error for \(line)")
        } catch {
            #expect(error.part == String(line.prefix(while: { $0 != ":" })) || line == "RDATE no colon")
        }
    }
}
