import Foundation
import TMinusSimulation
import Testing

@testable import TMinusCLI

/// `sim run`, `sim replay` and `golden check|record` in-process: argument errors, invalid files and
/// the missing-executor path (the simulation itself needs the built binary and a registered world).
struct SimRunCommandTests {
    /// A directory with one valid and one invalid scenario file, removed afterwards.
    private struct Files {
        let directory: URL
        var valid: String { directory.appendingPathComponent("valid.json").path }
        var invalid: String { directory.appendingPathComponent("broken/invalid.json").path }

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("sim-run-\(UUID().uuidString)")
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("broken"), withIntermediateDirectories: true)
            try Self.validText.write(toFile: valid, atomically: true, encoding: .utf8)
            try Self.validText.replacingOccurrences(of: "\"users\"", with: "\"usres\"")
                .write(toFile: invalid, atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        static let validText = """
            {"name": "valid", "description": "One account.", "duration": "P1D",
             "users": [{"id": "u", "accounts": [{"id": "a", "provider": "google"}]}]}
            """
    }

    private static func parsed<Command: CLICommand>(_ type: Command.Type, _ arguments: [String]) throws -> Command {
        try Command(parsed: ParsedArguments(specs: Command.options, arguments: arguments))
    }

    @Test func refusesSeedTogetherWithSeeds() {
        let captured = CommandIO.captured()
        let status = TMinusCommandLine.run(
            arguments: ["sim", "run", "x.json", "--seed", "1", "--seeds", "1..3"], io: captured.io)
        #expect(status == .usage)
        #expect(captured.stderr.text.hasPrefix("tminus: error: give --seed or --seeds, not both\n"))
    }

    @Test func refusesAnInvalidScenarioWithItsFileAndPathAndRunsNothing() throws {
        let files = try Files()
        defer { files.remove() }
        let captured = CommandIO.captured()
        let status = TMinusCommandLine.run(arguments: ["sim", "run", files.valid, files.invalid], io: captured.io)
        #expect(status == .dataError)
        #expect(captured.stdout.text.isEmpty)
        #expect(captured.stderr.text.contains("\(files.invalid): usres: unknown key"))
        #expect(captured.stderr.text.contains("did you mean 'users'?"))
        #expect(captured.stderr.text.contains("nothing was run"))
    }

    @Test func explainsThatNoExecutorIsRegistered() throws {
        let files = try Files()
        defer { files.remove() }
        for status in [
            try Self.parsed(SimRunCommand.self, [files.valid]).run(CommandIO.captured().io, executor: nil),
            try Self.parsed(SimReplayCommand.self, [files.valid, "--seed", "1"]).run(
                CommandIO.captured().io, executor: nil),
            try Self.parsed(GoldenCheckCommand.self, [files.valid]).run(CommandIO.captured().io, executor: nil),
            try Self.parsed(GoldenRecordCommand.self, [files.valid]).run(CommandIO.captured().io, executor: nil),
        ] {
            #expect(status == .software)
        }
        let captured = CommandIO.captured()
        _ = try Self.parsed(SimRunCommand.self, [files.valid]).run(captured.io, executor: nil)
        #expect(captured.stderr.text == "tminus: error: \(ScenarioExecutors.missingMessage)\n")
    }

    @Test func refusesAnUntilOutsideTheRun() throws {
        let files = try Files()
        defer { files.remove() }
        for until in ["P9D", "yesterday", "2026-03-01T00:00:00Z"] {
            let captured = CommandIO.captured()
            let command = try Self.parsed(SimReplayCommand.self, [files.valid, "--seed", "1", "--until", until])
            #expect(command.run(captured.io, executor: nil) == .usage, "\(until)")
            #expect(captured.stderr.text.contains("invalid value '\(until)' for '--until'"))
        }
        let scenario = try ScenarioLoader.load(file: files.valid)
        #expect(SimReplayCommand.offset("PT6H", in: scenario) == .seconds(21_600))
        #expect(SimReplayCommand.offset("2026-03-02T10:00:00Z", in: scenario) == .seconds(7_200))
    }

    @Test func goldenCommandsRefuseInvalidScenarios() throws {
        let files = try Files()
        defer { files.remove() }
        let captured = CommandIO.captured()
        let status = TMinusCommandLine.run(arguments: ["golden", "check", files.invalid], io: captured.io)
        #expect(status == .dataError)
        #expect(captured.stderr.text.contains(files.invalid))
    }

    @Test func printsTheSummaryTableAndTheReplayCommandOfFailures() throws {
        let scenario = try ScenarioDecoder.decode(text: Files.validText, file: "scenarios/valid.json")
        let failing = ScenarioOutcome(
            verdict: .fail,
            violations: [
                InvariantViolation(invariant: .d, at: .seconds(60), objects: ["evt_1"], message: "two mirrors")
            ],
            convergenceTime: .seconds(600), virtualDuration: .seconds(86_400))
        let result = ScenarioRunResult(
            scenario: scenario.name, description: scenario.description, file: scenario.sourcePath, seed: 5,
            digest: "00ff", traceLines: 3, virtualTime: .seconds(90_000), kernelFailure: nil, outcome: failing,
            evaluation: ScenarioEvaluator.evaluate(scenario, outcome: failing, kernelFailure: nil),
            replayCommand: ScenarioRunner.replayCommand(file: "scenarios/valid.json", seed: 5),
            wallTime: .milliseconds(1_234))
        let captured = CommandIO.captured()
        SimRunSummary.print([result], io: captured.io)
        let text = captured.stdout.text
        #expect(
            text.contains(
                "SCENARIO  SEEDS  PASSED  FAILED  VIOLATIONS  SLOWEST CONVERGENCE\nvalid     1      0       1       1           PT10M\n"
            ))
        #expect(text.contains("FAILED: 1 run of 1 scenario, 0 passed, 1 failed"))
        #expect(text.contains("replay: tminus sim replay scenarios/valid.json --seed 5"))
        #expect(
            SimScenarioSupport.verdictLine(result)
                == "FAIL valid seed=5 digest=00ff virtual=P1DT1H converged=PT10M wall=1.234s")
        let failure = CommandIO.captured()
        SimScenarioSupport.printFailure(result, io: failure.io)
        #expect(
            failure.stderr.text.contains("FAILED invariant D (idempotency): violated at +PT1M: two mirrors [evt_1]"))
        #expect(failure.stderr.text.hasSuffix("  seed: 5\n  replay: tminus sim replay scenarios/valid.json --seed 5\n"))
    }

    @Test func showsProgressOnlyOnATerminalAndNotWhenQuiet() {
        let terminal = CommandIO.captured(isTerminal: true)
        let progress = SimRunProgress(io: terminal.io, total: 3, quiet: false)
        progress.update(done: 1, failed: 0, violations: 2)
        #expect(terminal.stderr.text.hasPrefix("\r\u{1B}[K[1/3] 0 failed, 2 violations · "))
        #expect(terminal.stderr.text.hasSuffix(" runs/s"))
        progress.clear()
        #expect(terminal.stderr.text.hasSuffix("\r\u{1B}[K"))
        #expect(terminal.stdout.text.isEmpty)
        for (isTerminal, quiet) in [(false, false), (true, true)] {
            let captured = CommandIO.captured(isTerminal: isTerminal)
            let silent = SimRunProgress(io: captured.io, total: 3, quiet: quiet)
            silent.update(done: 1, failed: 1, violations: 1)
            silent.clear()
            #expect(captured.stderr.text.isEmpty)
        }
    }

    @Test func writesTheThreeReportsIntoTheReportDirectory() throws {
        let files = try Files()
        defer { files.remove() }
        let directory = files.directory.appendingPathComponent("out/nested").path
        let paths = try SimReportFiles.write(
            [], options: ReportOptions(command: "tminus sim run"), directory: directory)
        #expect(paths == ["summary.json", "junit.xml", "index.html"].map { directory + "/" + $0 })
        for path in paths { #expect(FileManager.default.fileExists(atPath: path)) }
    }
}
