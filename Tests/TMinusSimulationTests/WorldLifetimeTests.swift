import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// A world is freed when its run ends: nothing it made keeps it alive. A fuzz campaign runs
/// thousands of worlds in one process; a reference cycle (an account and its adapter, a fake and
/// the engine's push receiver, the transport and a fault's wrapper of a fake) kept each one, with
/// its SQLite databases, until the process ran out of memory.
struct WorldLifetimeTests {
    @Test func aWorldItsEngineAndItsAccountsAreFreedAfterARun() async throws {
        weak var world: SyncWorld?
        weak var engine: Engine?
        weak var account: AccountState?
        do {
            let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
            let built = try await SyncWorld.build(
                seed: SimulationSeed(61), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
            var configuration = WorldRunConfiguration()
            configuration.duration = .seconds(3 * 3600)
            configuration.convergenceDeadline = .seconds(6 * 3600)
            // A pagination-change fault puts a wrapper of every fake on the transport.
            configuration.providerFaults.paginationChanges = [ScopedProviderFault(probability: Ratio(1, 4))]
            let report = try await WorldDriver(world: built, seed: SimulationSeed(61)).run(configuration)
            #expect(report.passed, "\(report.violations.map(\.report))")
            #expect(report.messagesHandled > 0 && report.network.exchanges > 0, "the world did work")
            world = built
            engine = built.engine
            account = try await built.engine.account(built.accounts[0].accountID)
        }
        #expect(world == nil, "the world outlived its run")
        #expect(engine == nil, "the engine outlived its world")
        #expect(account == nil, "an account (and its store) outlived its engine")
    }
}
