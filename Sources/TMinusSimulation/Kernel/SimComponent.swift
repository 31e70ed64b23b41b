public import TMinusCore

/// One simulated process or service (an engine consumer, a provider server) that can be killed
/// and restarted at any point of a run.
///
/// It owns the component's skewed ``SimClock`` and the tasks spawned through ``spawn(_:_:)``.
/// ``kill()`` models a crash: the incarnation number grows, every sleep the component's tasks were
/// parked in through its clock is voided (those tasks never run again), and every task it spawned
/// is cancelled so code not parked on the clock stops at its next cancellation check or
/// ``vanishIfKilled(since:)`` gate. Memory held by those tasks is simply never touched again, and
/// whatever lives on "disk" (SQLite files) survives. ``restart()`` lets new tasks be spawned.
///
/// Confined to the simulator thread.
public final class SimComponent: @unchecked Sendable {
    /// The component's name, as it appears in traces.
    public let name: String
    /// The component's own clock.
    public let clock: SimClock

    let life: ComponentLife
    private let trace: any TraceSink
    private var tasks: [UInt64: Task<Void, Never>] = [:]  // iterated only in sorted key order
    private var nextTaskID: UInt64 = 0

    /// Creates a running component in incarnation 0.
    public init(
        name: String, clock parameters: ClockParameters = ClockParameters(), scheduler: SimScheduler,
        trace: any TraceSink
    ) {
        let life = ComponentLife()
        self.name = name
        self.life = life
        self.trace = trace
        self.clock = SimClock(
            scheduler: scheduler, component: name, offset: parameters.offset,
            driftPartsPerMillion: parameters.driftPartsPerMillion, jumps: parameters.jumps, life: life)
    }

    /// Grows by one on every ``kill()``.
    public var incarnation: Int { life.incarnation }

    /// False between ``kill()`` and ``restart()``.
    public var isRunning: Bool { life.isRunning }

    /// Starts a task belonging to this incarnation of the component.
    /// - Precondition: the component is running.
    public func spawn(_ label: String, _ body: @escaping @Sendable () async -> Void) {
        precondition(life.isRunning, "cannot spawn '\(label)' on \(name): it was killed and not restarted")
        let id = nextTaskID
        nextTaskID += 1
        let incarnation = life.incarnation
        tasks[id] = Task { [weak self] in
            await body()
            guard let self, self.life.incarnation == incarnation else { return }
            self.tasks[id] = nil
        }
    }

    /// Crashes the component: see the type's documentation.
    public func kill() {
        guard life.isRunning else { return }
        life.incarnation += 1
        life.isRunning = false
        trace.record(component: name, event: "killed incarnation=\(life.incarnation - 1)")
        let doomed = tasks.keys.sorted().compactMap { tasks[$0] }
        tasks = [:]
        for task in doomed { task.cancel() }
    }

    /// Brings the component back; new tasks belong to the new incarnation.
    public func restart() {
        guard !life.isRunning else { return }
        life.isRunning = true
        trace.record(component: name, event: "restarted incarnation=\(life.incarnation)")
    }

    /// A gate for code that resumes from something other than this component's clock: if the
    /// component was killed since `incarnation`, the calling task suspends forever (it vanished).
    public func vanishIfKilled(since incarnation: Int) async {
        guard life.incarnation != incarnation else { return }
        await withUnsafeContinuation { (_: UnsafeContinuation<Void, Never>) in }
    }

    /// How a component's clock is skewed.
    public struct ClockParameters: Sendable, Hashable {
        /// Constant offset from virtual time.
        public var offset: Duration
        /// Rate error in parts per million.
        public var driftPartsPerMillion: Int64
        /// Scheduled steps of the reading.
        public var jumps: [ClockJump]

        /// Creates parameters; the defaults are a perfect clock.
        public init(offset: Duration = .zero, driftPartsPerMillion: Int64 = 0, jumps: [ClockJump] = []) {
            self.offset = offset
            self.driftPartsPerMillion = driftPartsPerMillion
            self.jumps = jumps
        }
    }
}
