import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// The reconcile probes a mirror its listings did not show, to tell a vanished one from one still
/// there; a mirror of an event beyond the listings' window was left out for its time, and costs no call.
struct ReconcileProbeWindowTests {
    static func graphExchanges(_ world: SyncWorld) -> Int {
        world.transport.statistics.byHost["graph.microsoft.com"]?.exchanges ?? 0
    }

    /// Graph calls one reconcile of the Microsoft account makes.
    static func reconcileCost(_ world: SyncWorld) async throws -> Int {
        let before = Self.graphExchanges(world)
        _ = try await world.engine.reconcile(accountID: world.accounts[1].accountID)
        return Self.graphExchanges(world) - before
    }

    @Test func mirrorsOfEventsOlderThanTheWindowAreNotProbed() async throws {
        let world = try await SyncCircuitBreakerTests.world()
        let (google, microsoft) = (world.accounts[0], world.accounts[1])
        let humans = try #require(world.host(for: .google)).humans
        func create(_ title: String, at begin: Timestamp) throws {
            _ = try humans.humanCreateEvent(
                account: google.login, calendarID: google.primaryCalendarID,
                HumanEventDraft(
                    title: title, start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC")))
        }
        try create("Standup", at: SyncCircuitBreakerTests.start.adding(.seconds(7200)))
        try await SyncCircuitBreakerTests.sync(world, google, full: false)
        let baseline = try await Self.reconcileCost(world)

        // Three meetings from two months ago reach Microsoft too (Google's incremental rounds report any date).
        for index in 0..<3 {
            try create("Kickoff \(index)", at: SyncCircuitBreakerTests.start.adding(.seconds(-86_400 * Int64(60 + index))))
        }
        try await SyncCircuitBreakerTests.sync(world, google, full: false)
        #expect(world.managedEvents(of: microsoft).count == 4)
        #expect(try await Self.reconcileCost(world) == baseline, "one probe per old mirror")
        #expect(world.managedEvents(of: microsoft).count == 4)
    }
}
