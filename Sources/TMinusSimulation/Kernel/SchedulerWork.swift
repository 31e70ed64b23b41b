/// One unit of work in the ready queue. Runtime jobs come from Swift concurrency (through the
/// executors in `RuntimeCapture.swift`); actions come from the plain, closure-based API.
enum ReadyWork {
    /// A job for the default (global) executor: a task's next partial run.
    case runtimeJob(UnownedJob)
    /// A job for the main actor.
    case mainActorJob(UnownedJob)
    /// A closure scheduled through ``SimScheduler/execute(_:_:)`` or a fired action timer.
    case action(label: String, body: () -> Void)
}

/// One entry's payload in the timer heap.
enum TimerWork {
    /// A runtime job whose enqueue was delayed (`Task.sleep` through the scheduling executor).
    case runtimeJob(UnownedJob, mainActor: Bool)
    /// A closure due at the entry's instant; `id` lets ``SimScheduler/cancel(_:)`` find it.
    case action(id: UInt64, label: String, body: () -> Void)
    /// A task parked by ``SimScheduler/sleep(untilElapsedNanoseconds:life:)``.
    case wake(SleepWaiter)
}

/// Counters of one scheduler's work, for the kernel check, the bench and failure reports.
public struct SchedulerStatistics: Sendable, Hashable, CustomStringConvertible {
    /// Ready-queue items run (runtime jobs plus actions).
    public var jobsRun: Int = 0
    /// Of those, Swift concurrency jobs (task partials, actor hops).
    public var runtimeJobsRun: Int = 0
    /// Timer entries that fired (sleeps woken, delayed jobs, action timers).
    public var timersFired: Int = 0
    /// Timer entries discarded because they were cancelled or their sleeper vanished.
    public var timersDiscarded: Int = 0
    /// The most items ever waiting in the ready queue at once.
    public var readyHighWater: Int = 0

    /// Creates zeroed counters.
    public init() {}

    public var description: String {
        "jobs=\(jobsRun) runtime-jobs=\(runtimeJobsRun) timers=\(timersFired) "
            + "discarded-timers=\(timersDiscarded) ready-high-water=\(readyHighWater)"
    }
}

/// Why ``SimScheduler/run(until:)`` returned.
public enum SchedulerStop: Sendable, Hashable, CustomStringConvertible {
    /// Nothing ready and no live timer: nothing can ever happen again without outside input.
    case idle
    /// The next timer lies beyond the limit; virtual time was moved to the limit.
    case reachedLimit
    /// ``SimScheduler/stop()`` was called by a job.
    case stopped

    public var description: String {
        switch self {
        case .idle: "idle"
        case .reachedLimit: "reached limit"
        case .stopped: "stopped"
        }
    }
}

/// A handle to a timer scheduled with ``SimScheduler/schedule(after:_:_:)``, for cancelling it.
public struct TimerHandle: Hashable, Sendable {
    let id: UInt64
}
