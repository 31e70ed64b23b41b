import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// The fake's identity platform (rotation, idle expiry, revocation) and its per-mailbox
/// throttling and injected faults, with Graph's real error bodies.
struct FakeGraphAuthAndLimitsTests {
    static func refresh(_ world: GraphWorld, _ token: String) async throws -> HTTPResponse {
        let form = [
            ("client_id", world.grant.clientID), ("client_secret", world.grant.clientSecret),
            ("grant_type", "refresh_token"), ("refresh_token", token), ("scope", "offline_access"),
        ].map { URLParts.percentEncode($0.0) + "=" + URLParts.percentEncode($0.1) }.joined(separator: "&")
        return try await world.transport.send(
            HTTPRequest(
                method: "POST", url: FakeGraphServer.tokenURL,
                headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8)))
    }

    @Test func everyRefreshRotatesTheTokenAndTheOldOneStaysValid() async throws {
        let world = makeGraphWorld()
        let first = try await Self.refresh(world, world.grant.refreshToken)
        #expect(first.status == 200)
        #expect(graphFixtureKeys("oauth-token.json").isSubset(of: Set(jsonObject(first).keys)))
        let rotated = try #require(string(jsonObject(first)["refresh_token"]))
        #expect(rotated != world.grant.refreshToken)
        #expect(
            try await Self.refresh(world, world.grant.refreshToken).status == 200, "the old token is not revoked (M-RT)"
        )
        let access = try #require(string(jsonObject(first)["access_token"]))
        let client = GraphTestClient(transport: world.transport, accessToken: access)
        #expect(try await client.send("GET", "/me/calendars").status == 200)
    }

    @Test func aRefreshTokenIdleFor90DaysIsInvalidGrant700082() async throws {
        let world = makeGraphWorld()
        world.clock.advance(by: .seconds(90 * 86_400))
        let idle = try await Self.refresh(world, world.grant.refreshToken)
        #expect(idle.status == 400)
        #expect(string(jsonObject(idle)["error"]) == "invalid_grant")
        #expect(jsonObject(idle)["error_codes"] == [700082])
        #expect(graphFixtureKeys("oauth-invalid-grant-idle.json").isSubset(of: Set(jsonObject(idle).keys)))
    }

    @Test func aRevokedGrantIsInvalidGrant50173AndItsAccessTokensAre401() async throws {
        let world = makeGraphWorld()
        world.server.revokeGrant(account: world.account)
        let refused = try await Self.refresh(world, world.grant.refreshToken)
        #expect(jsonObject(refused)["error_codes"] == [50173])
        let call = try await world.client.send("GET", "/me/calendars")
        #expect(call.status == 401 && graphErrorCode(call) == "InvalidAuthenticationToken")
        let fresh = try #require(world.server.reconsent(account: world.account))
        #expect(try await Self.refresh(world, fresh.refreshToken).status == 200)
    }

    @Test func theMailboxRateLimitAnswers429WithRetryAfterAndTheRealBody() async throws {
        let world = makeGraphWorld {
            $0.mailboxRequestsPerWindow = 3
            $0.mailboxRateWindow = .seconds(60)
        }
        for _ in 0..<3 { #expect(try await world.client.send("GET", "/me/calendars").status == 200) }
        let throttled = try await world.client.send("GET", "/me/calendars")
        #expect(throttled.status == 429 && graphErrorCode(throttled) == "TooManyRequests")
        #expect(throttled.headers["Retry-After"] == "60")
        world.clock.advance(by: .seconds(61))
        #expect(try await world.client.send("GET", "/me/calendars").status == 200)
    }

    @Test func moreThanFourOverlappingRequestsOnOneMailboxAreApplicationThrottled() async throws {
        let world = makeGraphWorld { $0.requestServiceTime = .milliseconds(200) }
        var statuses: [Int] = []
        for _ in 0..<5 { statuses.append(try await world.client.send("GET", "/me/calendars").status) }
        #expect(statuses == [200, 200, 200, 200, 429], "five requests inside one service period")
        let throttled = try await world.client.send("GET", "/me/calendars")
        #expect(graphErrorCode(throttled) == "ApplicationThrottled" && throttled.headers["Retry-After"] == "1")
        world.clock.advance(by: .milliseconds(200))
        #expect(try await world.client.send("GET", "/me/calendars").status == 200)
    }

    @Test func injectedServiceUnavailableBurstsCarryRetryAfterOnlyInTheirWindow() async throws {
        let world = makeGraphWorld {
            $0.faults = [
                GraphFaultRule(
                    .serviceUnavailable, target: RequestPattern(path: "/v1.0/me/calendars"),
                    window: TimeWindow(from: graphWorldStart, to: graphWorldStart.adding(.seconds(10))),
                    probability: .always,
                    retryAfter: .exactly(.seconds(5)))
            ]
        }
        let failed = try await world.client.send("GET", "/me/calendars")
        #expect(failed.status == 503 && failed.headers["Retry-After"] == "5")
        #expect(try await world.client.send("GET", "/me/events").status == 200, "other paths are not targeted")
        world.clock.advance(by: .seconds(10))
        #expect(try await world.client.send("GET", "/me/calendars").status == 200)
    }

    @Test func theSameSeedGivesTheSameResponsesByteForByte() async throws {
        func run() async throws -> [[UInt8]] {
            let world = makeGraphWorld(seed: 42)
            var bodies: [[UInt8]] = []
            for hour in 1...3 {
                bodies.append(try await world.client.create(world.calendar, graphEventBody(hour: Int64(hour))).body)
            }
            bodies.append(
                try await world.client.send("GET", deltaURL(world.calendar, from: graphWorldStart, days: 7)).body)
            bodies.append(try await Self.refresh(world, world.grant.refreshToken).body)
            return bodies
        }
        #expect(try await run() == run())
    }
}
