import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusSQLite
import TMinusSimulation
import TMinusStore
import Testing

/// The engine end to end against two accounts on the fake Google server, through the simulated
/// transport, on a manual clock: sync → graph → outbox → write queue → mirror at the provider.
struct EngineGoogleFlowTests {
    struct World {
        let clock: ManualClock
        let transport: SimulatedTransport
        let fake: FakeGoogleServer
        let engine: Engine
        let userID: String
        let a: String
        let b: String
        let grantA: GoogleGrant
        let grantB: GoogleGrant

        func overlayEvents(of account: String) -> [InspectedEvent] {
            fake.inspectCalendars().filter { $0.account == account && $0.title == OverlayCalendar.defaultName }
                .flatMap(\.liveEvents)
        }

        func settle() async throws {
            for _ in 0..<20 {
                try await engine.drain()
                guard let next = try await engine.nextMessageAt() else { return }
                clock.set(max(next, clock.now()))
            }
        }
    }

    static func makeWorld(seed: UInt64 = 1) async throws -> World {
        let start = Timestamp(secondsSinceEpoch: 1_772_438_400)
        let clock = ManualClock(start: start)
        let random = RandomSource(seed: seed)
        let transport = SimulatedTransport(clock: clock, random: random.fork(), trace: NullTraceSink())
        let fake = FakeGoogleServer(clock: clock, random: random.fork())
        fake.register(on: transport)
        let grantA = fake.addAccount("alice@example.com", timeZone: "Europe/Berlin")
        let grantB = fake.addAccount("alice@work.example.com", timeZone: "Europe/Berlin")
        let configuration = GoogleConfiguration(oauthClientID: grantA.clientID, oauthClientSecret: ProviderSecret(grantA.clientSecret))
        let factory: ProviderFactory = { _, credentials in
            GoogleCalendarProvider(transport: transport, credentials: credentials, configuration: configuration)
        }
        let environment = Environment(clock: clock, random: random.fork(), trace: NullTraceSink())
        let engine = try Engine(environment: environment, storage: .memory, factory: factory)
        let user = try await engine.createUser()
        func tokens(_ grant: GoogleGrant) -> AccountTokens {
            AccountTokens(accessToken: Secret(grant.accessToken), accessTokenExpiresAt: grant.accessTokenExpiresAt,
                          refreshToken: Secret(grant.refreshToken), scopes: ["calendar"])
        }
        let a = try await engine.linkAccount(userID: user, AccountLink(provider: .google, subject: grantA.account, tokens: tokens(grantA)))
        let b = try await engine.linkAccount(userID: user, AccountLink(provider: .google, subject: grantB.account, tokens: tokens(grantB)))
        let world = World(clock: clock, transport: transport, fake: fake, engine: engine, userID: user, a: a, b: b, grantA: grantA, grantB: grantB)
        try await world.settle()
        return world
    }

    static func draft(_ title: String, hoursFromNow: Int64, clock: ManualClock) -> HumanEventDraft {
        let begin = clock.now().adding(.seconds(hoursFromNow * 3600))
        return HumanEventDraft(
            title: title, start: .timed(begin, timeZone: "Europe/Berlin"),
            end: .timed(begin.adding(.seconds(3600)), timeZone: "Europe/Berlin"))
    }

    @Test func originEventIsMirroredAsBusyIntoTheOtherAccountAndOnlyOnce() async throws {
        let world = try await Self.makeWorld()
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account, Self.draft("Board meeting", hoursFromNow: 3, clock: world.clock))
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()
        let mirrors = world.overlayEvents(of: world.grantB.account)
        #expect(mirrors.count == 1)
        #expect(mirrors.first?.title == "Busy")
        #expect(mirrors.first?.privateProperties["tminus"] == "true")
        #expect(world.overlayEvents(of: world.grantA.account).isEmpty, "no copy back into the origin account (no loop)")
        // Syncing both accounts again changes nothing and writes nothing.
        let writes = world.fake.writeLog.count
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "again"))
        try await world.engine.requestSync(SyncRequest(accountID: world.b, reason: "again"))
        try await world.settle()
        #expect(world.fake.writeLog.count == writes)
        #expect(world.overlayEvents(of: world.grantB.account).count == 1)
    }

    @Test func humanEditOfAMirrorIsRewrittenAndDeletingTheOriginRemovesTheMirror() async throws {
        let world = try await Self.makeWorld(seed: 2)
        let origin = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account, Self.draft("1:1", hoursFromNow: 5, clock: world.clock))
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()
        let mirror = try #require(world.overlayEvents(of: world.grantB.account).first)
        let overlayID = try #require(world.fake.inspectCalendars().first {
            $0.account == world.grantB.account && $0.title == OverlayCalendar.defaultName
        }?.id)
        try world.fake.humanEditEvent(
            account: world.grantB.account, calendarID: overlayID, eventID: mirror.id, HumanEventEdit(title: "Lunch?"))
        try await world.engine.requestSync(SyncRequest(accountID: world.b, calendarID: overlayID, reason: "test"))
        try await world.settle()
        #expect(world.overlayEvents(of: world.grantB.account).map(\.title) == ["Busy"])
        try world.fake.humanDeleteEvent(account: world.grantA.account, calendarID: world.grantA.account, eventID: origin)
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()
        #expect(world.overlayEvents(of: world.grantB.account).isEmpty)
    }
}

/// Reconcile (engine rule 12) against the fake Google.
struct EngineReconcileTests {
    @Test func reconcileRecreatesLostMirrorRowsWithoutDuplicatingTheProviderEvent() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 3)
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account,
            EngineGoogleFlowTests.draft("Standup", hoursFromNow: 2, clock: world.clock))
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()
        #expect(world.overlayEvents(of: world.grantB.account).count == 1)
        // The graph loses its mirror rows (say, restored from an old backup).
        let graph = try await world.engine.graph(of: world.userID)
        try await graph.inspect { store throws(StoreError) in
            do throws(SQLiteError) { try store.connection.execute("DELETE FROM event_mirrors") } catch { throw .database(error) }
        }
        let repairs = try await world.engine.reconcile(accountID: world.b)
        try await world.settle()
        #expect(repairs.missingMirrorsQueued >= 1)
        #expect(world.overlayEvents(of: world.grantB.account).count == 1, "adopted or replaced, never duplicated")
        let rows = try await graph.inspect { store throws(StoreError) in try store.mirrors(targeting: world.b) }
        #expect(rows.map(\.state) == [.active])
        let journal = try await graph.inspect { store throws(StoreError) in try store.journalEntries() }
        #expect(journal.contains { $0.changeType == .reconciled && $0.reason.contains("fixed") })
    }

    @Test func reconcileTombstonesAMirrorAHumanDeletedAndNothingElseChanges() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 4)
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account,
            EngineGoogleFlowTests.draft("Dentist", hoursFromNow: 4, clock: world.clock))
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()
        let mirror = try #require(world.overlayEvents(of: world.grantB.account).first)
        let overlayID = try #require(world.fake.inspectCalendars().first {
            $0.account == world.grantB.account && $0.title == OverlayCalendar.defaultName
        }?.id)
        try world.fake.humanDeleteEvent(account: world.grantB.account, calendarID: overlayID, eventID: mirror.id)
        let repairs = try await world.engine.reconcile(accountID: world.b)
        try await world.settle()
        #expect(repairs.vanishedMirrorsTombstoned + repairs.driftCorrected >= 0)
        let graph = try await world.engine.graph(of: world.userID)
        let rows = try await graph.inspect { store throws(StoreError) in try store.mirrors(targeting: world.b) }
        #expect(rows.map(\.state) == [.tombstoned])
        #expect(world.overlayEvents(of: world.grantB.account).isEmpty, "a human-deleted mirror is not recreated")
        let origin = world.fake.inspectCalendars().first { $0.account == world.grantA.account && $0.isPrimary }
        #expect(origin?.liveEvents.count == 1, "the origin is untouched")
    }
}
