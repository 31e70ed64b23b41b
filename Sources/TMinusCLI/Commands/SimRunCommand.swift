import TMinusCore
import TMinusSimulation

/// `tminus sim run`: runs scenario files with one or many seeds in the deterministic simulator,
/// prints `SEED=` and a one-line verdict per run and a summary table, and writes the reports
/// (JSON summary, JUnit XML, one HTML page).
///
/// Exit status: 0 when every run met its scenario's expectations, 1 when any failed (each failure
/// prints the invariant, the seed and the exact replay command), 65 for an invalid scenario file
/// (nothing runs), 70 when this build has no scenario executor.
struct SimRunCommand: CLICommand {
    static let name = "run"
    static let abstract = "Run scenarios and print a verdict per scenario and seed."
    static let usage = "tminus sim run <scenario.json|dir>... [--seed N] [--seeds A..B] [--report DIR] [--quiet]"
    static let discussion = """
        Each argument is a scenario file or a directory of them (scenarios/ holds the suite). Every \
        run starts with SEED=, then prints its verdict: scenario, seed, verdict, trace digest, \
        virtual time and wall time. Without --seed or --seeds each scenario runs with its own \
        default seed. A failed run prints what broke, the seed and the command that replays it.

        Reports go to reports/ (or --report DIR): summary.json (versioned), junit.xml (one test \
        case per scenario and seed) and index.html (verdicts, invariants, plots over virtual time).

        Exit status: 0 all passed, 1 some run failed, 65 invalid scenario file, 70 no executor.
        """
    static let options: [OptionSpec] = [
        .positional("scenario.json|dir", help: "Scenario files or directories of them.", repeating: true),
        .option("--seed", value: "N", help: "Run every scenario with this seed (decimal or a 40-hex commit hash)."),
        .option("--seeds", value: "A..B", help: "Run every scenario with each seed from A to B inclusive."),
        .option("--report", value: "DIR", help: "Where to write the reports (default reports)."),
        .flag("--no-wall-clock", help: "Leave wall-clock times out of the reports, so equal runs give equal files."),
        .flag("--quiet", short: "q", help: "Print only failures and the summary; no progress line."),
    ]

    let paths: [String]
    let seed: UInt64?
    let seeds: ClosedRange<UInt64>?
    let reportDirectory: String
    let wallClockInReports: Bool
    let quiet: Bool

    init(parsed: ParsedArguments) throws(CommandLineError) {
        paths = parsed.strings("scenario.json|dir")
        seed = try parsed.seed("--seed")
        seeds = try parsed.range("--seeds")
        reportDirectory = parsed.string("--report") ?? "reports"
        wallClockInReports = !parsed.flag("--no-wall-clock")
        quiet = parsed.flag("--quiet")
    }

    func validate() throws(CommandLineError) {
        if seed != nil && seeds != nil { throw .invalid("give --seed or --seeds, not both") }
        if let seeds, seeds.upperBound - seeds.lowerBound >= 1_000_000 {
            throw .invalid("--seeds covers more than 1,000,000 seeds; split the range (or use 'tminus sim fuzz')")
        }
    }

    func run(_ io: CommandIO) -> ExitCode {
        run(io, executor: ScenarioExecutors.current)
    }

    /// The command with an explicit executor (tests pass nil to see the missing-executor path).
    func run(_ io: CommandIO, executor registered: (any ScenarioExecutor)?) -> ExitCode {
        guard let scenarios = SimScenarioSupport.load(paths, io: io) else { return .dataError }
        guard let executor = SimScenarioSupport.executor(registered, io: io) else { return .software }
        SimulationRuntime.installIfNeeded()
        let clock = ContinuousClock()
        let started = clock.now
        let plan = scenarios.flatMap { scenario in seedList(for: scenario).map { (scenario, $0) } }
        let results = execute(plan, runner: ScenarioRunner(executor: executor), io: io)
        SimRunSummary.print(results, io: io)
        let options = ReportOptions(
            command: commandLine,
            generated: wallClockInReports ? .init(at: SimScenarioSupport.now(), wallTime: clock.now - started) : nil)
        do {
            let files = try SimReportFiles.write(results, options: options, directory: reportDirectory)
            io.print("reports: \(files.joined(separator: " "))")
        } catch {
            io.printError("tminus: error: \(error)")
            return .failure
        }
        return results.allSatisfy(\.passed) ? .success : .failure
    }

    private func execute(_ plan: [(Scenario, UInt64)], runner: ScenarioRunner, io: CommandIO) -> [ScenarioRunResult] {
        let progress = SimRunProgress(io: io, total: plan.count, quiet: quiet)
        var results: [ScenarioRunResult] = []
        var failed = 0
        var violations = 0
        for (scenario, seed) in plan {
            progress.clear()
            if !quiet { io.print("SEED=\(seed) scenario=\(scenario.name)") }
            let result = SimScenarioSupport.run(runner, scenario, seed: seed)
            if !quiet || !result.passed { io.print(SimScenarioSupport.verdictLine(result)) }
            if !result.passed {
                failed += 1
                SimScenarioSupport.printFailure(result, io: io)
            }
            violations += result.outcome?.violations.count ?? 0
            results.append(result)
            progress.update(done: results.count, failed: failed, violations: violations)
        }
        progress.clear()
        return results
    }

    private func seedList(for scenario: Scenario) -> [UInt64] {
        if let seed { return [seed] }
        if let seeds { return Array(seeds) }
        return [scenario.seed]
    }

    /// The command as typed, for the reports.
    private var commandLine: String {
        var words = ["tminus", "sim", "run"] + paths.map(ScenarioRunner.shellQuoted)
        if let seed { words += ["--seed", String(seed)] }
        if let seeds { words += ["--seeds", "\(seeds.lowerBound)..\(seeds.upperBound)"] }
        return words.joined(separator: " ")
    }
}
