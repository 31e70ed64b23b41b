import TMinusCore
import TMinusProviders
import Testing

/// VEVENT → core content and markers; ProjectedEvent → the mirror's VCALENDAR.
struct ICalendarMappingTests {
    private let markers = ManagedMarkers(
        canonicalEventID: "evt_01J0000000000000000000000", originAccountID: "acc_google")

    private func projected(visibility: ProjectedEvent.Visibility, start: EventDateTime, end: EventDateTime)
        -> ProjectedEvent
    {
        ProjectedEvent(
            summary: "Busy", description: visibility == .private ? nil : "Q3, planning; notes", location: nil,
            start: start, end: end,
            transparency: .opaque, visibility: visibility, markers: markers)
    }

    @Test func recordedEventMapsToContentWithItsZoneAndUnescapedText() throws {
        let calendar = try ICalendarCalendar.parse(CalDAVFixtures.bytes("radicale-4e-request.ics"))
        let event = try #require(try calendar.events().first)
        let content = try ICalendarMapping.content(of: event, timeZones: calendar.timeZones)
        #expect(content.title == "#5 text-torture naïve 🎉 🎉")
        #expect(content.location == "Straße 1, 10115 Berlin; Hinterhof")
        #expect(content.start == .timed(Timestamp(secondsSinceEpoch: 1_795_419_900), timeZone: nil))
        #expect(content.end.instant == Timestamp(secondsSinceEpoch: 1_795_420_800))
        #expect(content.status == .confirmed)
        #expect(ICalendarMapping.markerEvidence(of: event) == .none)

        let recurring = try ICalendarCalendar.parse(CalDAVFixtures.bytes("radicale-11-response.ics"))
        let master = try #require(try recurring.series().first?.master)
        let masterContent = try ICalendarMapping.content(of: master, timeZones: recurring.timeZones)
        #expect(masterContent.start.timeZone == "Europe/Berlin")
        #expect(masterContent.recurrenceRule == "FREQ=WEEKLY;COUNT=8")
    }

    @Test func classTranspStatusAndAllDayMapToTheModel() throws {
        let text = """
            BEGIN:VCALENDAR\r
            BEGIN:VEVENT\r
            UID:a\r
            DTSTART;VALUE=DATE:20260301\r
            DURATION:P2D\r
            CLASS:confidential\r
            TRANSP:TRANSPARENT\r
            STATUS:TENTATIVE\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let calendar = try ICalendarCalendar.parse(text)
        let content = try ICalendarMapping.content(
            of: try #require(try calendar.events().first), timeZones: calendar.timeZones)
        #expect(content.start == .allDay(CalendarDate(year: 2026, month: 3, day: 1)!))
        #expect(content.end == .allDay(CalendarDate(year: 2026, month: 3, day: 3)!))
        #expect(content.visibility == .confidential)
        #expect(content.transparency == .transparent)
        #expect(content.status == .tentative)
    }

    @Test func mixingADateStartWithADateTimeEndIsATypedError() throws {
        let text =
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20260301\r\nDTEND:20260302T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        let calendar = try ICalendarCalendar.parse(text)
        let event = try #require(try calendar.events().first)
        #expect(
            throws: ICalendarError.invalidValue(
                line: 5, property: "DTEND", value: "20260302T000000Z", expected: "a DATE, like DTSTART")
        ) {
            try ICalendarMapping.content(of: event, timeZones: calendar.timeZones)
        }
    }

    @Test func busyMirrorIsPrivateDeterministicAndCarriesOnlyOurMarkers() throws {
        let start = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_772_442_000), timeZone: "America/New_York")
        let end = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_772_445_600), timeZone: "America/New_York")
        let stamp = Timestamp(secondsSinceEpoch: 1_767_225_600)
        let calendar = ICalendarMapping.mirrorCalendar(
            for: projected(visibility: .private, start: start, end: end), uid: "tminus-mirror-1", stamp: stamp,
            sequence: 2)
        #expect(
            calendar.serialized == """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//T-Minus//tminus//EN\r
                CALSCALE:GREGORIAN\r
                BEGIN:VEVENT\r
                UID:tminus-mirror-1\r
                DTSTAMP:20260101T000000Z\r
                SEQUENCE:2\r
                DTSTART:20260302T090000Z\r
                DTEND:20260302T100000Z\r
                SUMMARY:Busy\r
                TRANSP:OPAQUE\r
                CLASS:PRIVATE\r
                X-TMINUS-MANAGED:true\r
                X-TMINUS-CANONICAL-ID:evt_01J0000000000000000000000\r
                X-TMINUS-ORIGIN-ACCOUNT:acc_google\r
                END:VEVENT\r
                END:VCALENDAR\r

                """)
        let event = try #require(try ICalendarCalendar.parse(calendar.bytes).events().first)
        #expect(event.component.property("ATTENDEE") == nil && event.component.property("ORGANIZER") == nil)
        #expect(ICalendarMapping.markerEvidence(of: event) == markers.evidence(for: .caldav))
    }

    /// A body damaged on the way (a control character inserted anywhere, as the simulator's
    /// `malformed-body` fault does) never reads as an event with other markers: our own mirror
    /// must not look like someone else's event to the delete's ownership preflight.
    @Test func aDamagedBodyNeverReadsAsOtherMarkers() throws {
        let start = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_772_442_000), timeZone: "America/New_York")
        let end = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_772_445_600), timeZone: "America/New_York")
        let bytes = ICalendarMapping.mirrorCalendar(
            for: projected(visibility: .private, start: start, end: end), uid: "tminus-mirror-1",
            stamp: Timestamp(secondsSinceEpoch: 1_767_225_600), sequence: 2
        ).bytes
        var refused = 0
        for position in 0...bytes.count {
            var damaged = bytes
            damaged.insert(0x01, at: position)
            guard let event = try? ICalendarCalendar.parse(damaged).events().first else {
                refused += 1
                continue
            }
            #expect(
                ICalendarMapping.markerEvidence(of: event) == markers.evidence(for: .caldav),
                "damage at byte \(position) changed the markers")
        }
        #expect(refused > 0)
    }

    @Test func fullMirrorRoundTripsToTheProjectedContent() throws {
        let start = EventDateTime.allDay(CalendarDate(year: 2026, month: 3, day: 2)!)
        let end = EventDateTime.allDay(CalendarDate(year: 2026, month: 3, day: 4)!)
        let payload = projected(visibility: .default, start: start, end: end)
        let calendar = ICalendarMapping.mirrorCalendar(for: payload, uid: "m2", stamp: Timestamp(secondsSinceEpoch: 0))
        #expect(calendar.component.components[0].property("CLASS") == nil)
        let parsed = try ICalendarCalendar.parse(calendar.bytes)
        let content = try ICalendarMapping.content(
            of: try #require(try parsed.events().first), timeZones: parsed.timeZones)
        #expect(content.title == payload.summary)
        #expect(content.description == "Q3, planning; notes")
        #expect(content.start == start)
        #expect(content.end == end)
        #expect(content.transparency == .opaque)
    }

    @Test func missingUIDOrDTStartIsATypedError() throws {
        let noUID = try ICalendarCalendar.parse(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20260302T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(throws: ICalendarError.missingProperty(line: 2, component: "VEVENT", property: "UID")) {
            try noUID.events()
        }
        let noStart = try ICalendarCalendar.parse(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(throws: ICalendarError.missingProperty(line: 2, component: "VEVENT", property: "DTSTART")) {
            try noStart.events()
        }
        let badStatus = try ICalendarCalendar.parse(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260302\r\nSTATUS:MAYBE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        )
        #expect(
            throws: ICalendarError.invalidValue(
                line: 5, property: "STATUS", value: "MAYBE", expected: "CONFIRMED, TENTATIVE or CANCELLED")
        ) {
            try badStatus.events()
        }
    }
}
