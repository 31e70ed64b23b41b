import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// A credential source that refreshes through the adapter's own token call, the way an account
/// unit would (one refresh per 401, the new access token kept for later calls).
private final class RefreshingCredentials: CredentialSource {
    private let current: LockedBox<String>
    private let refreshToken: String
    private let refresher: GoogleCalendarProvider
    private let refreshes = LockedBox(0)

    init(grant: GoogleGrant, transport: SimulatedTransport) {
        current = LockedBox(grant.accessToken)
        refreshToken = grant.refreshToken
        refresher = GoogleCalendarProvider(
            transport: transport, credentials: FixedCredentialSource(.bearer(ProviderSecret("unused"))),
            configuration: adapterConfiguration(grant))
    }

    var refreshCount: Int { refreshes.withLock { $0 } }

    func credential() async throws(ProviderError) -> ProviderCredential {
        .bearer(ProviderSecret(current.withLock { $0 }))
    }

    func refreshedCredential(replacing rejected: ProviderCredential) async throws(ProviderError) -> ProviderCredential {
        let grant = try await refresher.refreshAccessToken(using: ProviderSecret(refreshToken))
        current.withLock { $0 = grant.accessToken.revealed }
        refreshes.withLock { $0 += 1 }
        return .bearer(grant.accessToken)
    }
}

private func adapterConfiguration(_ grant: GoogleGrant, pageSize: Int = 250) -> TMinusProviders.GoogleConfiguration {
    TMinusProviders.GoogleConfiguration(
        oauthClientID: grant.clientID, oauthClientSecret: ProviderSecret(grant.clientSecret),
        apiBase: FakeGoogleServer.apiBase, tokenURL: FakeGoogleServer.tokenURL, eventsPageSize: pageSize,
        calendarsPageSize: 2)
}

private struct AdapterWorld {
    let world: GoogleWorld
    let credentials: RefreshingCredentials
    let provider: GoogleCalendarProvider

    init(
        seed: UInt64 = 1, pageSize: Int = 250, network: NetworkFaults = .instant,
        configure: (inout FakeGoogleConfiguration) -> Void = { _ in }
    ) {
        world = makeGoogleWorld(seed: seed, network: network, configure: configure)
        credentials = RefreshingCredentials(grant: world.grant, transport: world.transport)
        provider = GoogleCalendarProvider(
            transport: world.transport, credentials: credentials,
            configuration: adapterConfiguration(world.grant, pageSize: pageSize))
    }
}

private let key = MirrorKey(
    canonicalEventID: "evt_01JTESTCANONICAL000000000", targetAccountID: "acc_01JTARGET0000000000000000")

private func busy(_ summary: String = "Busy", hour: Int64 = 1) -> ProjectedEvent {
    ProjectedEvent(
        summary: summary, description: nil, location: nil,
        start: .timed(googleWorldStart.adding(.seconds(hour * 3_600)), timeZone: "UTC"),
        end: .timed(googleWorldStart.adding(.seconds(hour * 3_600 + 1_800)), timeZone: "UTC"), transparency: .opaque,
        visibility: .private,
        markers: ManagedMarkers(
            canonicalEventID: key.canonicalEventID, originAccountID: "acc_01JORIGIN0000000000000000"))
}

private func failure(_ body: () async throws(ProviderError) -> Void) async -> ProviderError? {
    do {
        try await body()
        return nil
    } catch {
        return error
    }
}

@Suite struct FakeGoogleAdapterTests {
    @Test func fullListingThenChangesFollowWhatAPersonDoes() async throws {
        let fixture = AdapterWorld(pageSize: 2)
        let world = fixture.world
        var ids: [String] = []
        for hour in 1...5 {
            ids.append(
                try world.server.humanCreateEvent(
                    account: world.account, calendarID: "primary",
                    HumanEventDraft(
                        title: "Meeting \(hour)",
                        start: .timed(googleWorldStart.adding(.seconds(Int64(hour) * 3_600)), timeZone: nil),
                        end: .timed(googleWorldStart.adding(.seconds(Int64(hour) * 3_600 + 900)), timeZone: nil))))
        }
        let full = try await fixture.provider.fullListing(calendarID: world.account, window: nil)
        #expect(Set(full.records.map(\.delta.providerEventID)) == Set(ids))
        try world.server.humanEditEvent(
            account: world.account, calendarID: "primary", eventID: ids[0], HumanEventEdit(title: "Renamed"))
        try world.server.humanDeleteEvent(account: world.account, calendarID: "primary", eventID: ids[1])
        let changes = try await fixture.provider.changes(calendarID: world.account, since: full.cursor)
        #expect(changes.records.count == 2)
        #expect(changes.records.first { $0.delta.providerEventID == ids[1] }?.isDeletion == true)
        #expect(changes.records.first { $0.delta.providerEventID == ids[0] }?.delta.content?.title == "Renamed")
    }

    @Test func aRecurringSeriesArrivesAsInstancesWithTheirSeriesIdentity() async throws {
        let fixture = AdapterWorld()
        let world = fixture.world
        let series = try world.server.humanCreateEvent(
            account: world.account, calendarID: "primary",
            HumanEventDraft(
                title: "Daily", start: .timed(googleWorldStart.adding(.seconds(3_600)), timeZone: "Europe/Berlin"),
                end: .timed(googleWorldStart.adding(.seconds(5_400)), timeZone: "Europe/Berlin"),
                recurrence: ["RRULE:FREQ=DAILY;COUNT=4"]))
        let full = try await fixture.provider.fullListing(calendarID: world.account, window: nil)
        #expect(full.records.count == 4)
        #expect(full.records.allSatisfy { $0.instance?.seriesID == series })
    }

    @Test func aCreateWhoseResponseIsLostIsAdoptedOnRetryWithoutADuplicate() async throws {
        let lost = NetworkFaultRule(
            .timeoutAfterApply, target: RequestPattern(path: "/calendar/v3/calendars/*/events", method: "POST"),
            probability: .always)
        let fixture = AdapterWorld(network: NetworkFaults(latency: .instant, timeout: .seconds(30), rules: [lost]))
        let first = await failure { () async throws(ProviderError) in
            _ = try await fixture.provider.createEvent(in: fixture.world.account, projection: busy(), key: key)
        }
        #expect(first?.recovery == .backoffAndRetry)
        fixture.world.transport.setFaults(.instant)
        let outcome = try await fixture.provider.createEvent(in: fixture.world.account, projection: busy(), key: key)
        #expect(outcome.disposition == .adopted)
        let live = fixture.world.server.inspectCalendars().first { $0.id == fixture.world.account }!.liveEvents
        #expect(live.count == 1)
        #expect(live.first?.privateProperties["tminus"] == "true")
        #expect(live.first?.privateProperties["canonical_event_id"] == key.canonicalEventID)
        #expect(
            fixture.world.server.writeLog.allSatisfy { $0.sendUpdates == "none" }, "every write says sendUpdates=none")
    }

    @Test func aCreateDeliveredTwiceStillEndsWithOneEvent() async throws {
        let twice = NetworkFaultRule(.duplicateDelivery, target: RequestPattern(method: "POST"), probability: .always)
        let fixture = AdapterWorld(network: NetworkFaults(latency: .instant, rules: [twice]))
        let outcome = try await fixture.provider.createEvent(in: fixture.world.account, projection: busy(), key: key)
        #expect(outcome.disposition == .adopted, "the answer to the second delivery is 409, and the adapter adopts")
        #expect(fixture.world.server.inspectCalendars().first { $0.id == fixture.world.account }!.liveEvents.count == 1)
    }

    @Test func anInvalidatedSyncTokenIsCursorInvalid() async throws {
        let fixture = AdapterWorld()
        let full = try await fixture.provider.fullListing(calendarID: fixture.world.account, window: nil)
        fixture.world.server.invalidateSyncTokens(calendarID: fixture.world.account)
        let error = await failure { () async throws(ProviderError) in
            _ = try await fixture.provider.changes(calendarID: fixture.world.account, since: full.cursor)
        }
        #expect(error?.recovery == .fullResync)
    }

    @Test func aPersonsEditBetweenReadAndWriteIsPreconditionFailed() async throws {
        let fixture = AdapterWorld()
        let world = fixture.world
        let created = try await fixture.provider.createEvent(in: world.account, projection: busy(), key: key)
        try world.server.humanEditEvent(
            account: world.account, calendarID: "primary", eventID: created.event.address.eventID,
            HumanEventEdit(title: "Mine"))
        let version = try #require(created.event.version)
        let error = await failure { () async throws(ProviderError) in
            _ = try await fixture.provider.updateEvent(
                at: created.event.address, projection: busy("Busy again"), precondition: .ifMatch(version))
        }
        #expect(error?.recovery == .rereadAndRetry)
        let fresh = try await fixture.provider.event(at: created.event.address)
        let written = try await fixture.provider.updateEvent(
            at: created.event.address, projection: busy("Busy again"),
            precondition: .ifMatch(try #require(fresh.version)))
        #expect(written.version != fresh.version)
    }

    @Test func deletingTwiceCountsAsAlreadyGone() async throws {
        let fixture = AdapterWorld()
        let created = try await fixture.provider.createEvent(in: fixture.world.account, projection: busy(), key: key)
        #expect(try await fixture.provider.deleteEvent(at: created.event.address, precondition: .none) == .deleted)
        #expect(try await fixture.provider.deleteEvent(at: created.event.address, precondition: .none) == .alreadyGone)
    }

    @Test func a429WithRetryAfterSevenIsRateLimitedForSevenSeconds() async throws {
        let fixture = AdapterWorld { configuration in
            configuration.faults = [
                GoogleFaultRule(
                    .rateLimitExceeded429, probability: .always, retryAfter: DelayRange(.seconds(7), .seconds(7)))
            ]
        }
        let error = await failure { () async throws(ProviderError) in
            _ = try await fixture.provider.fullListing(calendarID: fixture.world.account, window: nil)
        }
        #expect(error?.recovery == .retryAfter(.seconds(7)))
    }

    @Test(arguments: [GoogleServerFault.quotaExceeded, .backendError, .userRateLimitExceeded])
    func injectedServerFaultsMapToTheirRecovery(fault: GoogleServerFault) async throws {
        let fixture = AdapterWorld { $0.faults = [GoogleFaultRule(fault, probability: .always)] }
        let error = await failure { () async throws(ProviderError) in
            _ = try await fixture.provider.listCalendars()
        }
        let expected: ProviderRecovery =
            switch fault {
            case .quotaExceeded: .pauseWritesAndAlert
            case .backendError, .serviceUnavailable: .backoffAndRetry
            default: .retryAfter(nil)
            }
        #expect(error?.recovery == expected)
    }

    @Test func anExpiredAccessTokenIsRefreshedOnceAndARevokedGrantIsTokenRevoked() async throws {
        let fixture = AdapterWorld()
        fixture.world.server.expireAccessTokens(account: fixture.world.account)
        _ = try await fixture.provider.listCalendars()
        #expect(fixture.credentials.refreshCount == 1)
        fixture.world.server.revokeRefreshToken(account: fixture.world.account)
        let error = await failure { () async throws(ProviderError) in
            _ = try await fixture.provider.listCalendars()
        }
        #expect(error?.recovery == .relinkAccount)
    }

    @Test func theOverlayCalendarIsCreatedOnceThenFound() async throws {
        let fixture = AdapterWorld()
        let created = try await fixture.provider.findOrCreateOverlayCalendar(named: "T-Minus Busy")
        #expect(created.created)
        let found = try await fixture.provider.findOrCreateOverlayCalendar(named: "T-Minus Busy")
        #expect(!found.created && found.calendar.id == created.calendar.id)
        let calendars = try await fixture.provider.listCalendars()
        #expect(calendars.count == 2, "primary and the overlay, over two calendarList pages")
    }

    @Test func aCorruptedBodyIsAMalformedResponseNotACrash() async throws {
        let corrupt = NetworkFaultRule(.malformedBody, target: RequestPattern(method: "GET"), probability: .always)
        let fixture = AdapterWorld(network: NetworkFaults(latency: .instant, rules: [corrupt]))
        let error = await failure { () async throws(ProviderError) in
            _ = try await fixture.provider.listCalendars()
        }
        #expect(error?.recovery == .backoffAndRetry)
        if case .malformedResponse? = error {
        } else {
            Issue.record("expected malformedResponse, got \(String(describing: error))")
        }
    }

    @Test func aWatchChannelsPushesDecodeIntoNotifications() async throws {
        let fixture = AdapterWorld()
        let world = fixture.world
        let address = "https://hooks.tminus.example/google/acc1"
        let decoded = LockedBox<[String]>([])
        let provider = fixture.provider
        world.server.registerPushReceiver(address: address) { request in
            guard let delivery = try? provider.decodePush(request) else { return HTTPResponse(status: 400) }
            decoded.withLock { $0 += delivery.notifications.map(\.signal.rawValue) }
            return delivery.reply
        }
        let channel = try await provider.watch(
            calendarID: world.account,
            request: PushChannelRequest(
                channelID: "chan-0001", address: address, verificationToken: ProviderSecret("verify-me"), expiresAt: nil
            ))
        #expect(channel.resourceID != nil)
        _ = try await provider.createEvent(in: world.account, projection: busy(), key: key)
        await world.server.deliverDuePushes()
        #expect(decoded.withLock { $0 }.count == 2)
        #expect(world.server.push.statistics.delivered == 2)
        try await provider.stopWatch(channel)
        #expect(world.server.channels.first?.stopped == true)
    }
}
