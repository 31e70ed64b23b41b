import Foundation
import TMinusCore
import TMinusSimulation

/// What `sim run`, `sim replay` and `golden check|record` share: loading scenarios with every
/// error printed, finding the registered executor, running one (scenario, seed) with wall time
/// measured here (the only place it is read), and the verdict and failure lines.
enum SimScenarioSupport {
    /// Loads the scenarios `paths` stand for; prints every problem and returns nil if there was any.
    static func load(_ paths: [String], io: CommandIO) -> [Scenario]? {
        let (scenarios, errors) = ScenarioLoader.loadAll(paths)
        guard errors.isEmpty else {
            for error in errors { io.printError("tminus: error: \(error)") }
            let count = errors.count == 1 ? "1 scenario file has" : "\(errors.count) scenario files have"
            io.printError("\(count) problems; nothing was run. Fix them and rerun (the format: docs/scenarios.md).")
            return nil
        }
        return scenarios
    }

    /// The executor, or nil after printing what is missing.
    static func executor(_ registered: (any ScenarioExecutor)?, io: CommandIO) -> (any ScenarioExecutor)? {
        guard let registered else {
            io.printError("tminus: error: \(ScenarioExecutors.missingMessage)")
            return nil
        }
        return registered
    }

    /// Runs one (scenario, seed) and fills in its wall time.
    static func run(
        _ runner: ScenarioRunner, _ scenario: Scenario, seed: UInt64, traceCapture: TraceFileWriter? = nil,
        stopAfter: Duration? = nil
    ) -> ScenarioRunResult {
        let clock = ContinuousClock()
        let started = clock.now
        var result = runner.run(scenario, seed: seed, traceCapture: traceCapture, stopAfter: stopAfter)
        result.wallTime = clock.now - started
        return result
    }

    /// `PASS name seed=42 digest=2b7a8938809c virtual=P8DT1H wall=0.412s`.
    static func verdictLine(_ result: ScenarioRunResult) -> String {
        var line = "\(result.evaluation.verdict.rawValue.uppercased()) \(result.scenario) seed=\(result.seed) "
        line += "digest=\(result.digest.prefix(16)) virtual=\(ISO8601Duration.format(result.virtualTime))"
        if let convergence = result.outcome?.convergenceTime {
            line += " converged=\(ISO8601Duration.format(convergence))"
        }
        if let wall = result.wallTime { line += " wall=\(seconds(wall))" }
        if let cut = result.cutAt { line += " cut-at=\(ISO8601Duration.format(cut))" }
        return line
    }

    /// Every failure, the seed, the replay command and the last trace lines, to standard error.
    static func printFailure(_ result: ScenarioRunResult, io: CommandIO, traceLines: Int = 10) {
        for failure in result.evaluation.failures { io.printError("  FAILED \(failure)") }
        if let violation = result.outcome?.violations.first, !violation.recentTrace.isEmpty {
            io.printError("  trace lines that touched \(violation.objects.joined(separator: ", ")):")
            for line in violation.recentTrace.suffix(traceLines) { io.printError("    \(line)") }
        } else if !result.recentTrace.isEmpty {
            io.printError("  last trace lines:")
            for line in result.recentTrace.suffix(traceLines) { io.printError("    \(line)") }
        }
        io.printError("  seed: \(result.seed)")
        io.printError("  replay: \(result.replayCommand)")
    }

    /// `0.412s`.
    static func seconds(_ duration: Duration) -> String {
        let milliseconds = max(0, duration.nanoseconds / 1_000_000)
        let fraction = String(milliseconds % 1_000)
        return "\(milliseconds / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)s"
    }

    /// The current wall-clock time as RFC 3339 UTC (for the reports' `generated` field).
    static func now() -> String {
        let seconds = Date().timeIntervalSince1970
        return CivilTime.rfc3339(Timestamp(nanosecondsSinceEpoch: Int64(seconds * 1_000_000_000)))
    }
}
