import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

@Suite struct FakeGoogleRecurrenceTests {
    private func series(_ world: GoogleWorld, rule: String = "RRULE:FREQ=WEEKLY;COUNT=3") async throws -> String {
        let body: JSONValue = [
            "id": "series0001", "summary": "Weekly",
            "start": ["dateTime": "2026-03-02T09:00:00", "timeZone": "America/New_York"],
            "end": ["dateTime": "2026-03-02T10:00:00", "timeZone": "America/New_York"],
            "recurrence": .array([.string(rule)]),
        ]
        #expect(try await world.client.insert("primary", body).status == 200)
        return "series0001"
    }

    @Test func singleEventsExpandsASeriesIntoInstancesAcrossDST() async throws {
        let world = makeGoogleWorld()
        let id = try await series(world)
        let expanded = try await listAll(world.client, "primary", [("singleEvents", "true")])
        #expect(
            expanded.items.map { string($0["id"]) } == [
                id + "_20260302T140000Z", id + "_20260309T130000Z", id + "_20260316T130000Z",
            ], "09:00 New York is 14:00Z before and 13:00Z after the 8 March DST change")
        for item in expanded.items {
            #expect(string(item["recurringEventId"]) == id)
            #expect(item["originalStartTime"] == item["start"])
            #expect(item["recurrence"] == nil)
        }
        #expect(
            expanded.items[1]["start"] == ["dateTime": "2026-03-09T09:00:00-04:00", "timeZone": "America/New_York"])
        let masters = try await listAll(world.client, "primary", [])
        #expect(masters.items.map { string($0["id"]) } == [id])
        #expect(masters.items.first?["recurrence"] == ["RRULE:FREQ=WEEKLY;COUNT=3"])
    }

    @Test func anInstanceCanBeReadAndPatchedByItsID() async throws {
        let world = makeGoogleWorld()
        let id = try await series(world)
        let instance = ["calendars", "primary", "events", id + "_20260309T130000Z"]
        let read = jsonObject(try await world.client.send("GET", instance))
        #expect(string(read["recurringEventId"]) == id)
        #expect(try await world.client.send("PATCH", instance, body: ["summary": "Special"]).status == 200)
        let expanded = try await listAll(world.client, "primary", [("singleEvents", "true"), ("orderBy", "startTime")])
        #expect(expanded.items.compactMap { string($0["summary"]) } == ["Weekly", "Special", "Weekly"])
        let masters = try await listAll(world.client, "primary", [])
        #expect(masters.items.count == 2, "without singleEvents the exception is listed beside its series")
    }

    @Test func aCancelledOccurrenceReachesIncrementalSyncInMinimalShape() async throws {
        let world = makeGoogleWorld()
        let id = try await series(world)
        let token = try #require(try await listAll(world.client, "primary", [("singleEvents", "true")]).syncToken)
        #expect(
            try await world.client.send("DELETE", ["calendars", "primary", "events", id + "_20260309T130000Z"]).status
                == 204)
        let changes = try await listAll(world.client, "primary", [("singleEvents", "true"), ("syncToken", token)])
        #expect(changes.items.count == 1)
        let cancelled = try #require(changes.items.first)
        #expect(string(cancelled["status"]) == "cancelled")
        #expect(string(cancelled["recurringEventId"]) == id)
        #expect(
            cancelled["originalStartTime"] == ["dateTime": "2026-03-09T09:00:00-04:00", "timeZone": "America/New_York"])
        let expanded = try await listAll(world.client, "primary", [("singleEvents", "true")])
        #expect(expanded.items.count == 2)
        let noExpansion = try await listAll(world.client, "primary", [])
        #expect(
            noExpansion.items.count == 2,
            "with singleEvents=false the cancelled occurrence of a live series still appears")
    }

    @Test func deletingTheSeriesCancelsItsExceptionsToo() async throws {
        let world = makeGoogleWorld()
        let id = try await series(world)
        _ = try await world.client.send(
            "PATCH", ["calendars", "primary", "events", id + "_20260309T130000Z"], body: ["summary": "x"])
        #expect(try await world.client.send("DELETE", ["calendars", "primary", "events", id]).status == 204)
        #expect(world.server.inspectCalendars().first { $0.id == world.account }?.liveEvents.isEmpty == true)
        #expect(try await listAll(world.client, "primary", [("singleEvents", "true")]).items.isEmpty)
    }

    @Test func anAllDaySeriesUsesDateOnlyInstanceIDs() async throws {
        let world = makeGoogleWorld()
        let body: JSONValue = [
            "id": "dates00001", "start": ["date": "2026-03-02"], "end": ["date": "2026-03-03"],
            "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"],
        ]
        #expect(try await world.client.insert("primary", body).status == 200)
        let expanded = try await listAll(world.client, "primary", [("singleEvents", "true")])
        #expect(expanded.items.map { string($0["id"]) } == ["dates00001_20260302", "dates00001_20260303"])
        #expect(expanded.items.last?["end"] == ["date": "2026-03-04"])
    }
}
