import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

@Suite struct FakeGoogleHumanTests {
    private let nine = EventDateTime.timed(googleWorldStart.adding(.seconds(3_600)), timeZone: "Europe/Berlin")
    private let ten = EventDateTime.timed(googleWorldStart.adding(.seconds(7_200)), timeZone: "Europe/Berlin")

    @Test func anEventAPersonCreatesIsSeenByTheAPIAndByInspection() async throws {
        let world = makeGoogleWorld()
        let id = try world.server.humanCreateEvent(
            account: world.account, calendarID: "primary",
            HumanEventDraft(title: "Lunch", start: nine, end: ten, isBusy: false))
        let listing = try await listAll(world.client, "primary", [])
        #expect(listing.items.map { string($0["id"]) } == [id])
        let item = try #require(listing.items.first)
        #expect(string(item["transparency"]) == "transparent")
        #expect(item["start"] == ["dateTime": "2026-03-02T10:00:00+01:00", "timeZone": "Europe/Berlin"])
        let inspected = try #require(world.server.inspectEvent(calendarID: world.account, eventID: id))
        #expect(inspected.title == "Lunch" && !inspected.isBusy && inspected.start == nine)
    }

    @Test func editingOurMirrorInTheAppKeepsItsMarkers() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert(
            "primary",
            eventBody(
                id: "mirror0001", extra: ["extendedProperties": ["private": ["tminus": "true", "managed": "true"]]]))
        let before = try #require(world.server.inspectEvent(calendarID: world.account, eventID: "mirror0001"))
        try world.server.humanEditEvent(
            account: world.account, calendarID: "primary", eventID: "mirror0001", HumanEventEdit(title: "Mine now"))
        let after = try #require(world.server.inspectEvent(calendarID: world.account, eventID: "mirror0001"))
        #expect(after.title == "Mine now")
        #expect(after.privateProperties == ["tminus": "true", "managed": "true"])
        #expect(after.version != before.version)
        let stale = try await world.client.send(
            "PUT", ["calendars", "primary", "events", "mirror0001"], body: eventBody(),
            headers: [("If-Match", before.version)])
        #expect(stale.status == 412, "our conditional write notices the person's edit")
    }

    @Test func movingAnEventToAnotherCalendarShowsUpInBothCalendarsSyncs() async throws {
        let world = makeGoogleWorld()
        let work = try world.server.humanCreateCalendar(account: world.account, title: "Work")
        let id = try world.server.humanCreateEvent(
            account: world.account, calendarID: "primary", HumanEventDraft(title: "1:1", start: nine, end: ten))
        let primaryToken = try #require(try await listAll(world.client, "primary", []).syncToken)
        let workToken = try #require(try await listAll(world.client, work, []).syncToken)
        #expect(try world.server.humanMoveEvent(account: world.account, eventID: id, from: "primary", to: work) == id)
        let left = try await listAll(world.client, "primary", [("syncToken", primaryToken)])
        #expect(left.items.map { string($0["status"]) } == ["cancelled"])
        let arrived = try await listAll(world.client, work, [("syncToken", workToken)])
        #expect(arrived.items.map { string($0["id"]) } == [id])
        #expect(string(arrived.items.first?["status"]) == "confirmed")
    }

    @Test func deletingTheOverlayCalendarMakesItGoneForTheAPI() async throws {
        let world = makeGoogleWorld()
        let overlay = try #require(
            string(jsonObject(try await world.client.send("POST", ["calendars"], body: ["summary": "T-Minus"]))["id"]))
        _ = try await world.client.insert(overlay, eventBody(id: "busy000001"))
        try world.server.humanDeleteCalendar(account: world.account, calendarID: overlay)
        #expect(errorReason(try await world.client.list(overlay, [])) == "notFound")
        #expect(try await world.client.insert(overlay, eventBody()).status == 404)
        let truth = try #require(world.server.inspectCalendars().first { $0.id == overlay })
        #expect(truth.isDeleted)
        #expect(throws: HumanActionError.notAllowed("the primary calendar cannot be deleted")) {
            try world.server.humanDeleteCalendar(account: world.account, calendarID: "primary")
        }
    }

    /// A person's daily series of three in `primary` whose second occurrence they retitled "Moved".
    private func seriesWithEditedSecondOccurrence(
        _ world: GoogleWorld
    ) throws -> (series: String, second: EventDateTime, instanceID: String) {
        let series = try world.server.humanCreateEvent(
            account: world.account, calendarID: "primary",
            HumanEventDraft(title: "Daily", start: nine, end: ten, recurrence: ["RRULE:FREQ=DAILY;COUNT=3"]))
        let second = EventDateTime.timed(googleWorldStart.adding(.seconds(86_400 + 3_600)), timeZone: "Europe/Berlin")
        let instanceID = try world.server.humanEditOccurrence(
            account: world.account, calendarID: "primary", seriesID: series, originalStart: second,
            HumanEventEdit(title: "Moved"))
        return (series, second, instanceID)
    }

    @Test func editingOneOccurrenceMakesAnExceptionWithTheInstanceID() async throws {
        let world = makeGoogleWorld()
        let (series, second, instanceID) = try seriesWithEditedSecondOccurrence(world)
        #expect(instanceID == series + "_20260303T090000Z")
        let exception = try #require(world.server.inspectEvent(calendarID: world.account, eventID: instanceID))
        #expect(exception.seriesID == series && exception.originalStart == second && exception.title == "Moved")
        let instances = try await listAll(
            world.client, "primary", [("singleEvents", "true"), ("orderBy", "startTime")])
        #expect(instances.items.compactMap { string($0["summary"]) } == ["Daily", "Moved", "Daily"])
    }

    @Test func aSeriesMovedAwayAndBackKeepsItsExceptionLive() throws {
        let world = makeGoogleWorld()
        let work = try world.server.humanCreateCalendar(account: world.account, title: "Work")
        let (series, _, instanceID) = try seriesWithEditedSecondOccurrence(world)
        _ = try world.server.humanMoveEvent(account: world.account, eventID: series, from: "primary", to: work)
        #expect(world.server.inspectEvent(calendarID: work, eventID: instanceID)?.status == .confirmed)
        // Back again, into a calendar that holds the tombstones of the first move (fuzz seed 46135).
        _ = try world.server.humanMoveEvent(account: world.account, eventID: series, from: work, to: "primary")
        let back = try #require(world.server.inspectEvent(calendarID: world.account, eventID: instanceID))
        #expect(back.status == .confirmed && back.title == "Moved")
        #expect(world.server.inspectEvent(calendarID: work, eventID: instanceID)?.status == .cancelled)
    }

    @Test func unknownTargetsAreReportedNotCrashed() throws {
        let world = makeGoogleWorld()
        let draft = HumanEventDraft(title: "x", start: nine, end: ten)
        #expect(throws: HumanActionError.unknownAccount("nobody@example.com")) {
            _ = try world.server.humanCreateEvent(account: "nobody@example.com", calendarID: "primary", draft)
        }
        #expect(throws: HumanActionError.unknownCalendar("missing")) {
            _ = try world.server.humanCreateEvent(account: world.account, calendarID: "missing", draft)
        }
        #expect(throws: HumanActionError.unknownEvent("nothing")) {
            try world.server.humanDeleteEvent(account: world.account, calendarID: "primary", eventID: "nothing")
        }
        #expect(throws: HumanActionError.self) {
            _ = try world.server.humanCreateEvent(
                account: world.account, calendarID: "primary", HumanEventDraft(title: "x", start: ten, end: nine))
        }
    }
}
