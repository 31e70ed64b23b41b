import Foundation
import TMinusCore
import TMinusProviders
import Testing

/// TZID resolution, VTIMEZONE rule evaluation, durations and DST-aware arithmetic.
struct ICalendarTimeZoneTests {
    static let berlinRules = """
        BEGIN:STANDARD\r
        DTSTART:19701025T030000\r
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
        TZOFFSETFROM:+0200\r
        TZOFFSETTO:+0100\r
        END:STANDARD\r
        BEGIN:DAYLIGHT\r
        DTSTART:19700329T020000\r
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
        TZOFFSETFROM:+0100\r
        TZOFFSETTO:+0200\r
        END:DAYLIGHT\r

        """

    static func calendar(tzid: String, rules: String = berlinRules, extra: String = "") -> ICalendarCalendar {
        let text =
            "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:\(tzid)\r\n\(extra)\(rules)END:VTIMEZONE\r\nEND:VCALENDAR\r\n"
        return ICalendarCalendar(try! ICalendarReader.calendar(text))
    }

    private static func local(_ y: Int64, _ mo: Int64, _ d: Int64, _ h: Int64, _ mi: Int64 = 0)
        -> ICalendarLocalDateTime
    {
        ICalendarLocalDateTime(date: CalendarDate(year: y, month: mo, day: d)!, hour: h, minute: mi)
    }

    @Test func customVTimezoneRulesAgreeWithTheTzDatabaseHourByHour() throws {
        let zones = Self.calendar(tzid: "Custom Central European").timeZones
        let custom = try zones.zone(for: "Custom Central European")
        guard case .custom(let definition) = custom else {
            Issue.record("a TZID unknown to the tz database must use the VTIMEZONE rules, got \(custom)")
            return
        }
        // Every 6 hours across 2024-2027, plus the transition hours themselves.
        var instant = Timestamp(secondsSinceEpoch: 1_704_067_200)
        while instant < Timestamp(secondsSinceEpoch: 1_830_297_600) {
            #expect(
                definition.offsetSeconds(at: instant) == TimeZoneNames.offsetSeconds(of: "Europe/Berlin", at: instant),
                "\(instant)")
            instant = instant.adding(.seconds(6 * 3600 + 1800))
        }
        for reading in [Self.local(2026, 3, 29, 2, 30), Self.local(2026, 10, 25, 2, 30), Self.local(2026, 7, 1, 12)] {
            let viaRules = try zones.instant(of: .zoned(reading, tzid: "Custom Central European"))
            let viaDatabase = try zones.instant(of: .zoned(reading, tzid: "Europe/Berlin"))
            #expect(viaRules == viaDatabase, "\(reading)")
        }
    }

    @Test func gapsAndOverlapsFollowRFC5545() throws {
        let zones = Self.calendar(tzid: "Europe/Berlin").timeZones
        // 02:30 on the spring-forward day does not exist: read with the offset before (+1) → 01:30Z = 03:30 CEST.
        #expect(
            try zones.instant(of: .zoned(Self.local(2026, 3, 29, 2, 30), tzid: "Europe/Berlin"))
                == Timestamp(secondsSinceEpoch: 1_774_747_800))
        // 02:30 on the fall-back day happens twice: the first one (CEST, 00:30Z).
        #expect(
            try zones.instant(of: .zoned(Self.local(2026, 10, 25, 2, 30), tzid: "Europe/Berlin"))
                == Timestamp(secondsSinceEpoch: 1_792_888_200))
    }

    @Test func ianaLikeNamesInsideVendorTZIDsAndXLicLocationResolveToTheDatabase() throws {
        #expect(ICalendarTimeZones.ianaLikeName("/mozilla.org/20050126_1/America/New_York") == "America/New_York")
        #expect(
            ICalendarTimeZones.ianaLikeName("/softwarestudio.org/Olson_20011030_5/America/Argentina/Buenos_Aires")
                != nil)
        #expect(ICalendarTimeZones.ianaLikeName("W. Europe Standard Time") == "Europe/Berlin")
        #expect(ICalendarTimeZones.ianaLikeName("Nowhere/Special") == nil)
        let zones = Self.calendar(tzid: "Outlook Zone 7", extra: "X-LIC-LOCATION:Europe/Paris\r\n").timeZones
        #expect(try zones.zone(for: "Outlook Zone 7") == .iana("Europe/Paris"))
    }

    @Test func unknownTZIDWithoutVTimezoneIsATypedErrorNamingTheLine() throws {
        let text =
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nDTSTART;TZID=Atlantis/Capital:20260101T090000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let calendar = try ICalendarCalendar.parse(text)
        let event = try #require(try calendar.events().first)
        #expect(throws: ICalendarError.unknownTimeZone(line: 4, property: "DTSTART", tzid: "Atlantis/Capital")) {
            try event.startInstant(in: calendar.timeZones)
        }
    }

    @Test func unsupportedObservanceRuleIsATypedError() {
        let rules = Self.berlinRules.replacingOccurrences(of: "FREQ=YEARLY;BYMONTH=10", with: "FREQ=MONTHLY;BYMONTH=10")
        let zones = Self.calendar(tzid: "Odd Zone", rules: rules).timeZones
        #expect(
            throws: ICalendarError.unsupportedTimeZoneRule(
                line: 6, tzid: "Odd Zone", rule: "FREQ=MONTHLY;BYMONTH=10;BYDAY=-1SU")
        ) {
            try zones.zone(for: "Odd Zone")
        }
    }

    @Test(arguments: [
        ("PT1H", 0, 3600, "PT1H"), ("P1W", 7, 0, "P1W"), ("P2D", 2, 0, "P2D"), ("-PT15M", 0, 900, "-PT15M"),
        ("P1DT2H3M4S", 1, 7384, "P1DT2H3M4S"), ("+P0D", 0, 0, "P0D"), ("PT90M", 0, 5400, "PT1H30M"),
    ])
    func durationsParseAndPrintCanonically(text: String, days: Int64, seconds: Int64, canonical: String) throws {
        let duration = try #require(ICalendarDuration.parse(text))
        #expect(duration.days == days)
        #expect(duration.seconds == seconds)
        #expect(duration.description == canonical)
        #expect(ICalendarDuration.parse(canonical) == duration)
    }

    @Test(arguments: [
        "", "P", "PT", "1H", "P1H", "PT1D", "P1W2D", "PT1S1H", "P1DT", "P-1D", "PX", "P1D1D", "P9999999999D",
    ])
    func malformedDurationsAreRejected(text: String) {
        #expect(ICalendarDuration.parse(text) == nil)
    }

    @Test func nominalDaysFollowTheWallClockAcrossDSTWhileHoursAreExact() throws {
        let zones = Self.calendar(tzid: "Europe/Berlin").timeZones
        let start = ICalendarDateTime.zoned(Self.local(2026, 3, 28, 12), tzid: "Europe/Berlin")
        #expect(try zones.instant(of: start) == Timestamp(secondsSinceEpoch: 1_774_695_600))
        #expect(
            try zones.adding(ICalendarDuration(days: 1), to: start) == Timestamp(secondsSinceEpoch: 1_774_778_400),
            "23 hours")
        #expect(
            try zones.adding(ICalendarDuration(seconds: 86_400), to: start)
                == Timestamp(secondsSinceEpoch: 1_774_782_000), "24 hours")
    }

    @Test func floatingTimesUseTheChosenZoneAndStayMarked() throws {
        let value = ICalendarDateTime.floating(Self.local(2026, 1, 15, 9))
        #expect(value.isFloating)
        let utcZones = Self.calendar(tzid: "X").timeZones
        #expect(try utcZones.instant(of: value) == Timestamp(secondsSinceEpoch: 1_768_467_600))
        let inTokyo = ICalendarTimeZones(
            calendar: ICalendarComponent(name: "VCALENDAR"), floatingTimeZone: "Asia/Tokyo")
        #expect(try inTokyo.instant(of: value) == Timestamp(secondsSinceEpoch: 1_768_435_200))
    }
}
