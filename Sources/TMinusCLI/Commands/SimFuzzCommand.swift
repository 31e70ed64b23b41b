import TMinusCore
import TMinusSimulation

/// `tminus sim fuzz`: runs generated scenarios (``FuzzCampaign``), one per fuzz seed, across every
/// fault kind the world injects; writes each failing scenario to a file, shrinks the first failure
/// of each kind to a small scenario file that still fails the same way, and writes the reports.
///
/// Exit status as for `sim run`: 0 every run passed, 1 some run failed (each failure prints the
/// invariant, the seed, the scenario file and the replay command), 64 bad command line, 70 no
/// executor; 2 for `--defect` in a binary without seeded defects.
struct SimFuzzCommand: CLICommand {
    static let name = "fuzz"
    static let abstract = "Run generated scenarios; shrink each failure to a small scenario file."
    static let usage =
        "tminus sim fuzz [--seeds N] [--from-seed F] [--time-budget S] [--shard i/n] [--length short|long] [--report DIR] "
        + "[--quiet] [--seed N]"
    static let discussion = """
        Fuzz seed s generates scenario fuzz-s (one user, 2 to 5 Google, Microsoft and CalDAV \
        accounts, a policy graph, a workload, scripted human steps and a mix of the fault kinds this \
        world injects) and runs it with seed s. Seeds 1 to N run in order (default 100), or F to N \
        with --from-seed F (a campaign that goes on where an earlier one stopped); with \
        --time-budget alone they run until the budget is spent; with both, whichever ends first. \
        --shard i/n runs only the seeds s with (s - 1) mod n = i - 1, so n machines split a \
        campaign without overlap. Most runs last 6 to 36 hours and one in 16 lasts 2 to 7 days; \
        --length long runs only the seeds whose runs last days (what only time brings: repeated \
        reconciles, channel renewals, several days of change logs), --length short only the others. \
        --seed N runs just fuzz seed N (the replay of any fuzz run); with \
        --print it prints that seed's scenario file instead.

        A failing scenario is written to DIR/fuzz-s.json with the command that replays it. The \
        first failure of each kind (the invariant it violates) is then shrunk: accounts, steps, \
        faults, the workload, the fault phase and the fault windows are cut down while it still \
        fails with the same invariant, and the result is written to DIR/fuzz-s-shrunk.json and \
        checked once more from the file. Reports as for 'sim run' go to DIR (default reports/fuzz).

        Exit status: 0 all passed, 1 some run failed, 64 bad arguments, 70 no executor, 2 \
        --defect without seeded defects in this binary (scripts/mutants.sh builds one).
        """
    static let options: [OptionSpec] = [
        .option("--seeds", value: "N", help: "Run fuzz seeds 1 to N (default 100)."),
        .option("--from-seed", value: "F", help: "Start at fuzz seed F instead of 1 (F <= N)."),
        .option("--time-budget", value: "S", help: "Start no new seed after this much wall time (90, 5m, 1h)."),
        .option("--shard", value: "i/n", help: "Run only shard i of n of the seeds (1 <= i <= n)."),
        .option("--length", value: "short|long", help: "Run only the seeds whose runs last hours (short) or days (long)."),
        .option("--seed", value: "N", help: "Run only fuzz seed N."),
        .option("--report", value: "DIR", help: "Where to write reports and scenario files (default reports/fuzz)."),
        .option("--shrink-runs", value: "N", help: "Most runs spent shrinking one failure (default 150; 0: no shrinking)."),
        .option(
            "--exclude", value: "NAME", help: "Generate no step action or fault kind of this name (repeatable).",
            repeatable: true),
        .option("--defect", value: "NAME", help: "Switch this seeded defect on (mutant builds only)."),
        .flag("--stop-on-failure", help: "Start no new seed after the first failure (then shrink it)."),
        .flag("--print", help: "With --seed: print the generated scenario file instead of running it."),
        .flag("--no-wall-clock", help: "Leave wall-clock times out of the reports."),
        .flag("--quiet", short: "q", help: "Print only failures and the summary; no progress line."),
    ]

    let seedCount: UInt64?
    /// The first seed of the campaign (`--from-seed`), 1 unless given.
    let firstSeed: UInt64
    let timeBudget: Duration?
    let shard: FuzzShard?
    /// Only seeds whose runs are this long (`--length`); every seed when nil.
    let length: FuzzRunLength?
    let single: UInt64?
    let reportDirectory: String
    let shrinkRuns: Int
    let defect: SeededDefect?
    /// Step actions and fault kinds left out of the generated scenarios.
    let excluded: [String]
    let stopOnFailure: Bool
    let printOnly: Bool
    let wallClockInReports: Bool
    let quiet: Bool

    init(parsed: ParsedArguments) throws(CommandLineError) {
        seedCount = try parsed.int("--seeds", in: 1...100_000_000).map { UInt64($0) }
        firstSeed = try parsed.int("--from-seed", in: 1...100_000_000).map { UInt64($0) } ?? 1
        timeBudget = try parsed.duration("--time-budget")
        shard = try parsed.convert("--shard", expected: "i/n with 1 <= i <= n, like 2/4") { FuzzShard(parsing: $0) }
        length = try parsed.convert("--length", expected: "short (runs of hours) or long (runs of days)") {
            FuzzRunLength(rawValue: $0)
        }
        single = try parsed.seed("--seed")
        reportDirectory = parsed.string("--report") ?? "reports/fuzz"
        shrinkRuns = try parsed.int("--shrink-runs", in: 0...100_000) ?? 150
        let names = SeededDefect.allCases.map(\.rawValue)
        defect = try parsed.convert("--defect", expected: "a seeded defect: \(names.joined(separator: ", "))") {
            SeededDefect(rawValue: $0)
        }
        excluded = parsed.strings("--exclude")
        for name in excluded where FaultKind(name: name) == nil && !ScenarioAction.names.contains(name) {
            throw .invalidValue(
                option: "--exclude", value: name,
                expected: "a step action (\(ScenarioAction.names.joined(separator: ", "))) or a fault kind ("
                    + FaultKind.names.joined(separator: ", ") + ")")
        }
        stopOnFailure = parsed.flag("--stop-on-failure")
        printOnly = parsed.flag("--print")
        wallClockInReports = !parsed.flag("--no-wall-clock")
        quiet = parsed.flag("--quiet")
    }

    func validate() throws(CommandLineError) {
        if single != nil && (seedCount != nil || timeBudget != nil || shard != nil || firstSeed != 1 || length != nil) {
            throw .invalid(
                "--seed runs one fuzz seed; give it without --seeds, --from-seed, --time-budget, --shard and --length")
        }
        if firstSeed > 1, seedCount ?? (timeBudget == nil ? 100 : UInt64.max) < firstSeed {
            throw .invalid(
                "--from-seed \(firstSeed) is past the last seed; --seeds N names the last seed to run (N >= F), "
                    + "like --from-seed 20001 --seeds 30000")
        }
        if printOnly && single == nil { throw .invalid("--print shows one generated scenario; give it with --seed N") }
        if single == 0 { throw .invalid("fuzz seeds start at 1; --seed 0 does not exist") }
        if let timeBudget, timeBudget <= .zero { throw .invalid("--time-budget must be longer than zero") }
    }

    /// The seeds to run, in order.
    var seeds: LazyFilterSequence<StrideThrough<UInt64>> {
        let length = length
        return range.lazy.filter { length == nil || FuzzRunLength(seed: $0) == length }
    }

    /// The seeds of the range and shard, before `--length` picks among them.
    private var range: StrideThrough<UInt64> {
        if let single { return stride(from: single, through: single, by: 1) }
        let total = seedCount ?? (timeBudget == nil ? 100 : nil)
        return (shard ?? .whole).seeds(from: firstSeed, upTo: total)
    }

    /// How many seeds will run, when that is known in advance (counted, with `--length`: one short
    /// draw per seed of the range).
    var plannedRuns: Int? {
        if single != nil { return 1 }
        guard seedCount != nil || timeBudget == nil else { return nil }
        return length == nil ? range.underestimatedCount : seeds.reduce(0) { count, _ in count + 1 }
    }

    func run(_ io: CommandIO) -> ExitCode {
        run(io, executor: ScenarioExecutors.current)
    }

    /// The command with an explicit executor (tests pass nil to see the missing-executor path).
    func run(_ io: CommandIO, executor registered: (any ScenarioExecutor)?) -> ExitCode {
        if defect != nil && !Defects.isCompiledIn {
            io.printError(
                "tminus: this binary has no seeded defects (a normal build never does), so --defect cannot switch "
                    + "one on; build one with scripts/mutants.sh (it uses -DTMINUS_SEEDED_DEFECTS)")
            return ExitCode(2)
        }
        guard let executor = SimScenarioSupport.executor(registered, io: io) else { return .software }
        if printOnly, let single {
            io.stdout.write(ScenarioEncoder.encode(generator(for: executor).scenario(seed: single)))
            return .success
        }
        SimulationRuntime.installIfNeeded()
        let campaign = FuzzCampaign(executor: executor, generator: generator(for: executor), defect: defect)
        let session = SimFuzzSession(command: self, campaign: campaign, io: io)
        return session.run()
    }

    /// The generator: every fault kind the executor injects and every action, less `--exclude`.
    func generator(for executor: any ScenarioExecutor) -> ScenarioGenerator {
        ScenarioGenerator(
            faultKinds: FaultKind.allCases.filter { executor.injects($0) && !excluded.contains($0.description) },
            excludedActions: Set(excluded.filter(ScenarioAction.names.contains)))
    }

    /// `tminus sim fuzz --seed N` (with `--defect` when one is on): the replay of one fuzz run.
    func replayCommand(seed: UInt64) -> String {
        var words = ["tminus", "sim", "fuzz", "--seed", String(seed)]
        for name in excluded { words += ["--exclude", name] }
        if let defect { words += ["--defect", defect.rawValue] }
        return words.joined(separator: " ")
    }

    /// The campaign's first line: the seeds, the shard, the budget, the run length, the fault kinds
    /// generated (`faultKinds`), what is excluded and the seeded defect.
    func headerLine(faultKinds kinds: [FaultKind]) -> String {
        var line = "fuzz: "
        if let single {
            line += "seed \(single)"
        } else {
            let last = seedCount.map(String.init) ?? (timeBudget == nil ? "100" : "")
            line += "seeds \(firstSeed)..\(last)" + (shard.map { ", shard \($0)" } ?? "")
            if let budget = timeBudget { line += ", time budget \(SimScenarioSupport.seconds(budget))" }
            if let length { line += ", \(length.rawValue) runs only" }
        }
        line += "; \(kinds.count) of \(FaultKind.allCases.count) fault kinds"
        if !excluded.isEmpty { line += "; excluded: \(excluded.joined(separator: ", "))" }
        if let defect { line += "; seeded defect \(defect.rawValue) on" }
        return line
    }

    /// The command as typed, for the reports.
    var commandLine: String {
        var words = ["tminus", "sim", "fuzz"]
        if let seedCount { words += ["--seeds", String(seedCount)] }
        if firstSeed != 1 { words += ["--from-seed", String(firstSeed)] }
        if let timeBudget { words += ["--time-budget", String(timeBudget.components.seconds)] }
        if let shard { words += ["--shard", shard.description] }
        if let length { words += ["--length", length.rawValue] }
        if let single { words += ["--seed", String(single)] }
        for name in excluded { words += ["--exclude", name] }
        if let defect { words += ["--defect", defect.rawValue] }
        if stopOnFailure { words.append("--stop-on-failure") }
        return words.joined(separator: " ")
    }
}
