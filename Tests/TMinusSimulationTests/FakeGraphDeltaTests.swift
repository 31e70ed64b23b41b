import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// calendarView delta of the fake Graph server: rounds that stay correct under concurrent change,
/// removals (with out-of-window noise), recurring series, invalidation answers, replication lag.
struct FakeGraphDeltaTests {
    @Test func aPagedRoundUnderConcurrentChangeMissesNothingAcrossTwoRounds() async throws {
        let world = makeGraphWorld()
        var ids: [String] = []
        for hour in 1...25 {
            let body = graphEventBody(subject: "E\(hour)", hour: Int64(hour))
            ids.append(
                try #require(string(jsonObject(try await world.client.create(world.calendar, body))["id"])))
        }
        let first = try await world.client.send(
            "GET", deltaURL(world.calendar, from: graphWorldStart, days: 30), extraPrefer: ["odata.maxpagesize=10"])
        let page = jsonObject(first)
        guard case .array(let values)? = page["value"] else { throw GraphTestFailure("no value") }
        #expect(values.count == 10)
        let next = try #require(string(page["@odata.nextLink"]))
        #expect(next.contains("$skiptoken="))
        // Concurrent change while the round is in flight: an early item edited, a late one deleted, one added.
        try world.server.humanEditEvent(
            account: world.account, calendarID: world.calendar, eventID: ids[0], HumanEventEdit(title: "E1 edited"))
        try world.server.humanDeleteEvent(account: world.account, calendarID: world.calendar, eventID: ids[20])
        let added = try world.server.humanCreateEvent(
            account: world.account, calendarID: world.calendar,
            HumanEventDraft(
                title: "New", start: .timed(graphWorldStart.adding(.seconds(90_000)), timeZone: nil),
                end: .timed(graphWorldStart.adding(.seconds(93_600)), timeZone: nil)))
        let rest = try await world.client.deltaRound(next)
        let deltaLink = try #require(rest.deltaLink)
        let following = try await world.client.deltaRound(deltaLink)
        let seen =
            values.compactMap { if case .object(let item) = $0 { return item } else { return nil } } + rest.items
            + following.items
        #expect(
            seen.contains { $0["id"] == .string(ids[0]) && $0["subject"] == "E1 edited" },
            "the early edit is in the next round")
        #expect(seen.contains { $0["id"] == .string(added) })
        #expect(following.items.contains { $0["id"] == .string(ids[20]) && $0["@removed"] != nil })
        #expect(
            !rest.items.contains { $0["id"] == .string(ids[20]) && $0["@removed"] == nil },
            "never listed after its deletion")
    }

    @Test func movingAnEventOutOfTheWindowOrCalendarIsReportedAsRemoved() async throws {
        let world = makeGraphWorld()
        let other = try world.server.humanCreateCalendar(account: world.account, title: "Other")
        let inside = try #require(
            string(jsonObject(try await world.client.create(world.calendar, graphEventBody(hour: 2)))["id"]))
        let moving = try #require(
            string(jsonObject(try await world.client.create(world.calendar, graphEventBody(hour: 3)))["id"]))
        let initial = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 7))
        #expect(initial.items.count == 2 && initial.items.allSatisfy { $0["@removed"] == nil })
        let later = graphWorldStart.adding(.seconds(40 * 86_400))
        try world.server.humanEditEvent(
            account: world.account, calendarID: world.calendar, eventID: inside,
            HumanEventEdit(
                start: .timed(later, timeZone: nil), end: .timed(later.adding(.seconds(3600)), timeZone: nil)))
        _ = try world.server.humanMoveEvent(account: world.account, eventID: moving, from: world.calendar, to: other)
        let outsider = try await world.client.create(world.calendar, graphEventBody(hour: 24 * 60))
        let round = try await world.client.deltaRound(try #require(initial.deltaLink))
        let removed = Set(round.items.filter { $0["@removed"] != nil }.compactMap { string($0["id"]) })
        #expect(removed.contains(inside), "moved out of the window")
        #expect(removed.contains(moving), "moved to another calendar")
        #expect(
            removed.contains(try #require(string(jsonObject(outsider)["id"]))), "out-of-window noise (M-I6599)")
        #expect(round.items.allSatisfy { $0["@removed"] == nil || $0["@removed"] == ["reason": "deleted"] })
    }

    @Test func aSeriesExpandsIntoOccurrencesAndExceptionsStandInForThem() async throws {
        let world = makeGraphWorld()
        let start = EventDateTime.timed(graphWorldStart.adding(.seconds(3600)), timeZone: "Europe/Berlin")
        let series = try world.server.humanCreateEvent(
            account: world.account, calendarID: world.calendar,
            HumanEventDraft(
                title: "Daily", start: start,
                end: .timed(start.instant.adding(.seconds(900)), timeZone: "Europe/Berlin"),
                recurrence: ["RRULE:FREQ=DAILY;COUNT=5"]))
        let url = deltaURL(world.calendar, from: graphWorldStart, days: 10)
        let initial = try await world.client.deltaRound(url)
        #expect(initial.items.count == 5)
        #expect(initial.items.allSatisfy { $0["type"] == "occurrence" && $0["seriesMasterId"] == .string(series) })
        let third = EventDateTime.timed(start.instant.adding(.seconds(2 * 86_400)), timeZone: "Europe/Berlin")
        _ = try world.server.humanEditOccurrence(
            account: world.account, calendarID: world.calendar, seriesID: series, originalStart: third,
            HumanEventEdit(title: "Daily (late)"))
        let fourth = EventDateTime.timed(start.instant.adding(.seconds(3 * 86_400)), timeZone: "Europe/Berlin")
        try world.server.humanCancelOccurrence(
            account: world.account, calendarID: world.calendar, seriesID: series, originalStart: fourth)
        let round = try await world.client.deltaRound(try #require(initial.deltaLink))
        #expect(round.items.contains { $0["type"] == "exception" && $0["subject"] == "Daily (late)" })
        #expect(round.items.contains { $0["@removed"] != nil })
        let full = try await world.client.deltaRound(url)
        #expect(full.items.count == 4, "five occurrences, one edited, one deleted")
        #expect(full.items.filter { $0["type"] == "exception" }.count == 1)
    }

    @Test(arguments: GraphDeltaInvalidation.allCases)
    func anInvalidatedDeltaTokenGetsTheConfigured410(answer: GraphDeltaInvalidation) async throws {
        let world = makeGraphWorld { $0.deltaInvalidationAnswers = [answer] }
        _ = try await world.client.create(world.calendar, graphEventBody())
        let initial = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 7))
        world.server.invalidateDeltaTokens(calendarID: world.calendar)
        let refused = try await world.client.send("GET", try #require(initial.deltaLink))
        #expect(refused.status == 410)
        switch answer {
        case .syncStateNotFound: #expect(graphErrorCode(refused) == "SyncStateNotFound")
        case .resyncRequired: #expect(graphErrorCode(refused) == "resyncRequired")
        case .syncReset:
            #expect(refused.body.isEmpty)
            #expect(refused.headers["Location"]?.hasSuffix("$deltatoken=") == true)
        }
    }

    @Test func deltaTokensExpireOnScheduleAndAfterTheirLifetime() async throws {
        let world = makeGraphWorld {
            $0.accessTokenLifetime = .seconds(86_400)
            $0.deltaTokenLifetime = .seconds(3_600)
            $0.deltaTokenInvalidations = [graphWorldStart.adding(.seconds(600))]
        }
        let first = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 7))
        world.clock.advance(by: .seconds(601))
        #expect(
            try await world.client.send("GET", try #require(first.deltaLink)).status == 410, "scheduled invalidation")
        let second = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 7))
        #expect(try await world.client.send("GET", try #require(second.deltaLink)).status == 200)
        world.clock.advance(by: .seconds(3_600))
        #expect(try await world.client.send("GET", try #require(second.deltaLink)).status == 410, "lifetime over")
    }

    @Test func expandOnDeltaIs400AndATamperedTokenIs410() async throws {
        let world = makeGraphWorld()
        let expand = try await world.client.send(
            "GET", deltaURL(world.calendar, from: graphWorldStart, days: 7) + "&$expand=singleValueExtendedProperties")
        #expect(expand.status == 400 && graphErrorCode(expand) == "BadRequest")
        let noWindow = try await world.client.send(
            "GET", "/me/calendars/\(URLParts.percentEncode(world.calendar))/calendarView/delta")
        #expect(noWindow.status == 400)
        let round = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 7))
        let link = try #require(round.deltaLink)
        let tampered = String(link.dropLast()) + (link.hasSuffix("A") ? "B" : "A")
        #expect(try await world.client.send("GET", tampered).status == 410)
    }

    @Test func replicationLagHidesAWriteFromDeltaButNotFromGet() async throws {
        let world = makeGraphWorld { $0.deltaVisibilityDelay = .exactly(.seconds(30)) }
        let initial = try await world.client.deltaRound(deltaURL(world.calendar, from: graphWorldStart, days: 7))
        let id = try #require(
            string(jsonObject(try await world.client.create(world.calendar, graphEventBody()))["id"]))
        #expect(try await world.client.send("GET", "/me/events/\(id)").status == 200)
        let early = try await world.client.deltaRound(try #require(initial.deltaLink))
        #expect(early.items.isEmpty, "not replicated yet")
        world.clock.advance(by: .seconds(31))
        let late = try await world.client.deltaRound(try #require(early.deltaLink))
        #expect(late.items.map { $0["id"] } == [.string(id)], "the next round catches up")
    }

    @Test func emptyPagesAndReplaysStillEndWithADeltaLink() async throws {
        let world = makeGraphWorld(seed: 7) {
            $0.emptyPageChance = Ratio(1, 3)
            $0.replayChance = Ratio(1, 2)
        }
        for hour in 1...12 { _ = try await world.client.create(world.calendar, graphEventBody(hour: Int64(hour))) }
        let round = try await world.client.deltaRound(
            deltaURL(world.calendar, from: graphWorldStart, days: 7), pageSize: 3)
        #expect(round.deltaLink != nil)
        #expect(Set(round.items.compactMap { string($0["id"]) }).count == 12)
        #expect(round.pages > 4)
    }

    @Test func deltaPagesHaveTheDocumentedShape() async throws {
        let world = makeGraphWorld()
        _ = try await world.client.create(world.calendar, graphEventBody())
        let response = try await world.client.send("GET", deltaURL(world.calendar, from: graphWorldStart, days: 7))
        let page = jsonObject(response)
        #expect(graphFixtureKeys("delta-page-last.json").isSubset(of: Set(page.keys)))
        guard case .array(let values)? = page["value"], case .object(let item)? = values.first else {
            throw GraphTestFailure("no item")
        }
        #expect(item["@odata.type"] == "#microsoft.graph.event")
        #expect(item["singleValueExtendedProperties"] == nil, "delta never carries extended properties")
    }
}

/// A test precondition that did not hold.
struct GraphTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
