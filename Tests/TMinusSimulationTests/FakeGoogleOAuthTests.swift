import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

@Suite struct FakeGoogleOAuthTests {
    /// A refresh at the fake's token endpoint, as Google's OAuth client sends it.
    static func refresh(
        _ world: GoogleWorld, token: String, clientSecret: String? = nil, grantType: String = "refresh_token"
    )
        async throws -> HTTPResponse
    {
        let form = [
            ("grant_type", grantType), ("client_id", world.grant.clientID),
            ("client_secret", clientSecret ?? world.grant.clientSecret), ("refresh_token", token),
        ].map { URLParts.percentEncode($0.0) + "=" + URLParts.percentEncode($0.1) }.joined(separator: "&")
        return try await world.transport.send(
            HTTPRequest(
                method: "POST", url: FakeGoogleServer.tokenURL,
                headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Array(form.utf8)))
    }

    @Test func aRefreshGrantsANewBearerTokenThatWorks() async throws {
        let world = makeGoogleWorld()
        let response = try await Self.refresh(world, token: world.grant.refreshToken)
        #expect(response.status == 200)
        let body = jsonObject(response)
        #expect(body["expires_in"] == .int(3_599))
        #expect(string(body["token_type"]) == "Bearer")
        #expect(string(body["scope"]) == "https://www.googleapis.com/auth/calendar")
        let token = try #require(string(body["access_token"]))
        #expect(token.hasPrefix("ya29.") && token != world.grant.accessToken)
        #expect(body["refresh_token"] == nil, "Google normally issues no new refresh token")
        var client = world.client
        client.accessToken = token
        #expect(try await client.list("primary", []).status == 200)
    }

    @Test func theWriteLogNamesTheAccountATokenWasIssuedToAcrossARefresh() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert("primary", eventBody(title: "One"))
        let refreshed = try #require(string(jsonObject(try await Self.refresh(world, token: world.grant.refreshToken))["access_token"]))
        var client = world.client
        client.accessToken = refreshed
        _ = try await client.insert("primary", eventBody(title: "Two"))
        client.accessToken = "ya29.never-issued"
        _ = try await client.insert("primary", eventBody(title: "Three"))
        let log = world.transport.takeWriteLog()
        // K keys "the same request again" by this: a refreshed token is still the same account, and
        // a token the server never issued keeps its own Authorization value.
        #expect(log.map(\.principal) == [world.account, world.account, "Bearer ya29.never-issued"])
    }

    @Test func anExpiredAccessTokenIs401AuthErrorUntilRefreshed() async throws {
        let world = makeGoogleWorld()
        world.clock.advance(by: .seconds(3_599))
        let expired = try await world.client.list("primary", [])
        #expect(expired.status == 401)
        #expect(
            expired.text
                == #"{"error":{"code":401,"errors":[{"domain":"global","location":"Authorization","locationType":"header","#
                + #""message":"Invalid Credentials","reason":"authError"}],"message":"Invalid Credentials"}}"#)
        world.server.expireAccessTokens(account: world.account)
        let fresh = try #require(
            string(jsonObject(try await Self.refresh(world, token: world.grant.refreshToken))["access_token"]))
        #expect(
            try await GoogleTestClient(transport: world.transport, accessToken: fresh).list("primary", []).status == 200
        )
    }

    @Test func onDemandExpiryAffectsOnlyThatAccount() async throws {
        let world = makeGoogleWorld()
        let bob = world.server.addAccount("bob@example.com")
        world.server.expireAccessTokens(account: world.account)
        #expect(try await world.client.list("primary", []).status == 401)
        #expect(
            try await GoogleTestClient(transport: world.transport, accessToken: bob.accessToken).list("primary", [])
                .status == 200)
    }

    @Test func aRevokedGrantAnswersInvalidGrantAndKillsAccessTokens() async throws {
        let world = makeGoogleWorld()
        world.server.revokeRefreshToken(account: world.account)
        let refused = try await Self.refresh(world, token: world.grant.refreshToken)
        #expect(refused.status == 400)
        #expect(refused.text == #"{"error":"invalid_grant","error_description":"Token has been expired or revoked."}"#)
        #expect(try await world.client.list("primary", []).status == 401)
        let grant = try #require(world.server.reconsent(account: world.account))
        #expect(try await Self.refresh(world, token: grant.refreshToken).status == 200)
        #expect(
            try await Self.refresh(world, token: world.grant.refreshToken).status == 400, "the old refresh token stays dead")
    }

    @Test func aWrongClientOrGrantTypeIsRefused() async throws {
        let world = makeGoogleWorld()
        let wrongClient = try await Self.refresh(world, token: world.grant.refreshToken, clientSecret: "guess")
        #expect(wrongClient.status == 401)
        #expect(string(jsonObject(wrongClient)["error"]) == "invalid_client")
        let wrongGrant = try await Self.refresh(world, token: world.grant.refreshToken, grantType: "password")
        #expect(wrongGrant.status == 400)
        #expect(string(jsonObject(wrongGrant)["error"]) == "unsupported_grant_type")
        let unknown = try await Self.refresh(world, token: "1//not-a-token")
        #expect(string(jsonObject(unknown)["error"]) == "invalid_grant")
    }

    @Test func aRequestWithoutCredentialsIs401() async throws {
        let world = makeGoogleWorld()
        let response = try await world.transport.send(
            HTTPRequest(method: "GET", url: FakeGoogleServer.apiBase + "/users/me/calendarList"))
        #expect(response.status == 401)
        #expect(errorReason(response) == "authError")
    }
}
