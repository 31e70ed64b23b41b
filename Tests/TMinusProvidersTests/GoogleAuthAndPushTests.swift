import TMinusCore
import TMinusProviders
import Testing

/// providers.md §5 rows 12, 13, 19–22 (Google credentials and push) and the calendar operations.
struct GoogleAuthAndPushTests {
    let address = EventAddress(calendarID: "primary", eventID: "abcde")

    // Row 12: an expired access token is refreshed once and the request resent.
    @Test func unauthorizedIsRefreshedOnceAndResent() async throws {
        let credentials = CountingCredentials()
        let transport = ScriptedTransport([
            .respond(Fixtures.response(401, "error-401-authError.json")),
            .respond(Fixtures.response(200, "event.json")),
        ])
        let record = try await GoogleTesting.provider(transport, credentials: credentials).event(at: address)
        #expect(record.delta.providerEventID == "7cbh8rpc10lrc0ckih9tafss99")
        #expect(credentials.refreshCount == 1)
        #expect(transport.requests.map { $0.headers["Authorization"] } == ["Bearer token-0", "Bearer token-1"])
    }

    @Test func secondUnauthorizedIsReportedNotLooped() async {
        let credentials = CountingCredentials()
        let transport = ScriptedTransport([
            .respond(Fixtures.response(401, "error-401-authError.json")),
            .respond(Fixtures.response(401, "error-401-authError.json")),
        ])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport, credentials: credentials).event(at: address)
        }
        #expect(error?.kind == "unauthorized")
        #expect(credentials.refreshCount == 1 && transport.requests.count == 2)
    }

    // Row 13: a dead refresh token stops the account.
    @Test func revokedRefreshTokenSurfacesAsTokenRevoked() async throws {
        let revoked = ProviderError.tokenRevoked(
            ProviderErrorContext(provider: .google, operation: "oauth.token", status: 400))
        let transport = ScriptedTransport([.respond(Fixtures.response(401, "error-401-authError.json"))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport, credentials: CountingCredentials(refreshFailure: revoked))
                .event(at: address)
        }
        #expect(error == revoked && error?.recovery == .relinkAccount)
        let endpoint = ScriptedTransport([.respond(Fixtures.response(400, "oauth-invalid-grant.json"))])
        let refreshError = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(endpoint).refreshAccessToken(using: ProviderSecret("1//dead"))
        }
        #expect(refreshError?.kind == "tokenRevoked")
    }

    @Test func refreshReturnsTheRotatedRefreshTokenForTheCallerToStoreFirst() async throws {
        let transport = ScriptedTransport([.respond(Fixtures.response(200, "oauth-token-rotated.json"))])
        let grant = try await GoogleTesting.provider(transport).refreshAccessToken(using: ProviderSecret("1//old"))
        #expect(grant.rotatedRefreshToken?.revealed == "1//0gRotatedRefreshTokenExample")
        #expect(grant.accessToken.revealed == "ya29.a0AfH6SMBrotatedrotated")
        #expect(transport.requests.first?.url == "https://oauth2.googleapis.com/token")
    }

    // Rows 20 and 22: a sync message decodes without knowing the channel and is answered 200 at once.
    @Test func syncMessageRacingTheWatchResponseNeedsNoStoredChannel() throws {
        let transport = ScriptedTransport([])
        let delivery = try GoogleTesting.provider(transport).decodePush(Fixtures.pushRequest("push-sync.json"))
        #expect(delivery.notifications.map(\.signal) == [.channelOpened])
        #expect(delivery.reply == HTTPResponse(status: 200))
        #expect(transport.requests.isEmpty)
    }

    // Rows 19 and 21: channels expire silently, so renewal opens a new one before expiry and keeps the overlap.
    @Test func renewalOpensANewChannelAndLeavesTheOldOneForTheCallerToStop() async throws {
        let transport = ScriptedTransport([
            .respond(Fixtures.response(200, "channel-watch-response.json")), .respond(HTTPResponse(status: 204)),
        ])
        let provider = GoogleTesting.provider(transport)
        let old = PushChannel(
            calendarID: "primary", channelID: "chan-old", resourceID: "o3hgv1538sdjfh", expiresAt: nil)
        let request = PushChannelRequest(
            channelID: "01234567-89ab-cdef-0123-456789abcdef", address: "https://tminus.example.com/webhooks/google",
            verificationToken: ProviderSecret("target=tminus-channel"), expiresAt: nil)
        let renewal = try await provider.renewWatch(old, request: request)
        #expect(renewal.previousStillActive)
        #expect(renewal.channel.channelID == request.channelID && renewal.channel.expiresAt != nil)
        try await provider.stopWatch(old)
        #expect(transport.requests.map(\.url).last == "https://www.googleapis.com/calendar/v3/channels/stop")
        let sameID = await providerFailure { () async throws(ProviderError) in
            try await provider.renewWatch(
                old,
                request: PushChannelRequest(
                    channelID: "chan-old", address: "https://x", verificationToken: ProviderSecret("t"), expiresAt: nil)
            )
        }
        #expect(sameID?.kind == "invalidRequest")
    }

    @Test func stoppingAChannelGoogleNoLongerKnowsCountsAsStopped() async throws {
        let transport = ScriptedTransport([.respond(Fixtures.response(404, "error-404-notFound.json"))])
        try await GoogleTesting.provider(transport).stopWatch(
            PushChannel(calendarID: "primary", channelID: "c", resourceID: "r", expiresAt: nil))
        #expect(transport.requests.count == 1)
    }

    @Test func overlayCalendarIsReusedWhenListedAndCreatedOtherwise() async throws {
        let listed = ScriptedTransport([.respond(Fixtures.response(200, "calendar-list.json"))])
        let found = try await GoogleTesting.provider(listed).findOrCreateOverlayCalendar(
            named: OverlayCalendar.defaultName)
        #expect(!found.created && found.calendar.id == "c_8f1e3a9b7d@group.calendar.google.com")
        #expect(listed.requests.count == 1)
        let empty = GoogleTesting.json(200, #"{"kind":"calendar#calendarList","items":[],"nextSyncToken":"x"}"#)
        let creating = ScriptedTransport([.respond(empty), .respond(Fixtures.response(200, "calendar-inserted.json"))])
        let made = try await GoogleTesting.provider(creating).findOrCreateOverlayCalendar(
            named: OverlayCalendar.defaultName)
        #expect(made.created && made.calendar.id == "c_0a1b2c3d4e5f@group.calendar.google.com")
        #expect(creating.requests.map(\.method) == ["GET", "POST"])
    }

    @Test func calendarListFollowsPages() async throws {
        let first = GoogleTesting.json(
            200,
            #"{"items":[{"id":"a@example.com","summary":"A","accessRole":"owner","primary":true}],"nextPageToken":"N2"}"#
        )
        let transport = ScriptedTransport([.respond(first), .respond(Fixtures.response(200, "calendar-list.json"))])
        let calendars = try await GoogleTesting.provider(transport).listCalendars()
        #expect(calendars.count == 4)
        #expect(transport.requests.last?.components?.queryValue("pageToken") == "N2")
    }

    @Test func googleAdvertisesWebhookPush() {
        #expect(
            GoogleTesting.provider(ScriptedTransport([])).pushSupport == .webhook(maximumLifetime: .seconds(604_800)))
    }
}
