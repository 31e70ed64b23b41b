import TMinusCore
import TMinusEngine
import TMinusSimulation
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
}
