import TMinusCore
import TMinusSimulation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `tminus bench world`: how fast the whole simulated world runs. A benchmark never fails: it
/// prints numbers and how they compare with the targets, and exits 0.
///
/// Runs ``BenchScenarios/fiveAccountWeekName`` (a realistic week of a person with five accounts
/// across Google, Microsoft and CalDAV) exactly as `sim run` would — engine, fakes, faults,
/// checker, sampled series — and reports, best of `--repeat` runs, the wall and CPU time of one
/// simulated week, simulated user-days per wall second and the time compression (virtual time per
/// wall time). Target (issue 8): a week in under 0.6 s of wall time (at least 10⁶× compression).
/// Wall time is read here, in the CLI layer, and nowhere else; the run itself stays deterministic
/// (its digest is printed, so two benchmarks of the same binary can be checked to run the same).
struct BenchWorldCommand: CLICommand {
    static let name = "world"
    static let abstract = "Measure simulated user-days per wall second for a 5-account user's week."
    static let usage = "tminus bench world [--seed N] [--repeat N] [--fuzz-seeds N]"
    static let discussion = """
        Build with -c release for meaningful numbers: swift run -c release tminus bench world. Target: a simulated \
        week of a 5-account user in under 0.6 s of wall time (>= 10^6x time compression). On a shared machine \
        compare the CPU time and repeat; the best of --repeat runs is reported. Then runs --fuzz-seeds generated \
        scenarios (as tminus sim fuzz does) and reports fuzz seeds per minute and the projected time of 1,000 \
        fuzzed user-weeks on 2 cores (target: under 60 s). After each week it runs a fixed baseline (raw SQLite \
        inserts into an in-memory database) and reports the week's CPU and wall time as multiples of the \
        baseline's, which compare across machines and loads, and the process's peak resident memory.
        """
    static let options: [OptionSpec] = [
        .option("--seed", value: "N", help: "The run's seed (default: the bench scenario's own, 7001)."),
        .option("--repeat", value: "N", help: "Runs; the fastest is reported (default 3)."),
        .option("--fuzz-seeds", value: "N", help: "Fuzz seeds to time, 0 to skip (default 10)."),
    ]

    /// The week's wall-time target.
    static let targetSeconds = 0.6

    let seed: UInt64?
    let repetitions: Int
    let fuzzSeeds: Int

    init(parsed: ParsedArguments) throws(CommandLineError) {
        seed = try parsed.seed("--seed")
        repetitions = try parsed.int("--repeat", in: 1...50) ?? 3
        fuzzSeeds = try parsed.int("--fuzz-seeds", in: 0...100_000) ?? 10
    }

    func run(_ io: CommandIO) -> ExitCode {
        SimulationRuntime.installIfNeeded()
        let scenario: Scenario
        do {
            scenario = try BenchScenarios.fiveAccountWeek()
        } catch {
            io.printError("tminus: error: the bench scenario does not decode: \(error)")
            return .software
        }
        let runSeed = seed ?? scenario.seed
        let accounts = scenario.users.first?.accounts.map(\.provider.rawValue).joined(separator: ", ") ?? ""
        io.print("bench world: \(scenario.name) seed=\(runSeed) (\(accounts)), best of \(repetitions)")
        var best: BenchSample?
        var baseline = BenchBaseline()
        let memoryBefore = PeakMemory.bytes()
        for _ in 0..<repetitions {
            let sample = BenchSample.measure { ScenarioRunner(executor: WorldScenarioExecutor()).run(scenario, seed: runSeed) }
            io.print("  run: " + sample.line(days: Self.days(scenario)))
            if best.map({ sample.wallSeconds < $0.wallSeconds }) ?? true { best = sample }
            do {
                try baseline.sample()
            } catch {
                io.printError("tminus: error: the baseline workload failed: \(error)")
                return .software
            }
        }
        guard let best else { return .success }
        let days = Self.days(scenario)
        io.print("best: " + best.line(days: days))
        if let checks = best.checks { io.print(checks) }
        for line in baseline.lines(week: best) { io.print(line) }
        let memoryPeak = PeakMemory.bytes()
        io.print(
            "memory: peak resident \(BenchFormat.fixed(Double(memoryPeak) / 1_048_576, 1)) MiB "
                + "(\(BenchFormat.fixed(Double(memoryPeak) / Double(max(memoryBefore, 1)), 1))x the "
                + "\(BenchFormat.fixed(Double(memoryBefore) / 1_048_576, 1)) MiB before the first run)")
        let met = best.wallSeconds < Self.targetSeconds
        io.print(
            "week wall time: \(BenchFormat.fixed(best.wallSeconds, 3)) s "
                + "(target < \(Self.targetSeconds) s, >= 10^6x compression: \(met ? "met" : "MISSED"))")
        if fuzzSeeds > 0 { BenchFuzzRate(seeds: 1...UInt64(fuzzSeeds)).run(io) }
        return .success
    }

    /// Simulated days of the scenario's faulted phase (what a user lives through).
    static func days(_ scenario: Scenario) -> Double {
        Double(scenario.duration.components.seconds) / 86_400
    }
}

/// One timed scenario run: wall and process CPU time, the virtual time it covered, its verdict.
struct BenchSample {
    var wallSeconds: Double
    var cpuSeconds: Double
    var virtualSeconds: Double
    var verdict: String
    var digest: String
    /// How the run's safety checks were scheduled (the outcome's note), when it says.
    var checks: String?

    /// Runs `body` once and times it.
    static func measure(_ body: () -> ScenarioRunResult) -> BenchSample {
        let (result, wall, cpu) = timed(body)
        return BenchSample(
            wallSeconds: wall, cpuSeconds: cpu, virtualSeconds: Double(result.virtualTime.nanoseconds) / 1e9,
            verdict: result.evaluation.verdict.rawValue, digest: String(result.digest.prefix(12)),
            checks: result.outcome?.notes.first { $0.hasPrefix("safety checks") })
    }

    /// `body`'s value with the wall and process CPU seconds it took (the CLI layer's clocks).
    static func timed<T>(_ body: () -> T) -> (value: T, wallSeconds: Double, cpuSeconds: Double) {
        let clock = ContinuousClock()
        let cpuBefore = processCPUSeconds()
        let started = clock.now
        let value = body()
        let wall = started.duration(to: clock.now)
        return (value, Double(wall.nanoseconds) / 1e9, processCPUSeconds() - cpuBefore)
    }

    /// `wall=…s cpu=…s user-days/s=… compression=…x verdict=… digest=…`.
    func line(days: Double) -> String {
        "wall=\(BenchFormat.fixed(wallSeconds, 3))s cpu=\(BenchFormat.fixed(cpuSeconds, 3))s "
            + "user-days/s=\(BenchFormat.fixed(days / max(wallSeconds, 1e-9), 1)) "
            + "compression=\(BenchFormat.fixed(virtualSeconds / max(wallSeconds, 1e-9) / 1e6, 2))Mx "
            + "verdict=\(verdict) digest=\(digest)"
    }

    /// CPU time this process has used so far, in seconds (all threads).
    static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
