/// Everything known about one run of one scenario with one seed: identity, trace fingerprint,
/// the executor's outcome and the final evaluation. The input of every report writer.
public struct ScenarioRunResult: Hashable, Sendable {
    /// The scenario's name.
    public var scenario: String
    /// The scenario's one-line description.
    public var description: String
    /// The file the scenario came from, as given (nil for generated scenarios).
    public var file: String?
    /// The seed.
    public var seed: UInt64
    /// The scenario's convergence deadline (from its `expect` section).
    public var convergenceDeadline: Duration
    /// SHA-256 of the trace, lowercase hex.
    public var digest: String
    /// Lines in the trace.
    public var traceLines: Int
    /// Virtual time at the end of the run.
    public var virtualTime: Duration
    /// The simulator's failure, if any (leak, deadlock, time limit, thrown root, trace file).
    public var kernelFailure: String?
    /// The executor's report (nil when its root task did not return).
    public var outcome: ScenarioOutcome?
    /// The verdict and why.
    public var evaluation: ScenarioEvaluation
    /// Where the run was cut (`sim replay --until`), if it was.
    public var cutAt: Duration?
    /// The last trace lines (for failure output).
    public var recentTrace: [String]
    /// The exact command that replays this run.
    public var replayCommand: String
    /// Wall-clock time the run took, filled in by the command line (never by the simulation).
    public var wallTime: Duration?

    /// Creates a result.
    public init(
        scenario: String, description: String, file: String?, seed: UInt64,
        convergenceDeadline: Duration = .seconds(86_400), digest: String, traceLines: Int,
        virtualTime: Duration, kernelFailure: String?, outcome: ScenarioOutcome?, evaluation: ScenarioEvaluation,
        cutAt: Duration? = nil, recentTrace: [String] = [], replayCommand: String, wallTime: Duration? = nil
    ) {
        self.scenario = scenario
        self.description = description
        self.file = file
        self.seed = seed
        self.convergenceDeadline = convergenceDeadline
        self.digest = digest
        self.traceLines = traceLines
        self.virtualTime = virtualTime
        self.kernelFailure = kernelFailure
        self.outcome = outcome
        self.evaluation = evaluation
        self.cutAt = cutAt
        self.recentTrace = recentTrace
        self.replayCommand = replayCommand
        self.wallTime = wallTime
    }

    /// Whether the run passed.
    public var passed: Bool { evaluation.passed }

    /// The first failure, for one-line output.
    public var primaryFailure: ScenarioFailure? { evaluation.failures.first }
}
