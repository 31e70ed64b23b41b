import TMinusCore
import TMinusEngine
import TMinusSimulation
import TMinusStore
import Testing

/// Flow B write-through (issue 7 item 7): events the user creates in a provider account through
/// the facade are origins there, owned by `tminus`, projected by policy, changed or deleted at the
/// provider only when asked (G); a person's later edit there wins and is journaled as a
/// `field_override` (F); a lost create response never makes two.
struct EngineWriteThroughTests {
    static let begin = Timestamp(secondsSinceEpoch: 1_772_438_400 + 86_400)

    static func content(_ title: String) -> EventContent {
        EventContent(
            title: title, start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(3600)), timeZone: "UTC"))
    }

    static func store(_ world: SyncWorld) async throws -> ([CanonicalEvent], [JournalEntry]) {
        let graph = try await world.engine.graph(of: world.userID)
        return try await graph.inspect { store throws(StoreError) in (try store.allEvents(), try store.journalEntries()) }
    }

    static func liveOrigins(_ world: SyncWorld, in account: WorldAccount) -> [InspectedEvent] {
        let managed = Set(world.managedEvents(of: account).map(\.1.id))
        return world.host(for: account.provider)!.inspection.inspectCalendars()
            .filter { $0.account == account.login && !$0.isDeleted }
            .flatMap(\.liveEvents).filter { !managed.contains($0.id) }
    }

    /// A world (seeded by `seed`) in which "Planning" was created through T-Minus in account `index`.
    static func planned(seed: UInt64, account index: Int) async throws -> (SyncWorld, WorldAccount, CanonicalEvent) {
        let world = try await EngineDeletePathTests.world(seed: seed)
        let account = world.accounts[index]
        let event = try await world.engine.createEvent(
            userID: world.userID, inAccount: account.accountID, content("Planning"))
        try await EngineDeletePathTests.settle(world)
        return (world, account, event)
    }

    @Test(arguments: [0, 1, 2])
    func aWriteThroughEventIsAnOriginOwnedByTMinusAndMirroredByPolicy(account index: Int) async throws {
        let (world, account, event) = try await Self.planned(seed: 60 + UInt64(index), account: index)
        #expect(event.originAccountID == account.accountID)
        #expect(event.authority[.title] == .tminus)
        let origins = Self.liveOrigins(world, in: account)
        #expect(origins.map(\.id) == [event.originEventID], "one origin at the provider, not taken for a mirror")
        #expect(origins.first?.title == "Planning")
        for other in world.accounts where other.accountID != account.accountID {
            #expect(world.managedEvents(of: other).count == 1, "mirrored into \(other.provider)")
        }
        let (events, _) = try await Self.store(world)
        #expect(events.map(\.id) == [event.id], "the sync's echo is the same canonical event")
    }

    @Test(arguments: [0, 1, 2])
    func anEditThatChangesNothingIsNotWrittenAgain(account index: Int) async throws {
        let (world, account, event) = try await Self.planned(seed: 90 + UInt64(index), account: index)
        _ = world.transport.takeWriteLog()
        let updated = try await world.engine.updateEvent(userID: world.userID, id: event.id, Self.content("Planning"))
        try await EngineDeletePathTests.settle(world)
        let writes = world.transport.takeWriteLog().filter { $0.kind == .write && $0.method != "POST" }
        #expect(writes.isEmpty, "the provider already holds this payload (C): \(writes.map(\.path))")
        #expect(updated.content == event.content, "the stored content stands")
        #expect(Self.liveOrigins(world, in: account).first?.title == "Planning")
    }

    @Test(arguments: [0, 1, 2])
    func aPersonsEditAtTheProviderWinsAndIsJournaledAsAFieldOverride(account index: Int) async throws {
        let (world, account, event) = try await Self.planned(seed: 70 + UInt64(index), account: index)
        try world.host(for: account.provider)!.humans.humanEditEvent(
            account: account.login, calendarID: account.primaryCalendarID, eventID: event.originEventID,
            HumanEventEdit(title: "Planning (moved to Friday)"))
        try await world.engine.requestSync(SyncRequest(accountID: account.accountID, reason: "test"))
        try await EngineDeletePathTests.settle(world)
        let (events, journal) = try await Self.store(world)
        let now = try #require(events.first { $0.id == event.id })
        #expect(now.content.title == "Planning (moved to Friday)")
        #expect(now.authority[.title] == .provider(accountID: account.accountID))
        #expect(now.authority[.start] == .tminus, "fields the person left alone stay T-Minus's")
        let overrides = journal.filter { $0.canonicalEventID == event.id && $0.changeType == .fieldOverride }
        #expect(overrides.count == 1)
    }

    @Test func aLostCreateResponseLeavesOneEventUnderItsCanonicalID() async throws {
        let world = try await EngineDeletePathTests.world(seed: 80)
        let google = world.accounts[0]
        world.transport.setFaults(
            NetworkFaults(rules: [
                NetworkFaultRule(
                    .timeoutAfterApply, target: RequestPattern(host: "www.googleapis.com", method: "POST"),
                    probability: .always)
            ]))
        await #expect(throws: (any Error).self) {
            _ = try await world.engine.createEvent(userID: world.userID, inAccount: google.accountID, Self.content("Offsite"))
        }
        world.transport.setFaults(NetworkFaults(rules: []))
        try await world.engine.requestSync(SyncRequest(accountID: google.accountID, reason: "test"))
        try await EngineDeletePathTests.settle(world)
        let (events, _) = try await Self.store(world)
        #expect(events.count == 1)
        #expect(events.first?.authority[.title] == .tminus, "recognised by its write-through markers")
        #expect(events.first?.source == .api)
        #expect(Self.liveOrigins(world, in: google).count == 1)
        for other in world.accounts.dropFirst() { #expect(world.managedEvents(of: other).count == 1) }
    }

    @Test func updateAndDeleteThroughTheFacadeReachTheProviderOnlyForEventsCreatedThroughIt() async throws {
        let world = try await EngineDeletePathTests.world(seed: 90)
        let graph = world.accounts[1]
        let event = try await world.engine.createEvent(
            userID: world.userID, inAccount: graph.accountID, Self.content("Review"))
        try await EngineDeletePathTests.settle(world)
        let changed = try await world.engine.updateEvent(userID: world.userID, id: event.id, Self.content("Review v2"))
        try await EngineDeletePathTests.settle(world)
        #expect(Self.liveOrigins(world, in: graph).map(\.title) == ["Review v2"])
        #expect(changed.authority[.title] == .tminus)
        let (_, journal) = try await Self.store(world)
        #expect(!journal.contains { $0.changeType == .fieldOverride }, "our own echo is no override")

        let human = try await EngineDeletePathTests.createOrigin(world, in: world.accounts[2], title: "Yoga")
        let (events, _) = try await Self.store(world)
        let yoga = try #require(events.first { $0.originEventID == human })
        let refusal = await #expect(throws: StoreError.self) {
            _ = try await world.engine.updateEvent(userID: world.userID, id: yoga.id, Self.content("Hijacked"))
        }
        guard case .notOwnedByTMinus(let refused)? = refusal else {
            Issue.record("expected notOwnedByTMinus, got \(String(describing: refusal))")
            return
        }
        #expect(refused == yoga.id)

        try await world.engine.deleteEvent(userID: world.userID, id: event.id)
        try await EngineDeletePathTests.settle(world)
        #expect(Self.liveOrigins(world, in: graph).isEmpty)
        #expect(world.managedEvents(of: world.accounts[0]).count == 1, "only Yoga's mirror is left at Google")
        #expect(world.managedEvents(of: world.accounts[2]).isEmpty, "Review's CalDAV mirror is gone")
    }
}
