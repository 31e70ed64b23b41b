import Foundation
import TMinusCore
import TMinusSimulation

/// `tminus sim replay`: reruns one scenario with one seed exactly as `sim run` did, and writes the
/// full trace to a file, optionally cut at a virtual time. The digest matches the `sim run` verdict
/// line for the same scenario, seed and binary.
///
/// Exit status as for `sim run`: 0 passed (or cut as asked), 1 failed, 65 invalid scenario, 70 no
/// executor.
struct SimReplayCommand: CLICommand {
    static let name = "replay"
    static let abstract = "Rerun one scenario and seed, writing its full trace."
    static let usage = "tminus sim replay <scenario> --seed N [--trace FILE] [--until T]"
    static let discussion = """
        Runs exactly what 'sim run' ran for this scenario and seed and writes every trace line to \
        --trace FILE (default reports/<scenario>-seed<N>.trace; '-' for standard output). With \
        --until the run stops at that virtual time: an offset from the scenario's start like \
        P1DT6H, or an RFC 3339 time like 2026-03-03T14:00:00Z.
        """
    static let options: [OptionSpec] = [
        .positional("scenario", help: "The scenario file."),
        .option("--seed", value: "N", help: "The seed to replay (decimal or a 40-hex commit hash).", required: true),
        .option("--trace", value: "FILE", help: "Where to write the full trace ('-' for standard output)."),
        .option("--until", value: "T", help: "Stop at this virtual time (offset like PT6H or an RFC 3339 time)."),
    ]

    let path: String
    let seed: UInt64
    let tracePath: String?
    let until: String?

    init(parsed: ParsedArguments) throws(CommandLineError) {
        path = parsed.string("scenario") ?? ""
        seed = try parsed.seed("--seed") ?? 0
        tracePath = parsed.string("--trace")
        until = parsed.string("--until")
    }

    func run(_ io: CommandIO) -> ExitCode {
        run(io, executor: ScenarioExecutors.current)
    }

    /// The command with an explicit executor (tests pass nil to see the missing-executor path).
    func run(_ io: CommandIO, executor registered: (any ScenarioExecutor)?) -> ExitCode {
        guard let scenario = SimScenarioSupport.load([path], io: io)?.first else { return .dataError }
        var stopAfter: Duration?
        if let until {
            guard let offset = Self.offset(until, in: scenario) else {
                io.printError(
                    "tminus: error: invalid value '\(until)' for '--until': expected an offset from the start like "
                        + "PT6H or an RFC 3339 time like 2026-03-03T14:00:00Z, not before the start "
                        + "\(scenario.start) and not after the fault phase and convergence deadline")
                return .usage
            }
            stopAfter = offset
        }
        guard let executor = SimScenarioSupport.executor(registered, io: io) else { return .software }
        let target = tracePath ?? "reports/\(scenario.name)-seed\(seed).trace"
        let capture: TraceFileWriter
        do {
            if tracePath == nil {
                try FileManager.default.createDirectory(atPath: "reports", withIntermediateDirectories: true)
            }
            capture = try TraceFileWriter(path: target == "-" ? "/dev/stdout" : target)
        } catch {
            io.printError("tminus: error: cannot create trace file '\(target)': \(error)")
            return .failure
        }
        // With the trace on standard output, everything else goes to standard error.
        let say: (String) -> Void = target == "-" ? { io.printError($0) } : { io.print($0) }
        SimulationRuntime.installIfNeeded()
        say("SEED=\(seed) scenario=\(scenario.name)")
        io.flush()
        let runner = ScenarioRunner(executor: executor)
        let result = SimScenarioSupport.run(runner, scenario, seed: seed, traceCapture: capture, stopAfter: stopAfter)
        say(SimScenarioSupport.verdictLine(result))
        say("trace: \(target == "-" ? "standard output" : target) (\(result.traceLines) lines)")
        guard result.passed || result.evaluation.verdict == .incomplete else {
            SimScenarioSupport.printFailure(result, io: io)
            return .failure
        }
        return .success
    }

    /// `text` as an offset inside the run: ISO 8601 duration or RFC 3339 time with a zone.
    static func offset(_ text: String, in scenario: Scenario) -> Duration? {
        var offset = ISO8601Duration.parse(text)
        if offset == nil, text.contains("T"),
            case .timed(let instant, _)? = try? EventDateTime.parse(
                dateTime: text, date: nil, timeZone: "UTC", field: "--until")
        {
            offset = instant.duration(since: scenario.start)
        }
        guard let offset, offset > .zero, offset <= scenario.virtualTimeLimit else { return nil }
        return offset
    }
}
