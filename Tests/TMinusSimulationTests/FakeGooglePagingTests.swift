import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// A sync client that mirrors one calendar by id → etag, the way an engine's store would.
private struct MirrorClient {
    var events: [String: String] = [:]
    var syncToken: String?

    mutating func apply(_ items: [[String: JSONValue]]) {
        for item in items {
            guard let id = string(item["id"]) else { continue }
            if string(item["status"]) == "cancelled" {
                events.removeValue(forKey: id)
            } else {
                events[id] = string(item["etag"])
            }
        }
    }
}

/// Random writes from people and from an API client, between any two page requests.
private struct ChangeMaker {
    var random: Xoshiro256StarStar
    var counter = 0

    mutating func disturb(_ world: GoogleWorld) async throws {
        for _ in 0..<Int(random.below(4)) {
            let live = world.server.inspectCalendars().first { $0.id == world.account }!.liveEvents.map(\.id)
            switch random.below(5) {
            case 0, 1:
                counter += 1
                _ = try world.server.humanCreateEvent(
                    account: world.account, calendarID: "primary",
                    HumanEventDraft(
                        title: "event \(counter)",
                        start: .timed(googleWorldStart.adding(.seconds(Int64(counter) * 900)), timeZone: nil),
                        end: .timed(googleWorldStart.adding(.seconds(Int64(counter) * 900 + 600)), timeZone: nil)))
            case 2:
                counter += 1
                let response = try await world.client.insert(
                    "primary", eventBody(id: "api\(counter)00", hour: Int64(counter)))
                #expect(response.status == 200)
            case 3 where !live.isEmpty:
                let id = live[Int(random.below(UInt64(live.count)))]
                try world.server.humanEditEvent(
                    account: world.account, calendarID: "primary", eventID: id,
                    HumanEventEdit(title: "edited \(counter)"))
            case 4 where !live.isEmpty:
                let id = live[Int(random.below(UInt64(live.count)))]
                if random.chance(Ratio(1, 2)) {
                    try world.server.humanDeleteEvent(account: world.account, calendarID: "primary", eventID: id)
                } else {
                    #expect(
                        try await world.client.send("DELETE", ["calendars", "primary", "events", id]).status == 204)
                }
            default:
                break
            }
            world.clock.advance(by: .seconds(Int64(random.below(8))))
        }
    }
}

@Suite struct FakeGooglePagingTests {
    /// One listing round (full when `client.syncToken` is nil) with writes between pages.
    private func round(_ world: GoogleWorld, _ client: inout MirrorClient, _ changes: inout ChangeMaker?) async throws {
        var query: [(String, String)] = [("maxResults", "3")]
        if let token = client.syncToken { query.append(("syncToken", token)) } else { client.events = [:] }
        var pageToken: String?
        for _ in 0..<1_000 {
            let response = try await world.client.list("primary", query + (pageToken.map { [("pageToken", $0)] } ?? []))
            #expect(response.status == 200, "\(response.text.prefix(200))")
            client.apply(items(response))
            let page = jsonObject(response)
            if let sync = string(page["nextSyncToken"]) {
                #expect(page["nextPageToken"] == nil)
                client.syncToken = sync
                return
            }
            pageToken = string(page["nextPageToken"])
            if changes != nil { try await changes!.disturb(world) }
        }
        Issue.record("the round never reached its last page")
    }

    @Test(arguments: Array(1...30) as [UInt64])
    func pagingWhileDataChangesLosesAndSkipsNothing(seed: UInt64) async throws {
        let world = makeGoogleWorld(seed: seed) { configuration in
            configuration.shortPageChance = Ratio(1, 4)
            configuration.listVisibilityDelay = DelayRange(.zero, .seconds(20))
        }
        var maker: ChangeMaker? = ChangeMaker(random: Xoshiro256StarStar(seed: seed &* 7_919))
        for hour in 0..<10 { _ = try await world.client.insert("primary", eventBody(hour: Int64(hour))) }
        for _ in 0..<3 { try await maker!.disturb(world) }
        var client = MirrorClient()
        for _ in 0..<6 {
            try await round(world, &client, &maker)
            try await maker!.disturb(world)
        }
        world.clock.advance(by: .seconds(60))  // every write is now visible to list
        var quiet: ChangeMaker?
        try await round(world, &client, &quiet)
        let truth = world.server.inspectCalendars().first { $0.id == world.account }!.liveEvents
        #expect(client.events == Dictionary(uniqueKeysWithValues: truth.map { ($0.id, $0.version) }), "seed \(seed)")
        let written = world.server.inspectCalendars().first { $0.id == world.account }!.events.count
        #expect(written > 12, "the run wrote enough to page through (seed \(seed))")
    }

    @Test func theSyncTokenComesOnlyOnTheLastPageEvenAfterEmptyPages() async throws {
        let world = makeGoogleWorld { $0.shortPageChance = Ratio(1, 2) }
        for hour in 0..<10 { _ = try await world.client.insert("primary", eventBody(hour: Int64(hour))) }
        var sawEmptyPage = false
        var pageToken: String?
        var seen = 0
        for _ in 0..<200 {
            let response = try await world.client.list(
                "primary", [("maxResults", "2")] + (pageToken.map { [("pageToken", $0)] } ?? []))
            let page = jsonObject(response)
            let count = items(response).count
            #expect(count <= 2)
            seen += count
            if count == 0 && page["nextPageToken"] != nil { sawEmptyPage = true }
            #expect((page["nextPageToken"] == nil) != (page["nextSyncToken"] == nil))
            guard let next = string(page["nextPageToken"]) else { break }
            pageToken = next
        }
        #expect(seen == 10)
        #expect(sawEmptyPage, "seed 1 produces at least one empty page with a nextPageToken")
    }

    @Test func anIncrementalRoundReturnsDeletedEventsInTheirMinimalShape() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert("primary", eventBody(id: "keep000001", title: "Keep"))
        _ = try await world.client.insert("primary", eventBody(id: "drop000001", title: "Drop"))
        let full = try await listAll(world.client, "primary", [])
        #expect(full.items.count == 2)
        _ = try await world.client.send("DELETE", ["calendars", "primary", "events", "drop000001"])
        let changes = try await listAll(world.client, "primary", [("syncToken", try #require(full.syncToken))])
        #expect(changes.items.count == 1)
        let tombstone = try #require(changes.items.first)
        #expect(Set(tombstone.keys) == ["kind", "etag", "id", "status"])
        #expect(string(tombstone["status"]) == "cancelled")
        let fullAgain = try await listAll(world.client, "primary", [])
        #expect(fullAgain.items.map { string($0["id"]) } == ["keep000001"], "a full listing hides deleted events")
        let withDeleted = try await listAll(world.client, "primary", [("showDeleted", "true")])
        #expect(withDeleted.items.count == 2)
    }

    @Test func anIncrementalRoundWithoutChangesIsEmptyAndStillGivesAToken() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert("primary", eventBody())
        let full = try await listAll(world.client, "primary", [])
        let again = try await listAll(world.client, "primary", [("syncToken", try #require(full.syncToken))])
        #expect(again.items.isEmpty)
        #expect(again.syncToken != nil)
        let olderStillWorks = try await listAll(world.client, "primary", [("syncToken", try #require(full.syncToken))])
        #expect(olderStillWorks.syncToken != nil)
    }

    @Test func maxResultsBoundsEachPage() async throws {
        let world = makeGoogleWorld()
        for hour in 0..<7 { _ = try await world.client.insert("primary", eventBody(hour: Int64(hour))) }
        let listing = try await listAll(world.client, "primary", [("maxResults", "3")])
        #expect(listing.pages == 3)
        #expect(listing.items.count == 7)
        let zero = try await world.client.list("primary", [("maxResults", "0")])
        #expect(zero.status == 400)
    }

    @Test func timeMinBoundsTheEndAndTimeMaxTheStartBothExclusive() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert("primary", eventBody(id: "first00001", hour: 1))  // 09:00–10:00
        _ = try await world.client.insert("primary", eventBody(id: "later00001", hour: 3))  // 11:00–12:00
        let window = [("timeMin", "2026-03-02T10:00:00Z"), ("timeMax", "2026-03-02T11:00:00Z")]
        #expect(try await listAll(world.client, "primary", window).items.isEmpty)
        let wider = [("timeMin", "2026-03-02T09:59:59+00:00"), ("timeMax", "2026-03-02T11:00:01Z")]
        let widerItems = try await listAll(world.client, "primary", wider).items
        #expect(widerItems.count == 2, "\(widerItems)")
        let noOffset = try await world.client.list("primary", [("timeMin", "2026-03-02T10:00:00")])
        #expect(noOffset.status == 400)
        let empty = try await world.client.list(
            "primary", [("timeMin", "2026-03-02T11:00:00Z"), ("timeMax", "2026-03-02T10:00:00Z")])
        #expect(errorReason(empty) == "timeRangeEmpty")
    }

    @Test func privateExtendedPropertyFiltersSelectTaggedEvents() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert(
            "primary", eventBody(id: "mirror0001", extra: ["extendedProperties": ["private": ["tminus": "true"]]]))
        _ = try await world.client.insert("primary", eventBody(id: "person0001"))
        let mine = try await listAll(world.client, "primary", [("privateExtendedProperty", "tminus=true")])
        #expect(mine.items.map { string($0["id"]) } == ["mirror0001"])
    }

    @Test func orderByStartTimeNeedsSingleEvents() async throws {
        let world = makeGoogleWorld()
        let refused = try await world.client.list("primary", [("orderBy", "startTime")])
        #expect(refused.status == 400)
        let accepted = try await world.client.list("primary", [("orderBy", "startTime"), ("singleEvents", "true")])
        #expect(accepted.status == 200)
    }
}
