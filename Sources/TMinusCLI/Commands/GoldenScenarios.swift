import Foundation
import TMinusSimulation

/// A `golden` subcommand: it takes ``GoldenScenarios/options``, runs the scenarios through
/// ``GoldenScenarios/compare(_:executor:io:)`` and decides what to do with the comparisons.
protocol GoldenCommand: CLICommand {
    /// What the command was asked to run.
    var arguments: GoldenScenarios.Arguments { get }
    /// Creates the command from its parsed arguments.
    init(arguments: GoldenScenarios.Arguments)
    /// What the command does with each scenario's current record next to its golden one.
    func handle(_ comparisons: [GoldenScenarios.Comparison], io: CommandIO) -> ExitCode
}

extension GoldenCommand {
    static var options: [OptionSpec] { GoldenScenarios.options }

    init(parsed: ParsedArguments) throws(CommandLineError) {
        self.init(arguments: GoldenScenarios.Arguments(parsed: parsed))
    }

    func run(_ io: CommandIO) -> ExitCode {
        run(io, executor: ScenarioExecutors.current)
    }

    /// The command with an explicit executor (tests pass nil to see the missing-executor path).
    func run(_ io: CommandIO, executor: (any ScenarioExecutor)?) -> ExitCode {
        switch GoldenScenarios.compare(arguments, executor: executor, io: io) {
        case .failure(let failure): return failure.code
        case .success(let comparisons): return handle(comparisons, io: io)
        }
    }
}

/// What `golden check` and `golden record` share: the default locations, their arguments, running
/// every scenario at its default seed, and reading `golden/scenarios/<name>.txt`.
enum GoldenScenarios {
    /// Where the scenario suite lives by default.
    static let defaultScenarios = "scenarios"
    /// Where golden records live by default.
    static let defaultDirectory = "golden/scenarios"

    /// The options both commands take.
    static let options: [OptionSpec] = [
        .positional(
            "scenario.json|dir", help: "Scenario files or directories (default scenarios).", required: false,
            repeating: true),
        .option("--golden", value: "DIR", help: "Where the golden records live (default golden/scenarios)."),
        .flag("--quiet", short: "q", help: "No progress line."),
    ]

    /// The parsed arguments of both commands.
    struct Arguments: Sendable {
        /// Scenario files or directories; empty for the default suite.
        let paths: [String]
        /// Where the golden records live.
        let directory: String
        /// No progress line.
        let quiet: Bool

        init(parsed: ParsedArguments) {
            paths = parsed.strings("scenario.json|dir")
            directory = parsed.string("--golden") ?? GoldenScenarios.defaultDirectory
            quiet = parsed.flag("--quiet")
        }
    }

    /// One scenario's current record next to its recorded one.
    struct Comparison {
        let result: ScenarioRunResult
        let path: String
        let current: String
        /// The file's text, or nil when there is none.
        let recorded: String?

        var differences: [String] {
            recorded.map { GoldenSummary.differences(recorded: $0, current: current) } ?? []
        }
        var isUnchanged: Bool { recorded == current }
    }

    /// Loads the scenarios, runs each at its default seed, and pairs each with its golden file.
    /// Fails (after printing why) with the exit code to use.
    static func compare(
        _ arguments: Arguments, executor registered: (any ScenarioExecutor)?, io: CommandIO
    ) -> Result<[Comparison], ExitFailure> {
        let (paths, directory) = (arguments.paths, arguments.directory)
        guard let scenarios = SimScenarioSupport.load(paths.isEmpty ? [defaultScenarios] : paths, io: io) else {
            return .failure(ExitFailure(code: .dataError))
        }
        guard let executor = SimScenarioSupport.executor(registered, io: io) else {
            return .failure(ExitFailure(code: .software))
        }
        SimulationRuntime.installIfNeeded()
        let runner = ScenarioRunner(executor: executor)
        let progress = SimRunProgress(io: io, total: scenarios.count, quiet: arguments.quiet)
        var comparisons: [Comparison] = []
        var failed = 0
        for scenario in scenarios {
            let result = SimScenarioSupport.run(runner, scenario, seed: scenario.seed)
            if !result.passed { failed += 1 }
            let path = (directory.hasSuffix("/") ? directory : directory + "/") + "\(scenario.name).txt"
            let recorded = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            comparisons.append(
                Comparison(result: result, path: path, current: GoldenSummary.render(result), recorded: recorded))
            progress.update(done: comparisons.count, failed: failed, violations: 0)
        }
        progress.clear()
        return .success(comparisons)
    }

    /// Golden files in `directory` that no loaded scenario produced (sorted), when the whole
    /// default suite was loaded.
    static func stale(in directory: String, comparisons: [Comparison]) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        let known = Set(comparisons.map { URL(fileURLWithPath: $0.path).lastPathComponent })
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return names.filter { $0.hasSuffix(".txt") && !known.contains($0) }.sorted().map { prefix + $0 }
    }

    /// An exit status carried through `Result`.
    struct ExitFailure: Error {
        let code: ExitCode
    }
}
