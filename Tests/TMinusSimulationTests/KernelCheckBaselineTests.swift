import TMinusCore
import Testing

@testable import TMinusSimulation

/// The synchronous baseline runs in-process on the plain kernel API, so its determinism can be
/// tested without a subprocess.
@Suite struct KernelCheckBaselineTests {
    private func run(seed: UInt64, workloadSeed: UInt64? = nil) -> (summary: KernelCheckSummary, trace: SimTrace) {
        let scheduler = SimScheduler(seed: SimulationSeed(seed))
        let trace = SimTrace(scheduler: scheduler, recentCapacity: 10_000)
        var options = KernelCheckWorkload.Options()
        options.requests = 500
        options.workloadSeed = workloadSeed.map(SimulationSeed.init)
        let summary = KernelCheckBaseline(
            scheduler: scheduler, trace: trace, seed: SimulationSeed(seed), options: options
        ).run()
        return (summary, trace)
    }

    @Test(arguments: [1, 42] as [UInt64])
    func sameSeedGivesTheSameDigest(seed: UInt64) {
        #expect(run(seed: seed).trace.digest == run(seed: seed).trace.digest)
    }

    @Test func differentSeedsGiveDifferentDigests() {
        #expect(run(seed: 1).trace.digest != run(seed: 2).trace.digest)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func transfersConserveMoney(seed: UInt64) {
        let summary = run(seed: seed).summary
        #expect(summary.totalBalance == 64 * 1_000)
        #expect(summary.requests == 500)
        #expect(summary.transfers > 0)
    }
}
