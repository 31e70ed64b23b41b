import Foundation
import TMinusSimulation

/// What `golden check` and `golden record` share: the default locations, running every scenario at
/// its default seed, and reading and writing `golden/scenarios/<name>.txt`.
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
    /// Returns nil (after printing why) with the exit code to use.
    static func compare(
        paths: [String], directory: String, quiet: Bool, executor registered: (any ScenarioExecutor)?, io: CommandIO
    ) -> Result<[Comparison], ExitFailure> {
        guard let scenarios = SimScenarioSupport.load(paths.isEmpty ? [defaultScenarios] : paths, io: io) else {
            return .failure(ExitFailure(code: .dataError))
        }
        guard let executor = SimScenarioSupport.executor(registered, io: io) else {
            return .failure(ExitFailure(code: .software))
        }
        SimulationRuntime.installIfNeeded()
        let runner = ScenarioRunner(executor: executor)
        let progress = SimRunProgress(io: io, total: scenarios.count, quiet: quiet)
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
