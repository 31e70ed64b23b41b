import Foundation
import TMinusCore
import TMinusSimulation

/// One `tminus sim fuzz` invocation: the seed loop with its progress line and time budget, the
/// failing scenarios written to files, the shrinking of the first failure of each kind, the
/// summary and the reports. Wall time is read here, never inside the simulation.
final class SimFuzzSession {
    let command: SimFuzzCommand
    let campaign: FuzzCampaign
    let io: CommandIO
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var results: [ScenarioRunResult] = []
    /// The first failed run of each signature, in the order met.
    private var firstFailures: [FuzzRun] = []
    private var shrunk: [UInt64: String] = [:]
    private var writeErrors = 0

    init(command: SimFuzzCommand, campaign: FuzzCampaign, io: CommandIO) {
        self.command = command
        self.campaign = campaign
        self.io = io
        started = clock.now
    }

    func run() -> ExitCode {
        printHeader()
        let progress = SimRunProgress(io: io, total: command.plannedRuns, quiet: command.quiet)
        var failed = 0
        var violations = 0
        let budget = command.timeBudget
        var mark = clock.now
        let shouldStop = {
            (self.command.stopOnFailure && failed > 0) || budget.map { self.clock.now - self.started >= $0 } ?? false
        }
        campaign.run(seeds: command.seeds, shouldStop: shouldStop) { fuzzRun in
            progress.clear()
            var run = fuzzRun
            run.result.wallTime = clock.now - mark
            run.result.replayCommand = command.replayCommand(seed: run.seed)
            if !command.quiet || !run.passed { io.print(SimScenarioSupport.verdictLine(run.result)) }
            if !run.passed {
                failed += 1
                recordFailure(&run)
            }
            violations += run.result.outcome?.violations.count ?? 0
            results.append(keptForReports(run.result))
            progress.update(done: results.count, failed: failed, violations: violations)
            mark = clock.now
        }
        progress.clear()
        if command.shrinkRuns > 0 {
            for failure in firstFailures { shrink(failure, progress: progress) }
        }
        printSummary()
        guard writeReports() else { return .failure }
        return results.allSatisfy(\.passed) && writeErrors == 0 ? .success : .failure
    }

    /// How many passing runs keep their sampled series for the reports' plots. A campaign of
    /// thousands of seeds would otherwise hold every run's plots in memory until the end (about
    /// 0.4 MB a run); failed runs always keep theirs, and every run keeps its verdict, counters
    /// and digest.
    static let passingRunsWithPlots = 200

    private var passingRunsKept = 0

    /// `result` as the reports keep it: without its series once ``passingRunsWithPlots`` passing
    /// runs kept theirs.
    private func keptForReports(_ result: ScenarioRunResult) -> ScenarioRunResult {
        guard result.passed else { return result }
        passingRunsKept += 1
        guard passingRunsKept > Self.passingRunsWithPlots else { return result }
        var kept = result
        kept.outcome?.series = []
        return kept
    }

    private func printHeader() {
        let kinds = campaign.generator.faultKinds
        let missing = FaultKind.allCases.filter { !kinds.contains($0) && !command.excluded.contains($0.description) }
        io.print(command.headerLine(faultKinds: kinds))
        if !missing.isEmpty && !command.quiet {
            io.print("  not injected by this world (so not generated): \(missing.map(\.description).joined(separator: ", "))")
        }
    }

    /// Writes the failing scenario, points the result at it, prints what failed and how to replay.
    private func recordFailure(_ run: inout FuzzRun) {
        let path = directoryPrefix + "\(run.scenario.name).json"
        var scenario = run.scenario
        scenario.sourcePath = path
        if write(scenario, to: path) {
            run.result.file = path
            run.result.replayCommand = ScenarioRunner.replayCommand(file: path, seed: run.seed)
        }
        SimScenarioSupport.printFailure(run.result, io: io)
        io.printError("  also: \(command.replayCommand(seed: run.seed))")
        if let signature = run.signature, !firstFailures.contains(where: { $0.signature == signature }) {
            run.scenario = scenario
            firstFailures.append(run)
        }
    }

    var directoryPrefix: String {
        command.reportDirectory.hasSuffix("/") ? command.reportDirectory : command.reportDirectory + "/"
    }

    /// Writes `scenario` as a scenario file; prints the problem and returns false when it cannot.
    func write(_ scenario: Scenario, to path: String) -> Bool {
        do {
            try FileManager.default.createDirectory(atPath: command.reportDirectory, withIntermediateDirectories: true)
            try Data(ScenarioEncoder.encode(scenario).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            return true
        } catch {
            io.printError("tminus: error: cannot write '\(path)': \(error.localizedDescription); check the directory")
            writeErrors += 1
            return false
        }
    }

    private func shrink(_ failure: FuzzRun, progress: SimRunProgress) {
        guard let signature = failure.signature else { return }
        io.print("shrinking \(failure.scenario.name) (fails with \(signature)) ...")
        var attempts = 0
        var smaller = 0
        let shrinker = ScenarioShrinker(maximumAttempts: command.shrinkRuns)
        guard
            let result = campaign.shrink(
                failure, shrinker: shrinker,
                onAttempt: { fails in
                    attempts += 1
                    if fails { smaller += 1 }
                    progress.show("shrinking \(failure.scenario.name): \(attempts) runs, \(smaller) smaller")
                })
        else { return }
        progress.clear()
        SimFuzzShrinkReport(session: self, failure: failure, signature: signature, result: result).finish()
    }

    /// Notes the shrunk file of a failure (for the summary).
    func noteShrunk(seed: UInt64, path: String) { shrunk[seed] = path }

    /// Counts a problem that makes the command fail even when every run passed.
    func noteProblem() { writeErrors += 1 }

    private func printSummary() {
        let failed = results.filter { !$0.passed }
        let violations = results.reduce(0) { $0 + ($1.outcome?.violations.count ?? 0) }
        let elapsed = clock.now - started
        let kinds = Set(failed.compactMap { FuzzFailureSignature($0) }).count
        io.print("")
        io.print(
            "\(failed.isEmpty ? "PASSED" : "FAILED"): \(results.count) fuzz run\(results.count == 1 ? "" : "s"), "
                + "\(results.count - failed.count) passed, \(failed.count) failed"
                + (failed.isEmpty ? "" : " (\(kinds) kind\(kinds == 1 ? "" : "s") of failure)")
                + ", \(violations) violations, \(SimScenarioSupport.seconds(elapsed)) wall")
        for result in failed {
            io.print("  \(result.scenario) seed=\(result.seed): \(result.primaryFailure?.description ?? "failed")")
            io.print("    replay: \(result.replayCommand)")
            if let path = shrunk[result.seed] { io.print("    shrunk: tminus sim run \(ScenarioRunner.shellQuoted(path))") }
        }
    }

    private func writeReports() -> Bool {
        let options = ReportOptions(
            command: command.commandLine,
            generated: command.wallClockInReports ? .init(at: SimScenarioSupport.now(), wallTime: clock.now - started) : nil)
        do {
            let files = try SimReportFiles.write(results, options: options, directory: command.reportDirectory)
            io.print("reports: \(files.joined(separator: " "))")
            return true
        } catch {
            io.printError("tminus: error: \(error)")
            return false
        }
    }
}
