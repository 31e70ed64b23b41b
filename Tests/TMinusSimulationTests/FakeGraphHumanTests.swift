import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// A person in Outlook: editing and deleting our mirrors, typing series, and what the invariant
/// checker sees of it.
struct FakeGraphHumanTests {
    static let property = "String {1f4f9f5e-5a4b-4f44-9d2c-7b1e6a3c2d10} Name tminus"

    @Test func aPersonEditingOrDeletingOurMirrorIsVisibleToTheNextDeltaRound() async throws {
        let world = makeGraphWorld()
        let body = graphEventBody(
            subject: "Busy",
            extra: [
                "categories": ["T-Minus Managed"],
                "singleValueExtendedProperties": [["id": .string(Self.property), "value": "tminus=true;managed=true"]],
            ])
        let mirror = try #require(string(jsonObject(try await world.client.create(world.calendar, body))["id"]))
        let initial = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 7))
        let before = try #require(world.server.graphEvent(calendarID: world.calendar, eventID: mirror)?.changeKey)
        try world.server.humanEditEvent(
            account: world.account, calendarID: world.calendar, eventID: mirror, HumanEventEdit(title: "My own title"))
        #expect(world.server.graphEvent(calendarID: world.calendar, eventID: mirror)?.changeKey != before)
        let edited = try await world.client.deltaRound(try #require(initial.deltaLink))
        #expect(edited.items.contains { $0["id"] == .string(mirror) && $0["subject"] == "My own title" })
        #expect(edited.items.first?["categories"] == ["T-Minus Managed"], "the category survives the edit")
        try world.server.humanDeleteEvent(account: world.account, calendarID: world.calendar, eventID: mirror)
        let deleted = try await world.client.deltaRound(try #require(edited.deltaLink))
        #expect(deleted.items.map { $0["@removed"] != nil } == [true])
        let inspected = try #require(world.server.inspectEvent(calendarID: world.calendar, eventID: mirror))
        #expect(inspected.status == .cancelled)
        #expect(inspected.privateProperties[Self.property] == "tminus=true;managed=true")
    }

    @Test func seriesOutlookCannotExpressAreRefused() throws {
        let world = makeGraphWorld()
        let start = EventDateTime.timed(graphWorldStart, timeZone: "Europe/Berlin")
        let draft = HumanEventDraft(
            title: "Odd", start: start, end: .timed(graphWorldStart.adding(.seconds(600)), timeZone: "Europe/Berlin"),
            recurrence: ["RRULE:FREQ=MONTHLY;BYMONTHDAY=1,15"])
        #expect(throws: HumanActionError.self) {
            try world.server.humanCreateEvent(account: world.account, calendarID: world.calendar, draft)
        }
        var exdate = draft
        exdate.recurrence = ["RRULE:FREQ=DAILY", "EXDATE:20260303T080000Z"]
        #expect(throws: HumanActionError.self) {
            try world.server.humanCreateEvent(account: world.account, calendarID: world.calendar, exdate)
        }
    }

    @Test func theInspectionShowsTheTrueStateWithRecordedWindowsZones() async throws {
        let world = makeGraphWorld()
        let start = EventDateTime.timed(graphWorldStart.adding(.seconds(7200)), timeZone: "America/New_York")
        let id = try world.server.humanCreateEvent(
            account: world.account, calendarID: world.calendar,
            HumanEventDraft(
                title: "Call", start: start,
                end: .timed(start.instant.adding(.seconds(1800)), timeZone: "America/New_York"), isBusy: false))
        let event = jsonObject(try await world.client.send("GET", "/me/events/\(id)"))
        #expect(event["originalStartTimeZone"] == "Eastern Standard Time")
        #expect(event["showAs"] == "free")
        let calendars = world.server.inspectCalendars()
        #expect(calendars.count == 1 && calendars[0].isPrimary && calendars[0].title == "Calendar")
        let inspected = try #require(calendars[0].events.first)
        #expect(inspected.id == id && !inspected.isBusy && inspected.start == start)
    }
}
