import TMinusCore
import TMinusSimulation

/// `tminus bench sim`: measures the simulation kernel. A benchmark never fails: it prints numbers
/// and how they compare with the targets, and exits 0.
///
/// Reported, best of `--repeat` runs (wall time is read here, in the CLI layer, and nowhere else):
/// - the kernel-check workload as real async code on the simulator: jobs/s, timer events/s and the
///   time compression ratio (virtual seconds per wall second);
/// - the same workload as synchronous run-to-completion handlers on the same kernel, and the
///   async/sync wall-time ratio (target: within 5×);
/// - raw kernel throughput on trivial jobs (`Task.yield`) and trivial timers (target ≥ 1M jobs/s).
struct BenchSimCommand: CLICommand {
    static let name = "sim"
    static let abstract = "Benchmark the simulation kernel against a synchronous baseline."
    static let usage = "tminus bench sim [--seed N] [--requests N] [--repeat N]"
    static let discussion = """
        Build with -c release for meaningful numbers. Targets: at least 1M jobs per second, and \
        the async workload within 5x of the synchronous baseline's wall time.
        """
    static let options: [OptionSpec] = [
        .option("--seed", value: "N", help: "The workload seed (default 1)."),
        .option("--requests", value: "N", help: "Requests in the workload (default 20000)."),
        .option("--repeat", value: "N", help: "Runs per measurement; the best is reported (default 3)."),
    ]

    let seed: UInt64
    let requests: Int
    let repetitions: Int

    init(parsed: ParsedArguments) throws(CommandLineError) {
        seed = try parsed.seed("--seed") ?? 1
        requests = try parsed.int("--requests", in: 1...10_000_000) ?? 20_000
        repetitions = try parsed.int("--repeat", in: 1...50) ?? 3
    }

    /// One measured run.
    private struct Sample {
        var wallNanoseconds: Int64
        var jobs: Int
        var timers: Int
        var virtualNanoseconds: Int64
    }

    func run(_ io: CommandIO) -> ExitCode {
        SimulationRuntime.installIfNeeded()
        io.print("bench sim: seed=\(seed) requests=\(requests) best of \(repetitions)")
        let async = best { measureAsyncWorkload() }
        let sync = best { measureSyncBaseline() }
        let yields = best { measureYields(count: 1_000_000) }
        let sleeps = best { measureSleeps(tasks: 100, sleepsPerTask: 2_000) }
        io.print(line("async workload", async, unit: "jobs"))
        io.print(line("sync baseline ", sync, unit: "events"))
        let ratio = Double(async.wallNanoseconds) / Double(max(1, sync.wallNanoseconds))
        io.print("async/sync wall ratio: \(BenchFormat.fixed(ratio, 2))x (target <= 5x: \(ratio <= 5 ? "met" : "MISSED"))")
        io.print(line("raw Task.yield", yields, unit: "jobs"))
        io.print(line("raw clock sleeps", sleeps, unit: "jobs"))
        let bestJobRate = BenchFormat.rate(yields.jobs, yields.wallNanoseconds)
        let verdict = bestJobRate >= 1_000_000 ? "met" : "MISSED"
        io.print("raw jobs/s: \(BenchFormat.compact(bestJobRate)) (target >= 1M: \(verdict))")
        return .success
    }

    private func best(_ measure: () -> Sample) -> Sample {
        var fastest = measure()
        for _ in 1..<repetitions {
            let sample = measure()
            if sample.wallNanoseconds < fastest.wallNanoseconds { fastest = sample }
        }
        return fastest
    }

    private func measureAsyncWorkload() -> Sample {
        let simulator = Simulator(seed: SimulationSeed(seed))
        var options = KernelCheckWorkload.Options()
        options.requests = requests
        let workload = KernelCheckWorkload(simulator: simulator, options: options)
        return measure(simulator) { _ = try await workload.run() }
    }

    private func measureSyncBaseline() -> Sample {
        let scheduler = SimScheduler(seed: SimulationSeed(seed))
        let trace = SimTrace(scheduler: scheduler)
        var options = KernelCheckWorkload.Options()
        options.requests = requests
        let baseline = KernelCheckBaseline(
            scheduler: scheduler, trace: trace, seed: SimulationSeed(seed), options: options)
        let clock = ContinuousClock()
        let started = clock.now
        _ = baseline.run()
        let wall = started.duration(to: clock.now).nanoseconds
        let statistics = scheduler.statistics
        return Sample(
            wallNanoseconds: wall, jobs: statistics.jobsRun, timers: statistics.timersFired,
            virtualNanoseconds: scheduler.elapsedNanoseconds)
    }

    private func measureYields(count: Int) -> Sample {
        let simulator = Simulator(seed: SimulationSeed(seed))
        return measure(simulator) {
            for _ in 0..<count { await Task.yield() }
        }
    }

    private func measureSleeps(tasks: Int, sleepsPerTask: Int) -> Sample {
        let simulator = Simulator(seed: SimulationSeed(seed))
        let clock = SimClock(scheduler: simulator.scheduler, component: "bench")
        return measure(simulator) {
            await withDiscardingTaskGroup { group in
                for task in 0..<tasks {
                    group.addTask {
                        for _ in 0..<sleepsPerTask { try? await clock.sleep(for: .microseconds(1 + task)) }
                    }
                }
            }
        }
    }

    private func measure(_ simulator: Simulator, _ root: @escaping @Sendable () async throws -> Void) -> Sample {
        let clock = ContinuousClock()
        let started = clock.now
        let report = simulator.run(root: root)
        let wall = started.duration(to: clock.now).nanoseconds
        return Sample(
            wallNanoseconds: wall, jobs: report.statistics.jobsRun, timers: report.statistics.timersFired,
            virtualNanoseconds: report.elapsed.nanoseconds)
    }

    private func line(_ name: String, _ sample: Sample, unit: String) -> String {
        let compression = Double(sample.virtualNanoseconds) / Double(max(1, sample.wallNanoseconds))
        return "\(name): wall=\(BenchFormat.fixed(Double(sample.wallNanoseconds) / 1e9, 4))s "
            + "\(unit)=\(sample.jobs) \(unit)/s=\(BenchFormat.compact(BenchFormat.rate(sample.jobs, sample.wallNanoseconds))) "
            + "timers=\(sample.timers) timers/s=\(BenchFormat.compact(BenchFormat.rate(sample.timers, sample.wallNanoseconds))) "
            + "virtual=\(BenchFormat.fixed(Double(sample.virtualNanoseconds) / 1e9, 3))s "
            + "compression=\(BenchFormat.fixed(compression, 1))x"
    }



}
