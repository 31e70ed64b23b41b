import TMinusCore
import TMinusProviders
@testable import TMinusSimulation
import Testing

/// The fakes remember each listed event's rendered JSON (`RenderedJSONMemo`): answers served from
/// the memo must be byte for byte the answers of a server that renders everything afresh, under
/// every request preference, across edits, deletions, series and their exceptions; and listing
/// bodies written with `StableJSONWriter` must be in stable form (what `FakeHTTP.json` wrote).
struct RenderedJSONMemoTests {
    @Test func rememberedDeltaRenderingsEqualFreshOnesUnderEveryPreference() async throws {
        let world = makeGraphWorld(seed: 5)
        let series = try await populate(world)
        let preferenceSets: [[String]] = [
            [#"IdType="ImmutableId""#, #"outlook.timezone="UTC""#, #"outlook.body-content-type="text""#],
            [#"outlook.timezone="Pacific Standard Time""#],
            [#"IdType="ImmutableId""#, #"outlook.timezone="Europe/Berlin""#],
            [#"IdType="ImmutableId""#, #"outlook.timezone="W. Europe Standard Time""#],
            [],
        ]
        let url = deltaURL(world.calendar, from: graphWorldStart, days: 14)
        var deltaLinks: [String] = []
        for preferences in preferenceSets + preferenceSets.reversed() {
            deltaLinks.append(try await expectRememberedEqualsFresh(world, url, preferences))
        }
        #expect(world.server.state.withLock { $0.renderedEvents.count } > 0, "the memo was used")
        let third = EventDateTime.timed(graphWorldStart.adding(.seconds(3600 + 2 * 86_400)), timeZone: "Europe/Berlin")
        _ = try world.server.humanEditOccurrence(
            account: world.account, calendarID: world.calendar, seriesID: series, originalStart: third,
            HumanEventEdit(title: "Daily (late)"))
        let events = try await world.client.deltaRound(url).items.compactMap { string($0["id"]) }
        for id in events.prefix(3) where !id.contains("_") {
            try world.server.humanEditEvent(
                account: world.account, calendarID: world.calendar, eventID: id, HumanEventEdit(title: "Edited \(id)"))
        }
        if let last = events.last(where: { !$0.contains("_") }) {
            try world.server.humanDeleteEvent(account: world.account, calendarID: world.calendar, eventID: last)
        }
        for (preferences, link) in zip(preferenceSets + preferenceSets.reversed(), deltaLinks) {
            _ = try await expectRememberedEqualsFresh(world, link, preferences)
            _ = try await expectRememberedEqualsFresh(world, url, preferences)
        }
    }

    @Test func rememberedListingRenderingsEqualFreshOnesForEveryQuery() async throws {
        let world = makeGoogleWorld(seed: 6)
        let start = EventDateTime.timed(googleWorldStart.adding(.seconds(3600)), timeZone: "Europe/Berlin")
        let series = try world.server.humanCreateEvent(
            account: world.account, calendarID: world.account,
            HumanEventDraft(
                title: "Daily", start: start, end: .timed(start.instant.adding(.seconds(900)), timeZone: "Europe/Berlin"),
                description: "line\nbreak \"quoted\" \u{1} é", recurrence: ["RRULE:FREQ=DAILY;COUNT=6"]))
        var ids: [String] = []
        for hour in 1...9 {
            let extra: [String: JSONValue] = hour % 3 == 0 ? ["extendedProperties": ["private": ["k": .string("v\(hour)")]]] : [:]
            let response = try await world.client.insert(
                "primary", eventBody(title: "E\(hour) ✓", hour: Int64(hour * 7), extra: extra))
            ids.append(try #require(string(jsonObject(response)["id"])))
        }
        let queries: [[(String, String)]] = [
            [], [("singleEvents", "true")], [("singleEvents", "true"), ("orderBy", "startTime")], [("showDeleted", "true")],
            [("maxResults", "3")], [("privateExtendedProperty", "k=v3")],
        ]
        var tokens: [String] = []
        for query in queries + queries.reversed() {
            tokens.append(try await expectRememberedEqualsFresh(world, query))
        }
        #expect(world.server.state.withLock { $0.renderedEvents.count } > 0, "the memo was used")
        try world.server.humanEditEvent(
            account: world.account, calendarID: world.account, eventID: ids[0], HumanEventEdit(title: "Moved"))
        try world.server.humanDeleteEvent(account: world.account, calendarID: world.account, eventID: ids[1])
        let second = EventDateTime.timed(start.instant.adding(.seconds(86_400)), timeZone: "Europe/Berlin")
        try world.server.humanCancelOccurrence(
            account: world.account, calendarID: world.account, seriesID: series, originalStart: second)
        for (query, token) in zip(queries + queries.reversed(), tokens) {
            let incremental = query.filter { $0.0 == "singleEvents" || $0.0 == "maxResults" } + [("syncToken", token)]
            _ = try await expectRememberedEqualsFresh(world, incremental)
            _ = try await expectRememberedEqualsFresh(world, query + [("showDeleted", "true")])
        }
    }

    // MARK: Graph

    /// A calendar of single events (text, HTML, all-day, with a location) and a daily series.
    private func populate(_ world: GraphWorld) async throws -> String {
        for hour in 1...8 {
            var extra: [String: JSONValue] = [:]
            if hour % 2 == 0 { extra["body"] = ["contentType": "html", "content": .string("<p>Agenda &amp; notes \(hour)</p>")] }
            if hour % 3 == 0 { extra["location"] = ["displayName": .string("Room \(hour) \"B\"")] }
            let body = graphEventBody(subject: "E\(hour) é", hour: Int64(hour * 11), extra: extra)
            _ = try await world.client.create(world.calendar, body)
        }
        let day = CalendarDate(daysSinceEpoch: 20_515)
        let start = EventDateTime.timed(graphWorldStart.adding(.seconds(3600)), timeZone: "Europe/Berlin")
        _ = try world.server.humanCreateEvent(
            account: world.account, calendarID: world.calendar,
            HumanEventDraft(
                title: "All day", start: .allDay(day), end: .allDay(day.next)))
        return try world.server.humanCreateEvent(
            account: world.account, calendarID: world.calendar,
            HumanEventDraft(
                title: "Daily", start: start, end: .timed(start.instant.adding(.seconds(900)), timeZone: "Europe/Berlin"),
                description: "Plain\ntext <b>", recurrence: ["RRULE:FREQ=DAILY;COUNT=5"]))
    }

    /// Follows a round from `url` twice, remembering and then with the memo emptied before each
    /// page; both must list the same entries with the same bytes. Returns the round's deltaLink.
    private func expectRememberedEqualsFresh(_ world: GraphWorld, _ url: String, _ preferences: [String]) async throws
        -> String
    {
        var client = world.client
        client.preferences = preferences
        let remembered = try await graphEntries(world, client, url, forget: false)
        let fresh = try await graphEntries(world, client, url, forget: true)
        #expect(remembered.entries == fresh.entries, "\(preferences) \(url.prefix(80))")
        #expect(!remembered.entries.isEmpty || url.contains("deltatoken"))
        return try #require(fresh.deltaLink)
    }

    private func graphEntries(_ world: GraphWorld, _ client: GraphTestClient, _ url: String, forget: Bool)
        async throws -> (entries: [String: String], deltaLink: String?)
    {
        var entries: [String: String] = [:]
        var next = url
        for _ in 1...100 {
            if forget { world.server.state.withLock { $0.renderedEvents = RenderedJSONMemo() } }
            let response = try await client.send("GET", next, extraPrefer: ["odata.maxpagesize=4"])
            try #require(response.status == 200, "\(response.text.prefix(200))")
            let page = try expectStableForm(response)
            if case .array(let values)? = page["value"] {
                for case .object(let item) in values {
                    entries[(string(item["id"]) ?? "") + "|\(item["@removed"] != nil)"] = StableJSON.serialize(.object(item))
                }
            }
            guard let link = string(page["@odata.nextLink"]) else { return (entries, string(page["@odata.deltaLink"])) }
            next = link
        }
        Issue.record("delta round never ended")
        return (entries, nil)
    }

    // MARK: Google

    /// Lists with `query` to the end twice, remembering and then with the memo emptied before each
    /// page; both must list the same items with the same bytes. Returns the final sync token.
    private func expectRememberedEqualsFresh(_ world: GoogleWorld, _ query: [(String, String)]) async throws -> String {
        let remembered = try await googleItems(world, query, forget: false)
        let fresh = try await googleItems(world, query, forget: true)
        #expect(remembered.items == fresh.items, "\(query)")
        return try #require(fresh.syncToken)
    }

    private func googleItems(_ world: GoogleWorld, _ query: [(String, String)], forget: Bool) async throws
        -> (items: [String: String], syncToken: String?)
    {
        var items: [String: String] = [:]
        var pageToken: String?
        for _ in 1...100 {
            if forget { world.server.state.withLock { $0.renderedEvents = RenderedJSONMemo() } }
            let response = try await world.client.list("primary", query + (pageToken.map { [("pageToken", $0)] } ?? []))
            try #require(response.status == 200, "\(response.text.prefix(200))")
            let page = try expectStableForm(response)
            if case .array(let values)? = page["items"] {
                for case .object(let item) in values { items[string(item["id"]) ?? ""] = StableJSON.serialize(.object(item)) }
            }
            guard let next = string(page["nextPageToken"]) else { return (items, string(page["nextSyncToken"])) }
            pageToken = next
        }
        Issue.record("listing never ended")
        return (items, nil)
    }

    /// The body is the stable serialization of its own value (sorted keys, no whitespace, minimal
    /// escapes): what serializing the same members as a `JSONValue` gave.
    private func expectStableForm(_ response: HTTPResponse) throws -> [String: JSONValue] {
        let value = try StableJSON.parse(response.text)
        #expect(StableJSON.serialize(value) == response.text)
        guard case .object(let object) = value else { throw GraphTestFailure("not an object") }
        return object
    }
}
