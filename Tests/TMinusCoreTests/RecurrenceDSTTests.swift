import TMinusCore
import Testing

/// Local wall-clock times are kept across DST changes in the event's own zone; the UTC instant
/// moves. 2026 changes: New York Mar 8 and Nov 1, Berlin Mar 29 and Oct 25. Expected instants
/// are worked out by hand; local readings use `TimeZoneNames.offsetSeconds`, not the expander.
struct RecurrenceDSTTests {
    typealias S = RecurrenceTestSupport

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let zone: String
        let rule: String
        /// DTSTART as its UTC instant.
        let startUTC: String
        let expectedUTC: [String]
        let expectedLocal: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "New York spring: weekly Monday 09:00 moves from 14:00Z to 13:00Z", zone: S.newYork,
             rule: "FREQ=WEEKLY;COUNT=3", startUTC: "2026-03-02 14:00",
             expectedUTC: ["2026-03-02 14:00", "2026-03-09 13:00", "2026-03-16 13:00"],
             expectedLocal: ["2026-03-02 09:00", "2026-03-09 09:00", "2026-03-16 09:00"]),
        Case(name: "New York fall: daily 09:00 moves from 13:00Z to 14:00Z on the change day", zone: S.newYork,
             rule: "FREQ=DAILY;COUNT=4", startUTC: "2026-10-30 13:00",
             expectedUTC: ["2026-10-30 13:00", "2026-10-31 13:00", "2026-11-01 14:00", "2026-11-02 14:00"],
             expectedLocal: ["2026-10-30 09:00", "2026-10-31 09:00", "2026-11-01 09:00", "2026-11-02 09:00"]),
        Case(name: "Berlin spring: daily 09:00 moves from 08:00Z to 07:00Z on the change day", zone: S.berlin,
             rule: "FREQ=DAILY;COUNT=4", startUTC: "2026-03-27 08:00",
             expectedUTC: ["2026-03-27 08:00", "2026-03-28 08:00", "2026-03-29 07:00", "2026-03-30 07:00"],
             expectedLocal: ["2026-03-27 09:00", "2026-03-28 09:00", "2026-03-29 09:00", "2026-03-30 09:00"]),
        Case(name: "Berlin fall: daily 09:00 moves from 07:00Z to 08:00Z on the change day", zone: S.berlin,
             rule: "FREQ=DAILY;COUNT=4", startUTC: "2026-10-23 07:00",
             expectedUTC: ["2026-10-23 07:00", "2026-10-24 07:00", "2026-10-25 08:00", "2026-10-26 08:00"],
             expectedLocal: ["2026-10-23 09:00", "2026-10-24 09:00", "2026-10-25 09:00", "2026-10-26 09:00"]),
        Case(name: "Berlin: last Sunday of the month at 09:00 lands on both change days", zone: S.berlin,
             rule: "FREQ=MONTHLY;BYDAY=-1SU;BYMONTH=3,10;COUNT=3", startUTC: "2026-03-29 07:00",
             expectedUTC: ["2026-03-29 07:00", "2026-10-25 08:00", "2027-03-28 07:00"],
             expectedLocal: ["2026-03-29 09:00", "2026-10-25 09:00", "2027-03-28 09:00"]),
        Case(name: "Berlin spring gap: 02:30 does not exist on Mar 29 and becomes 03:30 CEST", zone: S.berlin,
             rule: "FREQ=DAILY;COUNT=4", startUTC: "2026-03-27 01:30",
             expectedUTC: ["2026-03-27 01:30", "2026-03-28 01:30", "2026-03-29 01:30", "2026-03-30 00:30"],
             expectedLocal: ["2026-03-27 02:30", "2026-03-28 02:30", "2026-03-29 03:30", "2026-03-30 02:30"]),
        Case(name: "New York spring gap: 02:30 does not exist on Mar 8 and becomes 03:30 EDT", zone: S.newYork,
             rule: "FREQ=DAILY;COUNT=4", startUTC: "2026-03-06 07:30",
             expectedUTC: ["2026-03-06 07:30", "2026-03-07 07:30", "2026-03-08 07:30", "2026-03-09 06:30"],
             expectedLocal: ["2026-03-06 02:30", "2026-03-07 02:30", "2026-03-08 03:30", "2026-03-09 02:30"]),
        Case(name: "New York fall overlap: 01:30 occurs twice on Nov 1 and means the first (EDT)", zone: S.newYork,
             rule: "FREQ=DAILY;COUNT=4", startUTC: "2026-10-30 05:30",
             expectedUTC: ["2026-10-30 05:30", "2026-10-31 05:30", "2026-11-01 05:30", "2026-11-02 06:30"],
             expectedLocal: ["2026-10-30 01:30", "2026-10-31 01:30", "2026-11-01 01:30", "2026-11-02 01:30"]),
        Case(name: "Berlin fall overlap: 02:30 occurs twice on Oct 25 and means the first (CEST)", zone: S.berlin,
             rule: "FREQ=DAILY;COUNT=4", startUTC: "2026-10-23 00:30",
             expectedUTC: ["2026-10-23 00:30", "2026-10-24 00:30", "2026-10-25 00:30", "2026-10-26 01:30"],
             expectedLocal: ["2026-10-23 02:30", "2026-10-24 02:30", "2026-10-25 02:30", "2026-10-26 02:30"]),
    ]

    @Test(arguments: cases)
    func localTimeIsKeptAndTheInstantShifts(example: Case) throws {
        let instances = try S.expand(
            example.rule, start: S.timed(example.startUTC, in: example.zone), from: "2026-01-01", to: "2028-01-01")
        #expect(instances.map(\.start.instant) == example.expectedUTC.map(S.utc))
        #expect(instances.map { S.reading($0.start, in: example.zone) } == example.expectedLocal)
        #expect(instances.allSatisfy { $0.start.timeZone == example.zone && $0.originalStart == $0.start })
    }

    @Test func instancesKeepTheFirstInstancesExactDurationAcrossTheChange() throws {
        let instances = try S.expand(
            "FREQ=DAILY;COUNT=5", start: S.timed("2026-03-27 08:00", in: S.berlin), length: .seconds(5400),
            from: "2026-01-01", to: "2027-01-01")
        #expect(instances.count == 5)
        #expect(instances.allSatisfy { $0.end.instant.duration(since: $0.start.instant) == .seconds(5400) })
    }

    @Test func aWindowsZoneNameExpandsLikeItsIANAZone() throws {
        let windows = try S.expand(
            "FREQ=DAILY;COUNT=4", start: S.timed("2026-03-27 08:00", in: "W. Europe Standard Time"), from: "2026-01-01", to: "2027-01-01")
        let iana = try S.expand(
            "FREQ=DAILY;COUNT=4", start: S.timed("2026-03-27 08:00", in: S.berlin), from: "2026-01-01", to: "2027-01-01")
        #expect(windows.map(\.start.instant) == iana.map(\.start.instant))
    }

    /// RFC 5545 §3.3.5's own examples: 02:30 on the spring-forward day is 03:30 EDT; 01:30 on the
    /// fall-back day is the first occurrence, 01:30 EDT.
    @Test func localDateTimesInRecurrencePropertiesFollowRFC5545GapAndOverlapRules() throws {
        let properties = try RecurrenceProperties(
            lines: ["RDATE;TZID=America/New_York:20070311T023000,20071104T013000"], defaultTimeZone: nil)
        #expect(properties.additionalDates.map(\.instant) == [S.utc("2007-03-11 07:30"), S.utc("2007-11-04 05:30")])
    }

    @Test func allDaySeriesAreDatesUntouchedByDST() throws {
        let instances = try S.expand(
            "FREQ=DAILY;COUNT=3", start: .allDay(S.day("2026-03-28")), from: "2026-01-01", to: "2027-01-01")
        #expect(instances.map(\.start) == ["2026-03-28", "2026-03-29", "2026-03-30"].map { .allDay(S.day($0)) })
        #expect(instances.map(\.end) == ["2026-03-29", "2026-03-30", "2026-03-31"].map { .allDay(S.day($0)) })
    }

    /// Sydney's 2026 autumn change: 03:00 AEDT on 5 April becomes 02:00 AEST, so 02:30 happens twice.
    /// Only the first pass is what the wall time `02:30 Australia/Sydney` denotes.
    @Test func onlyTheFirstPassOfARepeatedHourIsAPlainWallTime() {
        let firstPass = Timestamp(secondsSinceEpoch: 1_775_316_600)  // 2026-04-04T15:30:00Z, 02:30 AEDT
        let secondPass = firstPass.adding(.seconds(3600))  // 16:30Z, 02:30 AEST
        #expect(TimeZoneNames.isPlainWallTime(firstPass, in: "Australia/Sydney"))
        #expect(!TimeZoneNames.isPlainWallTime(secondPass, in: "Australia/Sydney"))
        #expect(TimeZoneNames.isPlainWallTime(secondPass.adding(.seconds(3600)), in: "Australia/Sydney"))
        #expect(TimeZoneNames.isPlainWallTime(secondPass, in: "UTC"))
    }
}
