import TMinusCore
import TMinusProviders
import Testing

/// Series expansion through the recurrence engine: overrides, exclusions, DST, custom and floating zones.
struct ICalendarExpansionTests {
    private static func instant(_ text: String) -> Timestamp {
        guard case .utc(let value)? = ICalendarDateTime.parse(text: Substring(text), tzid: nil) else {
            fatalError(text)
        }
        return value
    }

    private func lines(_ instances: [ICalendarInstance]) -> [String] {
        instances.map { instance in
            "\(instance.recurrenceID?.valueText ?? "-") \(instance.start.description) \(instance.end.description)"
        }
    }

    @Test func recordedSeriesSkipsTheExcludedInstanceAndMovesTheOverriddenOne() throws {
        let calendar = try ICalendarCalendar.parse(CalDAVFixtures.bytes("radicale-11-response.ics"))
        let instances = try ICalendarExpansion.instances(
            in: calendar, from: Self.instant("20260701T000000Z"), to: Self.instant("20261001T000000Z"))
        #expect(
            instances.map { $0.recurrenceID?.valueText ?? "" } == [
                "20260702T070000Z", "20260716T070000Z", "20260723T070000Z", "20260730T070000Z", "20260806T070000Z",
                "20260813T070000Z", "20260820T070000Z",
            ])
        let moved = instances[1]
        #expect(moved.isOverride)
        #expect(moved.start.instant == Self.instant("20260716T080000Z"))
        #expect(moved.end.instant == Self.instant("20260716T100000Z"))
        #expect(moved.event.summary?.hasSuffix("moved, one hour later") == true)
        #expect(instances[0].start == .timed(Self.instant("20260702T070000Z"), timeZone: "Europe/Berlin"))
        #expect(instances[0].end.instant == Self.instant("20260702T090000Z"))
    }

    @Test func windowsSelectOnlyOverlappingInstances() throws {
        let calendar = try ICalendarCalendar.parse(CalDAVFixtures.bytes("radicale-11-response.ics"))
        let excludedDay = try ICalendarExpansion.instances(
            in: calendar, from: Self.instant("20260709T000000Z"), to: Self.instant("20260709T235959Z"))
        #expect(excludedDay.isEmpty, "the EXDATE instance must not appear")
        let overrideDay = try ICalendarExpansion.instances(
            in: calendar, from: Self.instant("20260716T000000Z"), to: Self.instant("20260716T235959Z"))
        #expect(overrideDay.count == 1)
        let touchingEnd = try ICalendarExpansion.instances(
            in: calendar, from: Self.instant("20260702T090000Z"), to: Self.instant("20260703T000000Z"))
        #expect(touchingEnd.isEmpty, "an instance ending exactly at the window start does not overlap")
    }

    private func weeklyAcrossDST(tzid: String, timezone: String) throws -> [ICalendarInstance] {
        let text = """
            BEGIN:VCALENDAR\r
            \(timezone)BEGIN:VEVENT\r
            UID:dst\r
            DTSTART;TZID=\(tzid):20260319T090000\r
            DURATION:PT1H\r
            RRULE:FREQ=WEEKLY;UNTIL=20260402T070000Z\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        return try ICalendarExpansion.instances(
            in: ICalendarCalendar.parse(text), from: Self.instant("20260301T000000Z"),
            to: Self.instant("20260501T000000Z"))
    }

    @Test func expansionKeepsLocalTimeAcrossTheDSTChangeForDatabaseAndCustomZones() throws {
        let expected = ["20260319T080000Z", "20260326T080000Z", "20260402T070000Z"]
        let database = try weeklyAcrossDST(tzid: "Europe/Berlin", timezone: "")
        #expect(database.map { $0.recurrenceID?.valueText ?? "" } == expected)
        let rules = "BEGIN:VTIMEZONE\r\nTZID:My Office\r\n" + ICalendarTimeZoneTests.berlinRules + "END:VTIMEZONE\r\n"
        let custom = try weeklyAcrossDST(tzid: "My Office", timezone: rules)
        #expect(custom.map { $0.recurrenceID?.valueText ?? "" } == expected)
        #expect(
            custom.map { $0.end.instant.duration(since: $0.start.instant) }
                == Array(repeating: .seconds(3600), count: 3))
        #expect(custom[0].start.timeZone == nil, "a zone known only from its VTIMEZONE has no IANA name")
        #expect(database[0].start.timeZone == "Europe/Berlin")
    }

    @Test func floatingAndAllDaySeriesKeepTheirIdentityForms() throws {
        let text = """
            BEGIN:VCALENDAR\r
            BEGIN:VEVENT\r
            UID:float\r
            DTSTART:20260302T090000\r
            DTEND:20260302T093000\r
            RRULE:FREQ=DAILY;COUNT=2\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:allday\r
            DTSTART;VALUE=DATE:20260302\r
            RRULE:FREQ=WEEKLY;COUNT=2\r
            EXDATE;VALUE=DATE:20260309\r
            RDATE;VALUE=DATE:20260304\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let instances = try ICalendarExpansion.instances(
            in: ICalendarCalendar.parse(text), from: Self.instant("20260301T000000Z"),
            to: Self.instant("20260401T000000Z"))
        #expect(
            lines(instances) == [
                "20260302 2026-03-02 2026-03-03",
                "20260302T090000 2026-03-02T09:00:00.000Z 2026-03-02T09:30:00.000Z",
                "20260303T090000 2026-03-03T09:00:00.000Z 2026-03-03T09:30:00.000Z",
                "20260304 2026-03-04 2026-03-05",
            ])
        #expect(instances.filter(\.isFloating).map(\.uid) == ["float", "float"])
    }

    @Test func singleEventsAndOrphanOverridesAreOneInstanceEach() throws {
        let text = """
            BEGIN:VCALENDAR\r
            BEGIN:VEVENT\r
            UID:one\r
            DTSTART:20260302T090000Z\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:orphan\r
            RECURRENCE-ID;TZID=Europe/Berlin:20260303T090000\r
            DTSTART;TZID=Europe/Berlin:20260303T100000\r
            DTEND;TZID=Europe/Berlin:20260303T110000\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let instances = try ICalendarExpansion.instances(
            in: ICalendarCalendar.parse(text), from: Self.instant("20260301T000000Z"),
            to: Self.instant("20260401T000000Z"))
        #expect(
            lines(instances) == [
                "- 2026-03-02T09:00:00.000Z 2026-03-02T09:00:00.000Z",
                "20260303T080000Z 2026-03-03T09:00:00.000Z [Europe/Berlin] 2026-03-03T10:00:00.000Z [Europe/Berlin]",
            ])
    }

    /// A fortnightly London series moved from Thursdays 13:00 to Wednesdays 16:45 after its third
    /// instance was edited (fuzz seed 15388), with an override of an excluded instance and a
    /// cancelled orphan beside it.
    private static let movedSeries = """
        BEGIN:VCALENDAR\r
        BEGIN:VEVENT\r
        UID:moved\r
        DTSTART;TZID=Europe/London:20260325T164500\r
        DTEND;TZID=Europe/London:20260325T174500\r
        RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=3\r
        EXDATE;TZID=Europe/London:20260407T164500\r
        SUMMARY:Standup\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:moved\r
        RECURRENCE-ID;TZID=Europe/London:20260421T130000\r
        DTSTART;TZID=Europe/London:20260421T130000\r
        DTEND;TZID=Europe/London:20260421T131500\r
        SUMMARY:Standup (edited)\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:moved\r
        RECURRENCE-ID;TZID=Europe/London:20260407T164500\r
        DTSTART;TZID=Europe/London:20260407T180000\r
        DTEND;TZID=Europe/London:20260407T190000\r
        SUMMARY:Standup (excluded)\r
        END:VEVENT\r
        BEGIN:VEVENT\r
        UID:moved\r
        RECURRENCE-ID;TZID=Europe/London:20260428T130000\r
        DTSTART;TZID=Europe/London:20260428T130000\r
        DTEND;TZID=Europe/London:20260428T131500\r
        STATUS:CANCELLED\r
        END:VEVENT\r
        END:VCALENDAR\r

        """

    @Test func anOverrideLeftBehindByItsMovedSeriesIsShownAtItsOwnTimes() throws {
        let calendar = try ICalendarCalendar.parse(Self.movedSeries)
        let instances = try ICalendarExpansion.instances(
            in: calendar, from: Self.instant("20260301T000000Z"), to: Self.instant("20260601T000000Z"))
        #expect(
            lines(instances) == [
                "20260325T164500Z 2026-03-25T16:45:00.000Z [Europe/London] 2026-03-25T17:45:00.000Z [Europe/London]",
                "20260421T120000Z 2026-04-21T12:00:00.000Z [Europe/London] 2026-04-21T12:15:00.000Z [Europe/London]",
                "20260421T154500Z 2026-04-21T15:45:00.000Z [Europe/London] 2026-04-21T16:45:00.000Z [Europe/London]",
            ])
        #expect(instances[1].event.summary == "Standup (edited)")
        // A window that holds only the orphan's own times finds it; the one-instance read agrees.
        let around = try ICalendarExpansion.instances(
            in: calendar, from: Self.instant("20260421T115900Z"), to: Self.instant("20260421T120100Z"))
        #expect(around.map { $0.recurrenceID?.valueText ?? "" } == ["20260421T120000Z"])
        let series = try #require(try calendar.series().first)
        let single = try CalDAVResourceReader.instance(
            of: series, recurrenceID: .utc(Self.instant("20260421T120000Z")), zones: calendar.timeZones)
        #expect(single?.start == instances[1].start)
        #expect(single?.end == instances[1].end)
    }

    @Test func aBrokenRuleIsATypedErrorNamingTheLineAndUID() throws {
        let text =
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:bad\r\nDTSTART:20260302T090000Z\r\nRRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        do {
            _ = try ICalendarExpansion.instances(
                in: ICalendarCalendar.parse(text), from: Self.instant("20260301T000000Z"),
                to: Self.instant("20260401T000000Z"))
            Issue.record("expected an error")
        } catch {
            guard case .invalidRecurrence(let line, let uid, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(line == 5)
            #expect(uid == "bad")
        }
    }
}
