import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

@Suite struct FakeGoogleSyncTokenTests {
    private func tokenAfterFullSync(_ world: GoogleWorld) async throws -> String {
        _ = try await world.client.insert("primary", eventBody())
        return try #require(try await listAll(world.client, "primary", []).syncToken)
    }

    private func expectFullSyncRequired(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == 410, sourceLocation: sourceLocation)
        #expect(
            response.text
                == #"{"error":{"code":410,"errors":[{"domain":"calendar","location":"syncToken","locationType":"parameter","#
                + #""message":"Sync token is no longer valid, a full sync is required.","reason":"fullSyncRequired"}],"#
                + #""message":"Sync token is no longer valid, a full sync is required."}}"#,
            sourceLocation: sourceLocation)
    }

    @Test func onDemandInvalidationAnswers410AndRetryingTheSameTokenNeverHelps() async throws {
        let world = makeGoogleWorld()
        let token = try await tokenAfterFullSync(world)
        world.server.invalidateSyncTokens(calendarID: world.account)
        expectFullSyncRequired(try await world.client.list("primary", [("syncToken", token)]))
        expectFullSyncRequired(try await world.client.list("primary", [("syncToken", token)]))
        let fresh = try #require(try await listAll(world.client, "primary", []).syncToken)
        #expect(try await world.client.list("primary", [("syncToken", fresh)]).status == 200)
        #expect(world.trace.records.contains("google sync-token.invalidated \(world.account)"))
    }

    @Test func aTokenExpiresAfterTheConfiguredLifetime() async throws {
        let world = makeGoogleWorld { configuration in
            configuration.syncTokenLifetime = .seconds(3_600)
            configuration.accessTokenLifetime = .seconds(86_400)
        }
        let token = try await tokenAfterFullSync(world)
        world.clock.advance(by: .seconds(3_599))
        #expect(try await world.client.list("primary", [("syncToken", token)]).status == 200)
        world.clock.advance(by: .seconds(1))
        expectFullSyncRequired(try await world.client.list("primary", [("syncToken", token)]))
    }

    @Test func aScheduledInvalidationKillsOnlyTokensMintedBeforeIt() async throws {
        let at = googleWorldStart.adding(.seconds(600))
        let world = makeGoogleWorld { $0.syncTokenInvalidations = [at] }
        let old = try await tokenAfterFullSync(world)
        world.clock.advance(by: .seconds(599))
        #expect(try await world.client.list("primary", [("syncToken", old)]).status == 200)
        world.clock.advance(by: .seconds(1))
        expectFullSyncRequired(try await world.client.list("primary", [("syncToken", old)]))
        let newer = try #require(try await listAll(world.client, "primary", []).syncToken)
        #expect(try await world.client.list("primary", [("syncToken", newer)]).status == 200)
    }

    @Test func aRandomInvalidationAlsoInvalidatesEveryOtherTokenOfTheCalendar() async throws {
        let world = makeGoogleWorld()
        let first = try await tokenAfterFullSync(world)
        let second = try #require(try await listAll(world.client, "primary", []).syncToken)
        world.server.reconfigure { $0.syncTokenInvalidationChance = .always }
        expectFullSyncRequired(try await world.client.list("primary", [("syncToken", first)]))
        world.server.reconfigure { $0.syncTokenInvalidationChance = .never }
        expectFullSyncRequired(try await world.client.list("primary", [("syncToken", second)]))
    }

    @Test func aTamperedTokenOrOneFromAnotherCalendarIs410() async throws {
        let world = makeGoogleWorld()
        let token = try await tokenAfterFullSync(world)
        expectFullSyncRequired(try await world.client.list("primary", [("syncToken", "A" + token)]))
        var bytes = Array(token.utf8)
        bytes[bytes.count / 2] = bytes[bytes.count / 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        expectFullSyncRequired(
            try await world.client.list("primary", [("syncToken", String(decoding: bytes, as: UTF8.self))]))
        let other = try #require(
            string(jsonObject(try await world.client.send("POST", ["calendars"], body: ["summary": "Other"]))["id"]))
        expectFullSyncRequired(try await world.client.list(other, [("syncToken", token)]))
    }

    @Test(arguments: [
        ("timeMin", "2026-03-02T00:00:00Z"), ("timeMax", "2026-03-09T00:00:00Z"),
        ("updatedMin", "2026-03-01T00:00:00Z"),
        ("orderBy", "updated"), ("q", "standup"), ("iCalUID", "x@google.com"),
        ("privateExtendedProperty", "tminus=true"),
        ("sharedExtendedProperty", "a=b"), ("showDeleted", "false"),
    ])
    func aRestrictedParameterWithASyncTokenIs400(name: String, value: String) async throws {
        let world = makeGoogleWorld()
        let token = try await tokenAfterFullSync(world)
        let response = try await world.client.list("primary", [("syncToken", token), (name, value)])
        #expect(response.status == 400)
        #expect(errorReason(response) == "syncTokenWithRequestRestrictions")
    }

    @Test func anUpdatedMinTooFarBackIs410() async throws {
        let world = makeGoogleWorld()
        let response = try await world.client.list("primary", [("updatedMin", "2026-01-01T00:00:00Z")])
        #expect(response.status == 410)
        #expect(errorReason(response) == "updatedMinTooLongAgo")
        let recent = try await world.client.list("primary", [("updatedMin", "2026-03-01T00:00:00Z")])
        #expect(recent.status == 200)
    }

    @Test func anAccessChangeInvalidatesTheCalendarsTokens() async throws {
        let world = makeGoogleWorld()
        _ = world.server.addAccount("bob@example.com")
        let token = try await tokenAfterFullSync(world)
        world.server.setAccess(calendarID: world.account, account: "bob@example.com", role: "reader")
        expectFullSyncRequired(try await world.client.list("primary", [("syncToken", token)]))
    }

    @Test func aWriteStaysInvisibleToListForTheConsistencyWindowButNotToGet() async throws {
        let world = makeGoogleWorld()
        let token = try await tokenAfterFullSync(world)
        world.server.reconfigure { $0.listVisibilityDelay = .exactly(.seconds(30)) }
        world.clock.advance(by: .seconds(60))
        _ = try await world.client.insert("primary", eventBody(id: "late000001"))
        #expect(try await world.client.send("GET", ["calendars", "primary", "events", "late000001"]).status == 200)
        let early = try await listAll(world.client, "primary", [("syncToken", token)])
        #expect(early.items.isEmpty, "not yet visible to list")
        let fullEarly = try await listAll(world.client, "primary", [])
        #expect(!fullEarly.items.contains { string($0["id"]) == "late000001" })
        world.clock.advance(by: .seconds(30))
        let later = try await listAll(world.client, "primary", [("syncToken", try #require(early.syncToken))])
        #expect(
            later.items.map { string($0["id"]) } == ["late000001"],
            "the token minted while it was invisible still covers it")
        let fromFull = try await listAll(world.client, "primary", [("syncToken", try #require(fullEarly.syncToken))])
        #expect(fromFull.items.map { string($0["id"]) } == ["late000001"])
    }

    @Test func theCalendarListPagesAndSyncsLikeEvents() async throws {
        let world = makeGoogleWorld()
        var created: [String] = []
        for name in ["A", "B", "C"] {
            created.append(
                try #require(
                    string(
                        jsonObject(
                            try await world.client.send("POST", ["calendars"], body: ["summary": .string(name)]))["id"])
                ))
        }
        var pageToken: String?
        var ids: [String] = []
        var syncToken: String?
        for _ in 0..<10 {
            let response = try await world.client.send(
                "GET", ["users", "me", "calendarList"],
                query: [("maxResults", "2")] + (pageToken.map { [("pageToken", $0)] } ?? []))
            ids += items(response).compactMap { string($0["id"]) }
            let page = jsonObject(response)
            if let sync = string(page["nextSyncToken"]) { syncToken = sync; break }
            pageToken = string(page["nextPageToken"])
        }
        #expect(ids == [world.account] + created)
        try world.server.humanDeleteCalendar(account: world.account, calendarID: created[1])
        let changes = try await world.client.send(
            "GET", ["users", "me", "calendarList"], query: [("syncToken", try #require(syncToken))])
        let entries = items(changes)
        #expect(entries.count == 1)
        #expect(string(entries.first?["id"]) == created[1])
        #expect(entries.first?["deleted"] == .bool(true))
        let primary = try await world.client.send("GET", ["users", "me", "calendarList", world.account])
        #expect(jsonObject(primary)["primary"] == .bool(true))
        #expect(string(jsonObject(primary)["accessRole"]) == "owner")
    }
}

extension DelayRange {
    fileprivate static func exactly(_ duration: Duration) -> DelayRange { DelayRange(duration, duration) }
}
