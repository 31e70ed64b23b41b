import Foundation
import TMinusCore
import TMinusEngine
import TMinusSimulation

/// Runs a world whose engine keeps its SQLite files in a fresh temporary directory (so the engine
/// can crash and restart from disk), removed afterwards.
enum FileBackedWorld {
    static func run(
        named name: String, seed: UInt64, accounts: [ProviderKind], trace: any TraceSink = NullTraceSink(),
        _ configure: (inout WorldRunConfiguration) -> Void
    ) async throws -> WorldRunReport {
        try await with(named: name, seed: seed, accounts: accounts, trace: trace) { world in
            var configuration = WorldRunConfiguration()
            configuration.duration = .seconds(12 * 3600)
            configuration.tick = .seconds(600)
            configure(&configuration)
            return try await WorldDriver(world: world, seed: SimulationSeed(seed)).run(configuration)
        }
    }

    /// Builds the world and hands it to `body`.
    static func with<T>(
        named name: String, seed: UInt64, accounts: [ProviderKind], trace: any TraceSink = NullTraceSink(),
        _ body: (SyncWorld) async throws -> T
    ) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tminus-world-\(name)-\(seed)-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        let world = try await SyncWorld.build(
            seed: SimulationSeed(seed), clock: clock, trace: trace, accounts: accounts,
            storage: EngineStorage(directory: directory.path))
        return try await body(world)
    }
}
