import TMinusCore
import TMinusProviders
import Testing

/// providers.md §5 rows 23–39 (Graph): each wire fault maps to the right typed error, and the
/// documented recovery works against the adapter.
struct GraphFaultCatalogueTests {
    let cursor = SyncCursor(GraphTesting.link("deltatoken", "D0"))

    // Row 23: throttled → rateLimited with the server's Retry-After (both 429 bodies).
    @Test(arguments: ["error-429-TooManyRequests.json", "error-429-ApplicationThrottled.json"])
    func throttlingIsRateLimitedWithRetryAfter(body: String) async {
        let throttled = GraphFixtures.response(
            429, body, headers: ["Content-Type": "application/json", "Retry-After": "7"])
        let transport = ScriptedTransport([.respond(throttled)])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GraphTesting.provider(transport).changes(calendarID: GraphTesting.calendarID, since: cursor)
        }
        #expect(error?.kind == "rateLimited")
        #expect(error?.recovery == .retryAfter(.seconds(7)))
        #expect(transport.requests.count == 1, "the adapter never retries by itself")
    }

    // Row 24: 503 with Retry-After honours it; 503 without and 504 are transient.
    @Test func serviceUnavailableAndGatewayTimeoutBackOff() {
        let withWait = GraphErrorMapper.map(
            GraphFixtures.response(503, "error-503-ServiceUnavailable.json", headers: ["Retry-After": "12"]),
            operation: "x")
        #expect(withWait.recovery == .retryAfter(.seconds(12)))
        #expect(
            GraphErrorMapper.map(GraphFixtures.response(503, "error-503-ServiceUnavailable.json"), operation: "x").kind
                == "transient")
        #expect(
            GraphErrorMapper.map(HTTPResponse(status: 504, body: Array("<html>gateway</html>".utf8)), operation: "x")
                .kind == "transient")
    }

    // Row 25: an expired delta token (any of its codes, any case) is cursorInvalid, never retried.
    @Test(arguments: [
        (410, "error-410-SyncStateNotFound.json"), (410, "error-410-resyncRequired.json"),
    ])
    func expiredDeltaTokenIsCursorInvalid(status: Int, body: String) async {
        let transport = ScriptedTransport([.respond(GraphFixtures.response(status, body))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GraphTesting.provider(transport).changes(calendarID: GraphTesting.calendarID, since: cursor)
        }
        #expect(error?.kind == "cursorInvalid")
        #expect(error?.recovery == .fullResync)
        #expect(transport.requests.count == 1)
        let lowercase = GraphTesting.json(400, #"{"error":{"code":"syncStateNotFound","message":"expired"}}"#)
        #expect(GraphErrorMapper.map(lowercase, operation: "calendarView.delta").kind == "cursorInvalid")
    }

    // Row 26: 410 with Location (sync reset) → cursorInvalid; the full listing then recovers.
    @Test func syncResetIsCursorInvalidAndAFullListingRecovers() async throws {
        let reset = HTTPResponse(
            status: 410, headers: ["Location": GraphTesting.apiBase + "/me/calendars/c/calendarView/delta?$deltatoken="]
        )
        let transport = ScriptedTransport([
            .respond(reset),
            .respond(GraphFixtures.response(200, "delta-page-last.json")),
        ])
        let provider = GraphTesting.provider(transport)
        let error = await providerFailure { () async throws(ProviderError) in
            try await provider.changes(calendarID: GraphTesting.calendarID, since: cursor)
        }
        #expect(error?.kind == "cursorInvalid")
        #expect(error?.context.detail?.contains("sync reset") == true)
        let listing = try await provider.fullListing(calendarID: GraphTesting.calendarID, window: nil)
        #expect(listing.isFullListing && listing.records.count == 1)
        #expect(listing.cursor.rawValue.contains("$deltatoken=R0usmci39OQxqJrxK4"))
    }

    // Multi-page round: empty pages keep going; the cursor is the last page's deltaLink.
    @Test func aMultiPageRoundEndsWithTheStoredDeltaLinkAndTheNextRoundReplaysIt() async throws {
        let transport = ScriptedTransport([
            .respond(GraphFixtures.response(200, "delta-page-first.json")),
            .respond(GraphFixtures.response(200, "delta-page-empty.json")),
            .respond(GraphFixtures.response(200, "delta-page-last.json")),
            .respond(GraphFixtures.response(200, "delta-page-incremental.json")),
        ])
        let provider = GraphTesting.provider(transport)
        let full = try await provider.fullListing(calendarID: GraphTesting.calendarID, window: nil)
        #expect(full.pageCount == 3 && full.records.count == 3)
        #expect(
            full.cursor.rawValue
                == "https://graph.microsoft.com/v1.0/me/calendars/AAMkAGI2TGuLAAA=/calendarView/delta?$deltatoken=R0usmci39OQxqJrxK4"
        )
        #expect(transport.requests[1].url.hasSuffix("$skiptoken=R0usmcCM996atia_s"))
        #expect(transport.requests[2].url.hasSuffix("$skiptoken=R0usmcCM996atia_t"))
        let next = try await provider.changes(calendarID: GraphTesting.calendarID, since: full.cursor)
        #expect(transport.requests[3].url == full.cursor.rawValue)
        #expect(next.cursor != full.cursor, "the cursor moved on: nothing is stuck")
        #expect(!next.isFullListing)
    }

    // Rows 27 and 28: removals of never-seen ids and replays across pages are passed through as is.
    @Test func outOfWindowRemovalsAndReplaysAreHarmlessRecords() async throws {
        let transport = ScriptedTransport([
            .respond(
                GraphTesting.page(items: [GraphTesting.item("A1")], nextLink: GraphTesting.link("skiptoken", "S1"))),
            .respond(
                GraphTesting.page(
                    items: [GraphTesting.item("A1"), GraphTesting.removed("NeverSeen")],
                    deltaLink: GraphTesting.link("deltatoken", "D2"))),
        ])
        let listing = try await GraphTesting.provider(transport).changes(
            calendarID: GraphTesting.calendarID, since: cursor)
        #expect(listing.records.map(\.delta.providerEventID) == ["A1", "A1", "NeverSeen"])
        #expect(listing.records.map(\.isDeletion) == [false, false, true])
        #expect(listing.records[2].delta.calendarID == GraphTesting.calendarID)
    }

    // Row 29: a write missing from this round shows up in the next; the cursor still advances.
    @Test func replicationLagOnlyDelaysAChange() async throws {
        let transport = ScriptedTransport([
            .respond(GraphTesting.page(items: [], deltaLink: GraphTesting.link("deltatoken", "D1"))),
            .respond(
                GraphTesting.page(items: [GraphTesting.item("late")], deltaLink: GraphTesting.link("deltatoken", "D2"))),
        ])
        let provider = GraphTesting.provider(transport)
        let first = try await provider.changes(calendarID: GraphTesting.calendarID, since: cursor)
        #expect(first.records.isEmpty && first.cursor.rawValue.hasSuffix("D1"))
        let second = try await provider.changes(calendarID: GraphTesting.calendarID, since: first.cursor)
        #expect(second.records.map(\.delta.providerEventID) == ["late"])
    }

    // Row 30: a 401 on a nextLink refreshes once and replays the same link.
    @Test func unauthorizedMidRoundRefreshesAndReplaysTheSameLink() async throws {
        let credentials = CountingCredentials()
        let transport = ScriptedTransport([
            .respond(
                GraphTesting.page(items: [GraphTesting.item("A1")], nextLink: GraphTesting.link("skiptoken", "S1"))),
            .respond(GraphFixtures.response(401, "error-401-InvalidAuthenticationToken.json")),
            .respond(
                GraphTesting.page(items: [GraphTesting.item("B2")], deltaLink: GraphTesting.link("deltatoken", "D2"))),
        ])
        let listing = try await GraphTesting.provider(transport, credentials: credentials)
            .changes(calendarID: GraphTesting.calendarID, since: cursor)
        #expect(listing.records.map(\.delta.providerEventID) == ["A1", "B2"])
        #expect(credentials.refreshCount == 1)
        #expect(transport.requests[1].url == transport.requests[2].url)
        #expect(transport.requests[2].headers["Authorization"] == "Bearer token-1")
    }

    // Row 31: a stale change key → preconditionFailed; re-read and retry with the new key succeeds.
    @Test func staleChangeKeyIsPreconditionFailedAndTheRetryWithTheNewKeySucceeds() async throws {
        let mini = GraphMiniCalendar()
        let transport = ScriptedTransport(Array(repeating: mini.step, count: 5))
        let provider = GraphTesting.provider(transport)
        let created = try await provider.createEvent(
            in: GraphTesting.calendarID, projection: GraphTesting.projection(), key: GraphTesting.key)
        let address = created.event.address
        let error = await providerFailure { () async throws(ProviderError) in
            try await provider.updateEvent(
                at: address, projection: GraphTesting.projection(summary: "Busy!"),
                precondition: .ifMatch(ResourceVersion("stale")))
        }
        #expect(error?.kind == "preconditionFailed" && error?.context.reason == "ErrorIrresolvableConflict")
        #expect(error?.recovery == .rereadAndRetry)
        let current = try await provider.event(at: address)
        let version = try #require(current.version)
        let written = try await provider.updateEvent(
            at: address, projection: GraphTesting.projection(summary: "Busy!"), precondition: .ifMatch(version))
        #expect(written.version != version)
    }

    // Row 32: with ImmutableId the moved event answers under its id; the old REST id is a 404.
    @Test func aMovedEventIsFoundByItsImmutableIDAndItsOldRestIDIsNotFound() async throws {
        let moved = GraphFixtures.bytes("event.json")
        let transport = ScriptedTransport([
            .handle { request in
                let immutable = GraphTesting.preferences(request).contains(#"IdType="ImmutableId""#)
                return .success(
                    immutable
                        ? HTTPResponse(status: 200, body: moved)
                        : GraphFixtures.response(404, "error-404-ErrorItemNotFound.json"))
            },
            .respond(GraphFixtures.response(404, "error-404-ErrorItemNotFound.json")),
        ])
        let provider = GraphTesting.provider(transport)
        let id = "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AZlnW4RIAV06KYYwlrfNZvQAAKGWwbwAA"
        let record = try await provider.event(at: EventAddress(calendarID: "other", eventID: id))
        #expect(record.delta.providerEventID == id)
        let error = await providerFailure { () async throws(ProviderError) in
            try await provider.event(at: EventAddress(calendarID: "c", eventID: "AAMkADoldRestID="))
        }
        #expect(error?.kind == "notFound")
    }

    // Row 33: the validation handshake is answered at once with the decoded token as plain text.
    @Test func theValidationHandshakeEchoesTheDecodedTokenAsPlainText() throws {
        let delivery = try GraphTesting.provider(ScriptedTransport([])).decodePush(
            GraphFixtures.pushRequest("push-validation.json"))
        #expect(delivery.notifications.isEmpty)
        #expect(delivery.reply.status == 200)
        #expect(delivery.reply.headers["Content-Type"]?.hasPrefix("text/plain") == true)
        #expect(
            delivery.reply.text
                == "Validation: Testing client application reachability for subscription Request-Id: c4a0a1d3-7b2e-4d2a-9d0e-2f1b6c3e8a90"
        )
        let failed = GraphErrorMapper.map(
            GraphFixtures.response(400, "error-400-ValidationError.json"), operation: "subscriptions.create")
        #expect(failed.recovery == .doNotRetry)
    }

    // Rows 34–36: lifecycle events decode to their signals and are acknowledged with 202.
    @Test(arguments: [
        ("push-lifecycle-missed.json", PushNotification.Signal.missed),
        ("push-lifecycle-reauthorizationRequired.json", .reauthorizationRequired),
        ("push-lifecycle-subscriptionRemoved.json", .subscriptionRemoved),
    ])
    func lifecycleEventsDecodeToTheirSignals(fixture: String, signal: PushNotification.Signal) throws {
        let delivery = try GraphPushDecoder.decode(GraphFixtures.pushRequest(fixture))
        #expect(delivery.reply.status == 202)
        #expect(delivery.notifications.map(\.signal) == [signal])
        #expect(delivery.notifications.first?.channelID == "7f105c7d-2dc5-4530-97cd-4e7ae6534c07")
        #expect(delivery.notifications.first?.verificationToken == "secretClientValue")
    }

    // Rows 36/37: renewal of a subscription Graph already deleted creates a new one; renew at half-life.
    @Test func renewingAGoneSubscriptionCreatesANewOneAndRenewalIsDueAtHalfLife() async throws {
        let clock = ManualClock(start: GraphTesting.now)
        let transport = ScriptedTransport([
            .respond(
                GraphTesting.json(404, #"{"error":{"code":"ResourceNotFound","message":"The object was not found."}}"#)),
            .respond(GraphFixtures.response(201, "subscription-created.json")),
        ])
        let provider = GraphTesting.provider(transport, clock: clock)
        let old = PushChannel(
            calendarID: "AAMkAGI2TGuLCCC=", channelID: "gone", resourceID: nil, expiresAt: GraphTesting.now)
        let request = PushChannelRequest(
            channelID: "x", address: "https://tminus.example.com/webhooks/microsoft",
            verificationToken: ProviderSecret("secretClientValue"), expiresAt: nil)
        let renewal = try await provider.renewWatch(old, request: request)
        #expect(renewal.channel.channelID == "7f105c7d-2dc5-4530-97cd-4e7ae6534c07")
        #expect(!renewal.previousStillActive)
        #expect(transport.requests.map(\.method) == ["PATCH", "POST"])
        let expires = GraphTesting.now.adding(GraphConfiguration.defaultSubscriptionLifetime)
        let fresh = PushChannel(calendarID: "c", channelID: "s", resourceID: nil, expiresAt: expires)
        #expect(!provider.renewalDue(fresh, now: GraphTesting.now.adding(.seconds(2_115 * 60 - 1))))
        #expect(provider.renewalDue(fresh, now: GraphTesting.now.adding(.seconds(2_115 * 60))))
    }

    // Row 38: notifications with a wrong clientState are dropped; the reply is still 2xx.
    @Test func spoofedNotificationsAreRejectedButStillAcknowledged() throws {
        let delivery = try GraphPushDecoder.decode(GraphFixtures.pushRequest("push-change.json"))
        #expect(delivery.reply.status == 202)
        #expect(delivery.notifications.map(\.signal) == [.changed, .changed])
        let genuine = GraphPushDecoder.verified(delivery) { _ in ProviderSecret("secretClientValue") }
        #expect(genuine.accepted.count == 2 && genuine.rejected == 0)
        let spoofed = GraphPushDecoder.verified(delivery) { _ in ProviderSecret("anotherSecret") }
        #expect(spoofed.accepted.isEmpty && spoofed.rejected == 2)
        let unknown = GraphPushDecoder.verified(delivery) { _ in nil }
        #expect(unknown.rejected == 2)
    }

    // Row 39: a refresh token idle for 90 days is tokenRevoked; a good refresh surfaces the rotated token.
    @Test func idleRefreshTokenIsRevokedAndRotationIsSurfaced() async throws {
        let idle = ScriptedTransport([.respond(GraphFixtures.response(400, "oauth-invalid-grant-idle.json"))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GraphTesting.provider(idle).refreshAccessToken(using: ProviderSecret("0.AX old"))
        }
        #expect(error?.kind == "tokenRevoked" && error?.recovery == .relinkAccount)
        #expect(error?.context.reason?.contains("AADSTS700082") == true)
        let good = ScriptedTransport([.respond(GraphFixtures.response(200, "oauth-token.json"))])
        let grant = try await GraphTesting.provider(good).refreshAccessToken(using: ProviderSecret("0.AX old"))
        #expect(grant.rotatedRefreshToken != nil)
        #expect(good.requests.first?.headers["Authorization"] == nil, "the token endpoint authenticates in the body")
    }
}
