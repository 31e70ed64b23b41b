public import TMinusCore

/// The seam between the scenario harness (loading, running, verdicts, reports) and the world that
/// executes a scenario (fake providers, the engine, the human workload, the invariant checks).
///
/// ``ScenarioRunner`` creates a fresh ``Simulator`` per (scenario, seed) and calls
/// ``execute(_:context:)`` from the simulator's root task, so everything the executor does runs in
/// virtual time on the simulator thread. The executor must:
/// - build everything it needs from `context` (components, clocks and streams from
///   `context.simulator`, trace lines into `context.trace`), never from globals;
/// - run the fault phase for `scenario.duration`, then heal and wait for convergence up to
///   `scenario.expect.convergenceDeadline` (stopping at `context.stopAfter` when set);
/// - stop every task and timer it started before returning (the run ends when the root task has
///   returned and nothing is pending);
/// - report what happened in a ``ScenarioOutcome``. The runner, not the executor, compares it
///   with the scenario's `expect` section.
public protocol ScenarioExecutor: Sendable {
    /// Runs one scenario with one seed inside the simulator and reports.
    func execute(_ scenario: Scenario, context: ScenarioRunContext) async -> ScenarioOutcome

    /// Whether this executor injects faults of `kind` (rather than noting that it does not model
    /// them). `tminus sim fuzz` generates only kinds an executor injects. Default: every kind.
    func injects(_ kind: FaultKind) -> Bool
}

extension ScenarioExecutor {
    public func injects(_ kind: FaultKind) -> Bool { true }
}

/// What an executor gets for one run.
public struct ScenarioRunContext: Sendable {
    /// The run's seed (the simulator's seed; fork streams with `simulator.seed.stream(_:)`).
    public let seed: UInt64
    /// The simulator the run executes in.
    public let simulator: Simulator
    /// Where trace lines go (the simulator's trace, folded into the run's digest).
    public let trace: any TraceSink
    /// When set (`sim replay --until`), the run is cut at this offset from the start: the executor
    /// may stop early there; the runner stops the simulator there regardless.
    public let stopAfter: Duration?

    /// Creates a context.
    public init(seed: UInt64, simulator: Simulator, stopAfter: Duration? = nil) {
        self.seed = seed
        self.simulator = simulator
        self.trace = simulator.trace
        self.stopAfter = stopAfter
    }
}

/// The process's scenario executor, registered once at start-up by the composition root (the
/// world's code, or a test's setup) and read by `tminus sim run|replay` and `tminus golden`.
///
/// It is the only process-global in the harness; simulations themselves keep no global state.
public enum ScenarioExecutors: Sendable {
    private static let registered = LockedBox<(any ScenarioExecutor)?>(nil)

    /// Makes `executor` the one scenarios run with (replacing any earlier one).
    public static func register(_ executor: any ScenarioExecutor) {
        registered.withLock { $0 = executor }
    }

    /// The registered executor, or nil when this build has none.
    public static var current: (any ScenarioExecutor)? {
        registered.withLock { $0 }
    }

    /// What to tell a user when ``current`` is nil.
    public static let missingMessage =
        "no scenario executor is registered in this build of tminus, so scenarios cannot run yet; "
        + "the simulated world (fake providers + engine + invariant checks) registers one with "
        + "ScenarioExecutors.register(_:) at start-up"
}
