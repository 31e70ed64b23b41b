import TMinusSimulation

/// The fuzz half of `tminus bench world`: generated scenarios (``FuzzCampaign``, the library behind
/// `tminus sim fuzz`) run one after another for a range of fuzz seeds. Reports fuzz seeds per
/// minute, simulated user-days per wall second over those scenarios (each generated scenario is
/// one user over its duration), and what that projects for the issue's target of 1,000 fuzzed
/// user-weeks in under 60 s on 2 cores (two processes, one seed shard each, as
/// `sim fuzz --shard i/2` runs them).
struct BenchFuzzRate {
    let seeds: ClosedRange<UInt64>

    /// The target: 1,000 user-weeks within this many seconds on 2 cores.
    static let targetSeconds = 60.0

    func run(_ io: CommandIO) {
        let campaign = FuzzCampaign(executor: WorldScenarioExecutor())
        let (outcome, wall, cpu) = BenchSample.timed {
            var days = 0.0
            var failures = 0
            campaign.run(seeds: seeds, onRun: { run in
                days += BenchWorldCommand.days(run.scenario)
                if !run.passed { failures += 1 }
            })
            return (days, failures)
        }
        let perMinute = Double(seeds.count) * 60 / max(wall, 1e-9)
        let daysPerSecond = outcome.0 / max(wall, 1e-9)
        let projected = 7_000 / max(daysPerSecond * 2, 1e-9)
        io.print(
            "fuzz: \(seeds.count) seeds in wall=\(BenchFormat.fixed(wall, 2))s cpu=\(BenchFormat.fixed(cpu, 2))s: "
                + "\(BenchFormat.fixed(perMinute, 1)) seeds/min, \(BenchFormat.fixed(outcome.0, 1)) user-days "
                + "(\(BenchFormat.fixed(daysPerSecond, 2)) user-days/s; \(outcome.1) runs failed)")
        io.print(
            "fuzz: 1,000 user-weeks on 2 cores projected at \(BenchFormat.fixed(projected, 1)) s "
                + "(target < \(BenchFormat.fixed(Self.targetSeconds, 0)) s: \(projected < Self.targetSeconds ? "met" : "MISSED"))")
    }
}
