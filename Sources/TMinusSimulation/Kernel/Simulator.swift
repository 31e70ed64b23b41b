public import TMinusCore

/// A deterministic simulation: one seed, one virtual clock, one trace, and ordinary async Swift
/// code running on the simulator thread.
///
/// ```swift
/// SimulationRuntime.installIfNeeded()          // first thing in a synchronous command
/// let simulator = Simulator(seed: SimulationSeed(42))
/// let report = simulator.run { try await workload.run() }
/// print(report.digest.hex)
/// ```
///
/// Guarantees: with the runtime installed, every task, actor hop, `async let`, task-group child
/// and sleep of `root` runs on this thread in virtual time, one job at a time, in an order that
/// depends only on the seed and the code; the same seed gives the same ``SimTrace/digest``. Work
/// arriving from other threads fails the run as a leak. All state lives in this instance;
/// simulators may run one after another in one process (not at the same time).
public final class Simulator: @unchecked Sendable {
    /// The run's seed.
    public let seed: SimulationSeed
    /// Virtual time, timers and the ready queue.
    public let scheduler: SimScheduler
    /// The observable record of the run.
    public let trace: SimTrace

    /// Creates a simulator owned by the calling thread.
    /// - Parameters:
    ///   - seed: determines every stream and the seeded job order.
    ///   - order: how to choose among ready jobs.
    ///   - start: the virtual wall-clock origin.
    ///   - recentTraceLines: trace records kept for failure reports.
    ///   - traceCapture: optional file receiving every trace line.
    public init(
        seed: SimulationSeed, order: JobOrder = .fifo, start: Timestamp = SimScheduler.defaultStart,
        recentTraceLines: Int = 200, traceCapture: TraceFileWriter? = nil
    ) {
        self.seed = seed
        self.scheduler = SimScheduler(seed: seed, order: order, start: start)
        self.trace = SimTrace(scheduler: scheduler, recentCapacity: recentTraceLines, capture: traceCapture)
    }

    /// A fresh generator for a subsystem (see ``SimulationSeed/stream(_:)``).
    public func stream(_ name: StreamName) -> Xoshiro256StarStar { seed.stream(name) }

    /// A killable component with its own skewed clock.
    public func makeComponent(_ name: String, clock: SimComponent.ClockParameters = .init()) -> SimComponent {
        SimComponent(name: name, clock: clock, scheduler: scheduler, trace: trace)
    }

    /// The environment engine code of `component` sees: its own clock, its own random stream
    /// (``StreamName/component(_:)``), IDs built on both, and this run's trace.
    public func environment(for component: SimComponent) -> Environment {
        Environment(clock: component.clock, random: seed.randomSource(.component(component.name)), trace: trace)
    }

    /// Spawns `root` as a task and drives the loop until the root has finished and nothing is
    /// pending, or until virtual time would pass `limit`.
    ///
    /// - Parameters:
    ///   - limit: elapsed virtual time after which the run stops (nil: no limit).
    ///   - root: the simulated program.
    /// - Returns: the report; its ``SimulationReport/failure`` is set for a leak, a deadlock (idle
    ///   while the root is unfinished), a limit reached first, a throwing root, or a missing
    ///   ``SimulationRuntime/installIfNeeded()``.
    public func run(
        until limit: Duration? = nil, root: @escaping @Sendable () async throws -> Void
    ) -> SimulationReport {
        guard SimulationRuntime.isInstalled else { return report(failure: .runtimeNotInstalled) }
        guard RuntimeCapture.activate(scheduler) else { return report(failure: .anotherRunActive) }
        defer { RuntimeCapture.deactivate(scheduler) }

        let outcome = RootOutcome()
        Task {
            do {
                try await root()
                outcome.finished = true
            } catch {
                outcome.finished = true
                outcome.error = String(describing: error)
            }
        }
        let stop = scheduler.run(until: limit)
        return report(failure: verdict(stop: stop, outcome: outcome))
    }

    private func verdict(stop: SchedulerStop, outcome: RootOutcome) -> SimulationFailure? {
        if scheduler.leakCount > 0 { return .leaked(count: scheduler.leakCount, notes: scheduler.leakNotes) }
        if let error = outcome.error { return .rootThrew(error) }
        if outcome.finished { return nil }
        switch stop {
        case .idle: return .deadlock(elapsedNanoseconds: scheduler.elapsedNanoseconds)
        case .reachedLimit, .stopped: return .limitReached(elapsedNanoseconds: scheduler.elapsedNanoseconds)
        }
    }

    private func report(failure: SimulationFailure?) -> SimulationReport {
        SimulationReport(
            seed: seed, order: scheduler.order, failure: failure, digest: trace.digest, traceLines: trace.lineCount,
            elapsed: scheduler.elapsed, statistics: scheduler.statistics, recentTrace: trace.recentLines())
    }

    /// Whether the root task finished, and how. Written by the root task on the simulator thread.
    private final class RootOutcome: @unchecked Sendable {
        var finished = false
        var error: String?
    }
}
