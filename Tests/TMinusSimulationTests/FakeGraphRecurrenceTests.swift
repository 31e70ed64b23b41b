import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// Graph expands a series in the time zone of its start (`start.timeZone`), so a weekly meeting
/// at 14:00 Berlin stays at 14:00 Berlin when Europe changes to summer time (2026-03-29): its
/// instant moves from 13:00Z to 12:00Z.
struct FakeGraphRecurrenceTests {
    /// A weekly Monday 14:00 Berlin series from 2026-03-23, typed through the API with Outlook's
    /// Windows zone name: 13:00Z before the change, 12:00Z after it.
    static func createWeeklyBerlinSeries(in world: GraphWorld) async throws -> String {
        let zone: JSONValue = "W. Europe Standard Time"
        let body: JSONValue = [
            "subject": "Review",
            "start": ["dateTime": "2026-03-23T14:00:00", "timeZone": zone],
            "end": ["dateTime": "2026-03-23T15:00:00", "timeZone": zone],
            "recurrence": [
                "pattern": ["type": "weekly", "interval": 1, "daysOfWeek": ["monday"]],
                "range": ["type": "numbered", "startDate": "2026-03-23", "numberOfOccurrences": 3],
            ],
        ]
        let created = try await world.client.create(world.calendar, body)
        #expect(created.status == 201, "\(created.text.prefix(300))")
        return try #require(string(jsonObject(created)["id"]))
    }

    /// The UTC wall-clock starts of a delta round's items (the client prefers `outlook.timezone="UTC"`).
    static func starts(_ items: [[String: JSONValue]]) -> [String] {
        items.compactMap { item in
            guard case .object(let start)? = item["start"], let text = string(start["dateTime"]) else { return nil }
            return String(text.prefix(19))
        }.sorted()
    }

    @Test func aWeeklyBerlinSeriesKeepsItsLocalTimeAcrossTheMarchChange() async throws {
        let world = makeGraphWorld()
        let series = try await Self.createWeeklyBerlinSeries(in: world)
        let round = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 60))
        #expect(round.items.allSatisfy { $0["type"] == "occurrence" && $0["seriesMasterId"] == .string(series) })
        #expect(Self.starts(round.items) == ["2026-03-23T13:00:00", "2026-03-30T12:00:00", "2026-04-06T12:00:00"])
        let ids = round.items.compactMap { string($0["id"]) }.sorted()
        #expect(ids == ["20260323T130000Z", "20260330T120000Z", "20260406T120000Z"].map { "\(series)_\($0)" })
    }

    @Test func anOccurrenceAfterTheChangeIsEditedAtItsTrueStartAndKeepsAMove() async throws {
        let world = makeGraphWorld()
        let series = try await Self.createWeeklyBerlinSeries(in: world)
        let after = try EventDateTime.parse(
            dateTime: "2026-03-30T14:00:00", date: nil, timeZone: "Europe/Berlin", field: "start")
        #expect(after.instant == Timestamp(secondsSinceEpoch: 1_774_872_000), "12:00Z")
        let moved = EventDateTime.timed(after.instant.adding(.seconds(3600)), timeZone: "Europe/Berlin")
        let exception = try world.server.humanEditOccurrence(
            account: world.account, calendarID: world.calendar, seriesID: series, originalStart: after,
            HumanEventEdit(start: moved, end: .timed(moved.instant.adding(.seconds(3600)), timeZone: "Europe/Berlin")))
        // A second edit of the same occurrence (a rename) keeps the move.
        #expect(
            try world.server.humanEditOccurrence(
                account: world.account, calendarID: world.calendar, seriesID: series, originalStart: after,
                HumanEventEdit(title: "Review (moved)")) == exception)
        let inspected = try #require(world.server.inspectCalendars().first?.liveEvents.first { $0.id == exception })
        #expect(inspected.title == "Review (moved)" && inspected.start?.instant == moved.instant)
        let round = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 60))
        #expect(Self.starts(round.items) == ["2026-03-23T13:00:00", "2026-03-30T13:00:00", "2026-04-06T12:00:00"])
        #expect(round.items.filter { $0["type"] == "exception" }.count == 1)
    }
}
