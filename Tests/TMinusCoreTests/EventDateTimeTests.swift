import TMinusCore
import Testing

struct EventDateTimeTests {
    @Test func sameInstantInDifferentZonesComparesEqual() throws {
        let a = try EventDateTime.parse(dateTime: "2026-03-02T09:00:00-05:00", date: nil, timeZone: nil, field: "start")
        let b = try EventDateTime.parse(dateTime: "2026-03-02T14:00:00Z", date: nil, timeZone: nil, field: "start")
        #expect(a.instant == b.instant)
    }

    @Test func localTimeIsResolvedInItsZoneIncludingWindowsNames() throws {
        let iana = try EventDateTime.parse(dateTime: "2026-07-01T09:00:00", date: nil, timeZone: "America/Los_Angeles", field: "s")
        let windows = try EventDateTime.parse(
            dateTime: "2026-07-01T09:00:00.0000000", date: nil, timeZone: "Pacific Standard Time", field: "s")
        #expect(iana.instant == Timestamp(secondsSinceEpoch: 1_782_921_600))  // 16:00Z (PDT, UTC-7)
        #expect(windows == iana)
    }

    @Test func allDayDatesParseAndOrder() throws {
        let day = try EventDateTime.parse(dateTime: nil, date: "2026-03-02", timeZone: nil, field: "start")
        #expect(day == .allDay(CalendarDate(year: 2026, month: 3, day: 2)!))
        #expect(day.isAllDay)
        #expect(CalendarDate(iso: "20260302") == CalendarDate(iso: "2026-03-02"))
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "yesterday", "2026-03-02T25:00:00Z", "2026-03-02T10:00:00+0100",
        "1097-12-24T00:00:00Z", "9999-12-31T23:59:59Z", "2262-06-01T00:00:00Z",
    ])
    func malformedDateTimeIsATypedErrorNamingTheField(text: String) {
        #expect(throws: ModelError.self) { try EventDateTime.parse(dateTime: text, date: nil, timeZone: nil, field: "deltas[0].start") }
        do {
            _ = try EventDateTime.parse(dateTime: text, date: nil, timeZone: nil, field: "deltas[0].start")
        } catch {
            #expect(error.field == "deltas[0].start.dateTime")
            #expect(error.description.contains("RFC 3339"))
        }
    }

    @Test func farFutureAllDayDateIsATypedErrorNotACrash() {
        #expect(throws: ModelError.self) { try EventDateTime.parse(dateTime: nil, date: "9999-01-01", timeZone: nil, field: "end") }
    }

    @Test func localTimesInDSTGapsMoveForwardAndRepeatedTimesTakeTheFirstOccurrence() throws {
        // New York, 2026-03-08 02:30 does not exist: it reads as 03:30 EDT (07:30Z).
        let gap = try EventDateTime.parse(dateTime: "2026-03-08T02:30:00", date: nil, timeZone: "America/New_York", field: "s")
        #expect(gap.instant == Timestamp(secondsSinceEpoch: 1_772_955_000))
        // Berlin, 2026-10-25 02:30 happens twice: the first (CEST, 00:30Z) is meant.
        let overlap = try EventDateTime.parse(dateTime: "2026-10-25T02:30:00", date: nil, timeZone: "Europe/Berlin", field: "s")
        #expect(overlap.instant == Timestamp(secondsSinceEpoch: 1_792_888_200))
    }

    @Test func unknownZoneAndMissingValueAreTypedErrors() {
        #expect(throws: ModelError.missingField(field: "x.dateTime")) {
            try EventDateTime.parse(dateTime: nil, date: nil, timeZone: nil, field: "x")
        }
        #expect(throws: ModelError.self) {
            try EventDateTime.parse(dateTime: "2026-03-02T10:00:00", date: nil, timeZone: "Mars/Olympus", field: "x")
        }
    }

    @Test func rfc3339RoundTripsThroughTimestampDescription() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        for _ in 0..<500 {
            let millis = Int64(rng.below(4_000_000_000_000))
            let t = Timestamp(millisecondsSinceEpoch: millis)
            let parsed = try EventDateTime.parse(dateTime: t.description, date: nil, timeZone: nil, field: "t")
            #expect(parsed.instant == t)
        }
    }

    @Test func unknownEnumValueNamesFieldAndAllowedValues() {
        do {
            _ = try MirrorState.parse("HALF_DONE", field: "event_mirrors.state")
            Issue.record("expected an error")
        } catch {
            #expect(error.field == "event_mirrors.state")
            #expect(error.description.contains("PENDING"))
        }
    }

    @Test func deltaWithoutIDOrContentIsRejectedNamingTheField() {
        let missingID = ProviderEventDelta(kind: .created, providerEventID: "", calendarID: "primary", content: nil)
        #expect(throws: ModelError.missingField(field: "deltas[2].providerEventID")) { try missingID.validate(field: "deltas[2]") }
        let missingContent = ProviderEventDelta(kind: .updated, providerEventID: "x", calendarID: "primary", content: nil)
        #expect(throws: ModelError.missingField(field: "deltas[0].content")) { try missingContent.validate(field: "deltas[0]") }
    }
}
