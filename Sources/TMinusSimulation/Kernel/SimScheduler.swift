public import TMinusCore

/// The discrete-event core of the simulator: virtual time, a timer heap and a ready queue, run one
/// job at a time on the thread that created it.
///
/// Guarantees:
/// - Virtual time is integer nanoseconds since ``start`` and never moves backwards.
/// - Timers fire in `(instant, sequence)` order; everything due at one instant is moved to the
///   ready queue before any of it runs.
/// - The next ready job is chosen by ``JobOrder``: arrival order, or a draw from the scheduler's
///   own seeded stream. So a run is a pure function of the seed and the code.
/// - Work arriving from another thread is never run silently: it is a *leak*, counted and noted
///   by the ``LeakDetector`` and reported by ``Simulator``.
///
/// It has two front doors. The plain one (``execute(_:_:)``, ``schedule(after:_:_:)``,
/// ``run(until:)``) drives closures like NIO's `EmbeddedEventLoop` and works in any process,
/// including `swift test`. The runtime one is used by the executors in `RuntimeCapture.swift`
/// once ``SimulationRuntime/installIfNeeded()`` made this process's tasks run here.
///
/// Thread confinement: all methods except the runtime enqueue paths must be called on the
/// creating thread. It is `@unchecked Sendable` so that executors and trace sinks (which must be
/// `Sendable`) can hold it; their foreign-thread calls go through the locked leak inbox.
public final class SimScheduler: @unchecked Sendable {
    /// The virtual wall-clock instant at which elapsed time is zero.
    public let start: Timestamp
    /// How ready jobs are chosen.
    public let order: JobOrder
    // Mutable state is confined to the owner thread, so the per-access dynamic exclusivity checks
    // are switched off on the hot properties (`@exclusivity(unchecked)`): they cost about a tenth
    // of the loop's time and can never fire here, since no job runs while the loop mutates them.

    /// Virtual nanoseconds since ``start``.
    @exclusivity(unchecked) public private(set) var elapsedNanoseconds: Int64 = 0
    /// Work counters.
    @exclusivity(unchecked) public private(set) var statistics = SchedulerStatistics()

    let owner: ThreadIdentity
    let leaks = LeakDetector()
    @exclusivity(unchecked) private var timers = TimerHeap<TimerWork>()
    @exclusivity(unchecked) private var ready = ReadyQueue<ReadyWork>()
    @exclusivity(unchecked) private var chooser: Xoshiro256StarStar
    @exclusivity(unchecked) private var cancelledActions: Set<UInt64> = []  // membership only; never iterated
    private var nextActionID: UInt64 = 0
    @exclusivity(unchecked) private var stopRequested = false

    /// Creates a scheduler owned by the calling thread.
    /// - Parameters:
    ///   - seed: the run's seed; only the ``StreamName/scheduler`` stream is drawn from here.
    ///   - order: how to choose among ready jobs.
    ///   - start: the virtual wall-clock origin (default 2026-03-02T08:00:00Z).
    public init(seed: SimulationSeed, order: JobOrder = .fifo, start: Timestamp = SimScheduler.defaultStart) {
        self.start = start
        self.order = order
        self.chooser = seed.stream(.scheduler)
        self.owner = ThreadIdentity.current()
    }

    /// 2026-03-02T08:00:00Z, the default virtual origin (a Monday morning).
    public static let defaultStart = Timestamp(secondsSinceEpoch: 1_772_438_400)

    /// The virtual wall-clock time: ``start`` plus elapsed time.
    public var now: Timestamp { Timestamp(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch &+ elapsedNanoseconds) }

    /// Virtual time elapsed since ``start``.
    public var elapsed: Duration { .nanoseconds(elapsedNanoseconds) }

    /// The number of ready jobs plus live and dead timers still queued.
    public var pendingCount: Int { ready.count + timers.count }

    /// Whether nothing is ready and no timer is queued.
    public var isIdle: Bool { ready.isEmpty && timers.isEmpty }

    /// How many jobs or records have arrived from foreign threads.
    public var leakCount: Int { leaks.count }

    /// Descriptions of the first few leaks.
    public var leakNotes: [String] { leaks.notes }

    // MARK: - Plain API (closures)

    /// Queues `body` behind the jobs already ready. `label` names it in diagnostics.
    public func execute(_ label: String, _ body: @escaping () -> Void) {
        let work = ReadyWork.action(label: label, body: body)
        guard owner.isCurrent else { return leaks.admit(work, what: "action '\(label)'") }
        ready.append(work)
    }

    /// Runs `body` once virtual time has advanced by `delay` (zero or negative: at the current
    /// instant, after the timers already due then).
    @discardableResult
    public func schedule(after delay: Duration, _ label: String, _ body: @escaping () -> Void) -> TimerHandle {
        schedule(atElapsedNanoseconds: elapsedNanoseconds &+ max(0, delay.nanoseconds), label, body)
    }

    /// Runs `body` when elapsed virtual time reaches `instant` nanoseconds (clamped to now).
    @discardableResult
    public func schedule(
        atElapsedNanoseconds instant: Int64, _ label: String, _ body: @escaping () -> Void
    ) -> TimerHandle {
        let id = nextActionID
        nextActionID &+= 1
        guard owner.isCurrent else {
            leaks.admit(.action(label: label, body: body), what: "timer '\(label)'")
            return TimerHandle(id: id)
        }
        timers.push(.action(id: id, label: label, body: body), at: max(instant, elapsedNanoseconds))
        return TimerHandle(id: id)
    }

    /// Cancels a timer from ``schedule(after:_:_:)``; cancelling a fired or cancelled timer does
    /// nothing.
    public func cancel(_ handle: TimerHandle) {
        precondition(owner.isCurrent, "SimScheduler.cancel called off the simulator thread")
        cancelledActions.insert(handle.id)
    }

    /// Asks ``run(until:)`` to return after the current job.
    public func stop() { stopRequested = true }

    /// Runs jobs and fires timers until idle, until the next timer lies beyond `limit` (elapsed
    /// virtual time since ``start``), or until ``stop()``.
    /// - Returns: why it returned. On ``SchedulerStop/reachedLimit`` elapsed time equals `limit`.
    @discardableResult
    public func run(until limit: Duration? = nil) -> SchedulerStop {
        precondition(owner.isCurrent, "SimScheduler.run must be called on the thread that created the scheduler")
        let limitNanoseconds = limit?.nanoseconds ?? Int64.max
        stopRequested = false
        defer { statistics.readyHighWater = ready.highWater }
        while !stopRequested {
            if leaks.hasPending { for work in leaks.drain() { ready.append(work) } }
            if !ready.isEmpty {
                runNextReady()
                continue
            }
            discardDeadTimersAtHead()
            guard let head = timers.first else { return .idle }
            if head.instant > limitNanoseconds {
                elapsedNanoseconds = max(elapsedNanoseconds, limitNanoseconds)
                return .reachedLimit
            }
            elapsedNanoseconds = max(elapsedNanoseconds, head.instant)
            fireDueTimers()
        }
        return .stopped
    }

    /// Runs everything due within the next `duration` of virtual time, then sets the clock to
    /// exactly `now + duration` (like `EmbeddedEventLoop.advanceTime(by:)`).
    @discardableResult
    public func advance(by duration: Duration) -> SchedulerStop {
        let target = elapsedNanoseconds &+ max(0, duration.nanoseconds)
        let stop = run(until: .nanoseconds(target))
        if stop != .stopped { elapsedNanoseconds = max(elapsedNanoseconds, target) }
        return stop
    }

    // MARK: - Runtime API (used by RuntimeCapture and SimClock)

    /// Queues a Swift concurrency job. Called by the executors on whatever thread enqueues.
    func enqueueRuntimeJob(_ job: UnownedJob, mainActor: Bool) {
        let work: ReadyWork = mainActor ? .mainActorJob(job) : .runtimeJob(job)
        guard owner.isCurrent else {
            return leaks.admit(work, what: mainActor ? "a main-actor job" : "a task job (\(job))")
        }
        ready.append(work)
    }

    /// Queues a Swift concurrency job to run after `delay` nanoseconds of virtual time.
    func enqueueRuntimeJob(_ job: UnownedJob, mainActor: Bool, afterNanoseconds delay: Int64) {
        guard owner.isCurrent else {
            let work: ReadyWork = mainActor ? .mainActorJob(job) : .runtimeJob(job)
            return leaks.admit(work, what: "a delayed task job (\(job))")
        }
        timers.push(.runtimeJob(job, mainActor: mainActor), at: elapsedNanoseconds &+ max(0, delay))
    }

    /// Suspends the calling task until elapsed virtual time reaches `instant` nanoseconds.
    ///
    /// Cancellable: a cancelled sleeper resumes at once with `CancellationError`. When `life`
    /// belongs to a component that is killed meanwhile, the task never resumes.
    /// - Throws: `CancellationError`.
    func sleep(untilElapsedNanoseconds instant: Int64, life: ComponentLife?) async throws {
        let waiter = SleepWaiter(life: life)
        try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Void, any Error>) in
                guard waiter.arm(continuation) else { return }
                self.addWake(waiter, at: instant)
            }
        } onCancel: {
            waiter.cancel()
        }
    }

    private func addWake(_ waiter: SleepWaiter, at instant: Int64) {
        guard owner.isCurrent else {
            // A sleep started on a foreign thread: queue the wake-up through the inbox so the run
            // still completes, and report it.
            return leaks.admit(.action(label: "sleep", body: { waiter.fire() }), what: "a sleep")
        }
        timers.push(.wake(waiter), at: max(instant, elapsedNanoseconds))
    }

    // MARK: - Loop internals

    @inline(__always)
    private func runNextReady() {
        let index = (order == .fifo || ready.count == 1) ? 0 : Int(chooser.below(UInt64(ready.count)))
        let work = ready.remove(at: index)
        statistics.jobsRun += 1
        switch work {
        case .runtimeJob(let job):
            statistics.runtimeJobsRun += 1
            RuntimeCapture.runDefaultExecutorJob(job)
        case .mainActorJob(let job):
            statistics.runtimeJobsRun += 1
            RuntimeCapture.runMainActorJob(job)
        case .action(_, let body):
            body()
        }
    }

    /// Moves every timer due at the current instant to the ready queue, in `(instant, sequence)`
    /// order. Sleepers are resumed directly: resuming enqueues their task's job, in that order.
    private func fireDueTimers() {
        while let entry = timers.popFirst(dueAtOrBefore: elapsedNanoseconds) {
            switch entry.payload {
            case .runtimeJob(let job, let mainActor):
                statistics.timersFired += 1
                ready.append(mainActor ? .mainActorJob(job) : .runtimeJob(job))
            case .action(let id, let label, let body):
                if !cancelledActions.isEmpty, cancelledActions.remove(id) != nil {
                    statistics.timersDiscarded += 1
                    continue
                }
                statistics.timersFired += 1
                ready.append(.action(label: label, body: body))
            case .wake(let waiter):
                if waiter.isDead {
                    statistics.timersDiscarded += 1
                    continue
                }
                statistics.timersFired += 1
                waiter.fire()
            }
        }
    }

    /// Drops cancelled or vanished timers at the head so they never move virtual time.
    private func discardDeadTimersAtHead() {
        while let head = timers.first {
            let dead: Bool
            switch head.payload {
            case .runtimeJob: dead = false
            case .action(let id, _, _): dead = !cancelledActions.isEmpty && cancelledActions.contains(id)
            case .wake(let waiter): dead = waiter.isDead
            }
            guard dead else { return }
            if case .action(let id, _, _) = head.payload { cancelledActions.remove(id) }
            _ = timers.popFirst()
            statistics.timersDiscarded += 1
        }
    }
}
