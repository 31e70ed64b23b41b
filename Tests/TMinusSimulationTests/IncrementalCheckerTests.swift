import TMinusCore
import TMinusEngine
import TMinusStore
@testable import TMinusSimulation
import Testing

/// The safety checks read only what changed since the last check, and skip steps that changed
/// nothing they read. In cross-check mode every check also reads the whole store and compares it
/// with the incremental view, and unchanged steps are checked anyway and must find nothing new;
/// either difference fails the run with ``CheckerViewMismatch``.
struct IncrementalCheckerTests {
    @Test(arguments: [31, 32, 33] as [UInt64])
    func incrementalViewEqualsAFullReadAtEveryCheckUnderFaults(seed: UInt64) async throws {
        let report = try await FileBackedWorld.run(
            named: "incremental", seed: seed, accounts: [.google, .microsoft, .caldav]
        ) { configuration in
            configuration.crossCheck = true
            configuration.engineRestart = Ratio(1, 25)
            WorldRunTests.staleCursorsAndLostResponses(&configuration, cursorInvalidation: Ratio(1, 30))
        }
        #expect(report.violations.isEmpty, "seed \(seed): \(report.violations)")
        #expect(report.convergenceTime != nil, "seed \(seed) did not converge")
        #expect(report.checkedTicks > 0 && report.checkedTicks <= report.ticks)
    }

    @Test func aQuietWorldIsCheckedOnlyAfterStepsThatChangedSomething() async throws {
        let report = try await FileBackedWorld.run(named: "quiet", seed: 34, accounts: [.google, .microsoft]) {
            configuration in
            configuration.crossCheck = true
            configuration.rates = WorkloadRates.none
        }
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.checkedTicks > 0, "the first step (initial sync) changed the stores")
        #expect(report.checkedTicks < report.ticks / 2, "\(report.checkedTicks) of \(report.ticks) steps checked")
    }

    /// The user graph's part of the stamp is remembered while the graph's change stamp stands still,
    /// and a change that writes no event (a policy change, an unlink) still moves it; in cross-check
    /// mode every remembered value is compared with a fresh read.
    @Test func aPolicyChangeOrAnUnlinkAloneCallsForACheck() async throws {
        let world = try await SyncWorld.build(
            seed: SimulationSeed(45), clock: ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400)),
            trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
        var checker = WorldChecker(world: world)
        checker.crossCheck = true
        func settle() async throws {
            _ = try await checker.needsSafetyCheck()
            _ = try await world.inspecting { try await checker.checkSafety() }
            #expect(try await checker.needsSafetyCheck() == false, "nothing changed since the check")
            #expect(checker.memory.withLock { $0.storeInputs != nil }, "the graph's inputs are remembered")
            #expect(try await checker.needsSafetyCheck() == false, "nothing changed since the last question")
        }
        try await settle()
        let edges = try await world.engine.graph(of: world.userID).inspect { store throws(StoreError) in
            try store.effectiveEdges()
        }
        try await world.engine.setPolicyEdges(userID: world.userID, Array(edges.dropFirst()))
        #expect(try await checker.needsSafetyCheck(), "the effective edges changed")
        try await settle()
        _ = try await world.engine.unlinkAccount(world.accounts[2].accountID)
        #expect(try await checker.needsSafetyCheck(), "an account is being unlinked")
        try await settle()
    }
}
