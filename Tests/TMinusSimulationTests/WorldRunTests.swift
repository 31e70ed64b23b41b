import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// Whole-world runs on a manual clock: humans, pushes, cron and the engine against the fakes,
/// then healing and the convergence check (the checker reads the fakes' true state).
struct WorldRunTests {
    static func run(seed: UInt64, accounts: [ProviderKind] = [.google, .google, .google], _ tweak: (inout WorldRunConfiguration) -> Void)
        async throws -> WorldRunReport
    {
        let simulationSeed = SimulationSeed(seed)
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        let world = try await SyncWorld.build(seed: simulationSeed, clock: clock, trace: NullTraceSink(), accounts: accounts)
        var configuration = WorldRunConfiguration()
        configuration.duration = .seconds(12 * 3600)
        configuration.tick = .seconds(600)
        tweak(&configuration)
        return try await WorldDriver(world: world, seed: simulationSeed).run(configuration)
    }

    /// Stale cursors now and then, one request in 15 timing out after the provider applied it, one
    /// connection in 30 reset.
    static func staleCursorsAndLostResponses(_ configuration: inout WorldRunConfiguration, cursorInvalidation: Ratio) {
        configuration.cursorInvalidation = cursorInvalidation
        configuration.networkFaults = NetworkFaults(rules: [
            NetworkFaultRule(.timeoutAfterApply, probability: Ratio(1, 15)),
            NetworkFaultRule(.connectionReset, probability: Ratio(1, 30)),
        ])
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func threeAccountsWithHumansAndTamperingConvergeWithoutViolations(seed: UInt64) async throws {
        let report = try await Self.run(seed: seed) { _ in }
        #expect(report.violations.isEmpty, "seed \(seed): \(report.violations)")
        #expect(report.convergenceTime != nil, "seed \(seed) did not converge")
        #expect(report.messagesHandled > 0)
    }

    @Test(arguments: [11, 12] as [UInt64])
    func googleMicrosoftAndCalDAVTogetherConvergeWithoutViolations(seed: UInt64) async throws {
        let report = try await Self.run(seed: seed, accounts: [.google, .microsoft, .caldav]) { _ in }
        #expect(report.violations.isEmpty, "seed \(seed): \(report.violations)")
        #expect(report.convergenceTime != nil, "seed \(seed) did not converge")
        #expect(report.mirrorsAtEnd.count == 3)
        #expect(report.mirrorsAtEnd.values.allSatisfy { $0 > 0 }, "every provider holds mirrors: \(report.mirrorsAtEnd)")
    }

    @Test(arguments: [4, 5] as [UInt64])
    func staleCursorsAndLostResponsesStillConverge(seed: UInt64) async throws {
        let report = try await Self.run(seed: seed) { Self.staleCursorsAndLostResponses(&$0, cursorInvalidation: Ratio(1, 20)) }
        #expect(report.violations.isEmpty, "seed \(seed): \(report.violations)")
        #expect(report.convergenceTime != nil, "seed \(seed) did not converge")
    }
}
