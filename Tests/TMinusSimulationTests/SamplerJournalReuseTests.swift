import TMinusCore
import TMinusSimulation
import Testing

/// The report sampler skips the journal while the user graph's change stamp stands still; in
/// cross-check mode it reads at every step and compares. The series and counters of the two
/// modes must be the same, in worlds where humans tamper with mirrors (drift found and repaired).
struct SamplerJournalReuseTests {
    @Test(arguments: [UInt64(61), 62, 63])
    func seriesAreTheSameWhetherTheJournalIsSkippedOrReadAtEveryStep(seed: UInt64) async throws {
        // In memory, as scenario runs keep the engine's files: the graph's connection owns its
        // database alone, so its change stamp exists and the sampler can skip.
        func run(crossCheck: Bool) async throws -> WorldRunReport {
            let world = try await SyncWorld.build(
                seed: SimulationSeed(seed), clock: ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400)),
                trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
            var configuration = WorldRunConfiguration()
            configuration.duration = .seconds(12 * 3600)
            configuration.tick = .seconds(600)
            configuration.crossCheck = crossCheck
            configuration.rates.tamperEdit = Ratio(1, 6)
            configuration.rates.tamperDelete = Ratio(1, 12)
            return try await WorldDriver(world: world, seed: SimulationSeed(seed)).run(configuration)
        }
        let skipping = try await run(crossCheck: false)
        let reading = try await run(crossCheck: true)
        #expect(skipping.violations.isEmpty && reading.violations.isEmpty, "seed \(seed)")
        #expect(skipping.counters.driftFound > 0 && skipping.counters.driftRepaired > 0, "seed \(seed): \(skipping.counters)")
        #expect(skipping.counters == reading.counters, "seed \(seed)")
        #expect(skipping.series == reading.series, "seed \(seed)")
    }
}
