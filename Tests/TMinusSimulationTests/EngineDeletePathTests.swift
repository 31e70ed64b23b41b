import TMinusCore
import TMinusEngine
import TMinusSimulation
import TMinusStore
import Testing

/// The seven delete paths of issue 7, each ending in the state engine.md prescribes, against the
/// fakes' true state. (Origin deleted at its provider, mirror deleted by a human, account unlinked
/// and reconcile orphans are also covered in EngineGoogleFlowTests/EngineReconcileTests/
/// EnginePushCronUnlinkTests; these are the remaining ones plus a cross-provider origin delete.)
struct EngineDeletePathTests {
    static func world(seed: UInt64) async throws -> SyncWorld {
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        return try await SyncWorld.build(
            seed: SimulationSeed(seed), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
    }

    static func settle(_ world: SyncWorld) async throws {
        for _ in 0..<30 {
            try await world.engine.drain()
            guard let next = try await world.engine.nextMessageAt() else { return }
            try await world.clock.sleep(for: max(.seconds(1), next.duration(since: world.clock.now())))
        }
    }

    static func createOrigin(_ world: SyncWorld, in account: WorldAccount, title: String) async throws -> String {
        let begin = Timestamp(secondsSinceEpoch: 1_772_438_400 + 7200)
        let id = try world.host(for: account.provider)!.humans.humanCreateEvent(
            account: account.login, calendarID: account.primaryCalendarID,
            HumanEventDraft(title: title, start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC")))
        try await world.engine.requestSync(SyncRequest(accountID: account.accountID, reason: "test"))
        try await settle(world)
        return id
    }

    @Test func originDeletedAtCalDAVRemovesItsMirrorsAtGoogleAndMicrosoft() async throws {
        let world = try await Self.world(seed: 31)
        let caldav = world.accounts[2]
        let id = try await Self.createOrigin(world, in: caldav, title: "Yoga")
        #expect(world.managedEvents(of: world.accounts[0]).count == 1)
        #expect(world.managedEvents(of: world.accounts[1]).count == 1)
        try world.host(for: .caldav)!.humans.humanDeleteEvent(account: caldav.login, calendarID: caldav.primaryCalendarID, eventID: id)
        try await world.engine.requestSync(SyncRequest(accountID: caldav.accountID, reason: "test"))
        try await Self.settle(world)
        #expect(world.managedEvents(of: world.accounts[0]).isEmpty)
        #expect(world.managedEvents(of: world.accounts[1]).isEmpty)
    }

    @Test func internalEventDeletedThroughTheFacadeRemovesEveryMirror() async throws {
        let world = try await Self.world(seed: 32)
        let begin = Timestamp(secondsSinceEpoch: 1_772_438_400 + 3600)
        let event = try await world.engine.createEvent(
            userID: world.userID,
            EventContent(title: "Planning", start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(3600)), timeZone: "UTC")))
        try await Self.settle(world)
        for account in world.accounts { #expect(world.managedEvents(of: account).count == 1, "\(account.provider)") }
        try await world.engine.deleteEvent(userID: world.userID, id: event.id)
        try await Self.settle(world)
        for account in world.accounts { #expect(world.managedEvents(of: account).isEmpty, "\(account.provider)") }
    }

    @Test func removingAPolicyEdgeDeletesThoseMirrorsAndKeepsTheOthers() async throws {
        let world = try await Self.world(seed: 33)
        let google = world.accounts[0]
        _ = try await Self.createOrigin(world, in: google, title: "Standup")
        let edges = PolicyEdge.allPairsBusy(world.accounts.map(\.accountID)).filter {
            !($0.fromAccountID == google.accountID && $0.toAccountID == world.accounts[1].accountID)
        }
        try await world.engine.setPolicyEdges(userID: world.userID, edges)
        try await Self.settle(world)
        #expect(world.managedEvents(of: world.accounts[1]).isEmpty, "the Microsoft mirror is gone")
        #expect(world.managedEvents(of: world.accounts[2]).count == 1, "the CalDAV mirror stays")
    }

    @Test func cursorResetAcrossADeletionDeletesOnlyAfterAPositiveProbe() async throws {
        let world = try await Self.world(seed: 34)
        let google = world.accounts[0]
        let keep = try await Self.createOrigin(world, in: google, title: "Keep")
        let gone = try await Self.createOrigin(world, in: google, title: "Gone")
        _ = keep
        let host = world.host(for: .google)!
        try host.humans.humanDeleteEvent(account: google.login, calendarID: google.primaryCalendarID, eventID: gone)
        host.invalidateCursors()  // the next incremental sync gets 410 and must fall back to a full listing
        try await world.engine.requestSync(SyncRequest(accountID: google.accountID, reason: "test"))
        try await Self.settle(world)
        #expect(world.managedEvents(of: world.accounts[1]).count == 1, "only the deleted origin's mirror went away")
        #expect(world.managedEvents(of: world.accounts[2]).count == 1)
        let checker = WorldChecker(world: world)
        #expect(try await checker.checkConvergence().isEmpty)
    }
}
