import TMinusCore

/// Runs scenarios: one fresh ``Simulator`` per (scenario, seed), the registered
/// ``ScenarioExecutor`` as its root task, then the evaluation against the scenario's `expect`.
///
/// Needs ``SimulationRuntime/installIfNeeded()`` first (a synchronous command does it first thing);
/// inside `swift test` the kernel reports `runtimeNotInstalled` and the run fails with that
/// message. Runs happen one after another, never at once. Deterministic: the same scenario, seed
/// and binary give the same digest and the same result (except ``ScenarioRunResult/wallTime``,
/// which only the command line fills in).
public struct ScenarioRunner: Sendable {
    /// Who executes scenarios.
    public let executor: any ScenarioExecutor
    /// How ready jobs are chosen (seeded by default, so seeds explore interleavings).
    public let order: JobOrder
    /// Trace lines kept for failure output.
    public let recentTraceLines: Int

    /// Creates a runner.
    public init(executor: any ScenarioExecutor, order: JobOrder = .seeded, recentTraceLines: Int = 200) {
        self.executor = executor
        self.order = order
        self.recentTraceLines = recentTraceLines
    }

    /// Runs `scenario` with `seed`.
    /// - Parameters:
    ///   - traceCapture: a file receiving every trace line (`sim replay --trace`); closed here.
    ///   - stopAfter: cut the run at this offset from the start (`sim replay --until`).
    public func run(
        _ scenario: Scenario, seed: UInt64, traceCapture: TraceFileWriter? = nil, stopAfter: Duration? = nil
    ) -> ScenarioRunResult {
        let simulator = Simulator(
            seed: SimulationSeed(seed), order: order, start: scenario.start, recentTraceLines: recentTraceLines,
            traceCapture: traceCapture)
        let box = OutcomeBox()
        let context = ScenarioRunContext(seed: seed, simulator: simulator, stopAfter: stopAfter)
        let executor = self.executor
        let report = simulator.run(until: stopAfter ?? scenario.virtualTimeLimit) {
            box.outcome = await executor.execute(scenario, context: context)
        }
        var kernelFailure = report.failure.map(\.description)
        var cut = false
        if let stopAfter {
            // Cut on purpose: the kernel stopped at the limit, or the executor returned there.
            if case .limitReached? = report.failure { kernelFailure = nil }
            cut = kernelFailure == nil && report.elapsed >= stopAfter
        }
        do {
            try simulator.trace.finish()
        } catch {
            kernelFailure = (kernelFailure.map { $0 + "; " } ?? "") + error.description
        }
        let evaluation = ScenarioEvaluator.evaluate(
            scenario, outcome: box.outcome, kernelFailure: kernelFailure, cut: cut)
        return ScenarioRunResult(
            scenario: scenario.name, description: scenario.description, file: scenario.sourcePath, seed: seed,
            convergenceDeadline: scenario.expect.convergenceDeadline, digest: report.digest.hex,
            traceLines: report.traceLines, virtualTime: report.elapsed,
            kernelFailure: kernelFailure, outcome: box.outcome, evaluation: evaluation, cutAt: cut ? stopAfter : nil,
            recentTrace: Array(report.recentTrace.suffix(20)),
            replayCommand: Self.replayCommand(file: scenario.sourcePath ?? "\(scenario.name).json", seed: seed))
    }

    /// `tminus sim replay <file> --seed <seed>`, with the path quoted for a POSIX shell when needed.
    public static func replayCommand(file: String, seed: UInt64) -> String {
        "tminus sim replay \(shellQuoted(file)) --seed \(seed)"
    }

    /// `text` as one POSIX shell word: unchanged when it only has safe characters, else in single
    /// quotes.
    public static func shellQuoted(_ text: String) -> String {
        let safe = text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "/._-+=:,@".utf8.contains(byte)
        }
        if safe && !text.isEmpty { return text }
        return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// The executor's outcome, written by the root task on the simulator thread.
    private final class OutcomeBox: @unchecked Sendable {
        var outcome: ScenarioOutcome?
    }
}
