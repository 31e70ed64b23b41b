// The ONLY file that uses toolchain-specific Swift runtime SPI (Swift 6.3, Linux).
//
// What it does: installs the simulator as the process's default and main executor through the
// experimental `ExecutorFactory` SPI (`_createExecutors(factory:)`, "tier B" in
// docs/simulation-kernel.md and spec/determinism.md). After that, every `Task {}`,
// `Task.detached`, task-group child, `async let`, default-actor hop, `@MainActor` hop and
// `Task.sleep` of the process is enqueued on the executors below, which hand the job to the
// *currently running* `SimScheduler`.
//
// Process-global state (the one exception to "everything lives in an instance"):
// - whether the factory was installed (it can be installed once, before any task exists);
// - which scheduler is running now and on which thread. Only one simulation runs at a time per
//   process; runs may follow one another.
//
// Risk: `ExecutorFactory`, `MainExecutor`, `SchedulingExecutor` and `_createExecutors` are
// `@_spi(Experimental…)` and may change in Swift 6.4+. If they do, only this file changes; the
// fallback (public custom executors plus task executor preference) is described in the docs.
//
// Tidy allowance: this file may read `ContinuousClock`-style instants handed to it by the runtime
// (converting a real-clock deadline of `Task.sleep(until:)` into a virtual delay). Nothing else
// here reads real time, creates threads or uses Dispatch.

@_spi(ExperimentalCustomExecutors) @_spi(ExperimentalScheduling) import _Concurrency
import Synchronization
import TMinusCore

/// Installs and describes the process-wide capture of Swift concurrency by the simulator.
///
/// Call ``installIfNeeded()`` first thing in a synchronous command, before any task exists; then
/// run simulations with ``Simulator/run(until:root:)``. Never call it inside `swift test`: the test
/// runner itself runs on Swift concurrency, so tests that need real async capture run the
/// `tminus` binary as a subprocess instead.
public enum SimulationRuntime: Sendable {
    /// Makes the simulator the process's default and main executor. Idempotent.
    ///
    /// - Precondition: no Swift concurrency task has been created yet in this process (the
    ///   runtime fixes its executors at the first task); the call itself cannot detect this.
    public static func installIfNeeded() {
        guard RuntimeCapture.installed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
            .exchanged
        else { return }
        _createExecutors(factory: SimExecutorFactory.self)
    }

    /// Whether ``installIfNeeded()`` has run in this process.
    public static var isInstalled: Bool { RuntimeCapture.installed.load(ordering: .acquiring) }

    /// Jobs that arrived while no simulation was running (they are dropped and counted).
    public static var orphanedJobCount: Int { RuntimeCapture.orphans.load(ordering: .acquiring) }
}

/// The hook between the process-global executors and the running scheduler.
enum RuntimeCapture {
    static let installed = Atomic<Bool>(false)
    static let orphans = Atomic<Int>(0)
    /// `pthread_t` of the thread running a simulation, 0 when none runs.
    private static let activeOwner = Atomic<UInt>(0)
    /// The running scheduler, for callers on foreign threads (which then record a leak).
    private static let activeForForeignThreads = Mutex<SimScheduler?>(nil)
    /// The running scheduler, read and written only on its own thread (checked via activeOwner).
    nonisolated(unsafe) private static var activeOnOwnerThread: SimScheduler?

    static let defaultExecutor = SimDefaultExecutor()
    static let mainExecutor = SimMainExecutor()

    /// Makes `scheduler` the target of all captured jobs. Returns false when another is running.
    static func activate(_ scheduler: SimScheduler) -> Bool {
        let claimed = activeForForeignThreads.withLock { current -> Bool in
            guard current == nil else { return false }
            current = scheduler
            return true
        }
        guard claimed else { return false }
        activeOnOwnerThread = scheduler
        activeOwner.store(scheduler.owner.raw, ordering: .releasing)
        return true
    }

    /// Ends capture into `scheduler`; later jobs are orphans until the next activation.
    static func deactivate(_ scheduler: SimScheduler) {
        activeOwner.store(0, ordering: .releasing)
        activeOnOwnerThread = nil
        activeForForeignThreads.withLock { current in
            if current === scheduler { current = nil }
        }
    }

    /// Routes an enqueued job: fast path on the simulator thread, locked path otherwise.
    @inline(__always)
    static func route(_ job: UnownedJob, mainActor: Bool) {
        if ThreadIdentity.current().raw == activeOwner.load(ordering: .relaxed), let scheduler = activeOnOwnerThread {
            scheduler.enqueueRuntimeJob(job, mainActor: mainActor)
            return
        }
        let handled = activeForForeignThreads.withLock { current -> Bool in
            guard let current else { return false }
            current.enqueueRuntimeJob(job, mainActor: mainActor)  // records the leak
            return true
        }
        if !handled { orphans.add(1, ordering: .relaxed) }
    }

    static func routeDelayed(_ job: UnownedJob, mainActor: Bool, nanoseconds: Int64) {
        if ThreadIdentity.current().raw == activeOwner.load(ordering: .relaxed), let scheduler = activeOnOwnerThread {
            scheduler.enqueueRuntimeJob(job, mainActor: mainActor, afterNanoseconds: nanoseconds)
            return
        }
        route(job, mainActor: mainActor)
    }

    /// Runs a default-executor job the way the global executor would: on the generic executor,
    /// with the default task executor as the thread's task executor.
    @inline(__always)
    static func runDefaultExecutorJob(_ job: UnownedJob) {
        job.runSynchronously(on: defaultExecutor.asUnownedTaskExecutor())
    }

    /// Runs a main-actor job isolated to the main executor.
    @inline(__always)
    static func runMainActorJob(_ job: UnownedJob) {
        job.runSynchronously(on: mainExecutor.asUnownedSerialExecutor())
    }

    /// Converts a runtime delay to virtual nanoseconds. `Duration` delays are exact; a deadline on
    /// a real clock (`Task.sleep(until:)`) is measured against that clock's `now` and rounded up to
    /// a whole millisecond, because a few microseconds pass between the caller computing the
    /// deadline and this call (spec/determinism.md §2).
    static func virtualDelay<C: Clock>(_ delay: C.Duration, clock: C) -> Int64 {
        if let exact = delay as? Duration { return max(0, exact.nanoseconds) }
        return 0
    }

    static func virtualDelay<C: Clock>(until instant: C.Instant, clock: C) -> Int64 {
        guard let remaining = clock.now.duration(to: instant) as? Duration else { return 0 }
        let quantum: Int64 = 1_000_000
        let nanoseconds = max(0, remaining.nanoseconds)
        return (nanoseconds + quantum - 1) / quantum * quantum
    }
}

/// The process's default executor while installed: global jobs go to the running scheduler, and
/// `Task.sleep` wake-ups go to its timer heap (through `SchedulingExecutor`).
final class SimDefaultExecutor: TaskExecutor, SchedulingExecutor, @unchecked Sendable {
    func enqueue(_ job: consuming ExecutorJob) {
        RuntimeCapture.route(UnownedJob(job), mainActor: false)
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        let nanoseconds = RuntimeCapture.virtualDelay(delay, clock: clock)
        RuntimeCapture.routeDelayed(UnownedJob(job), mainActor: false, nanoseconds: nanoseconds)
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, at instant: C.Instant, tolerance: C.Duration?, clock: C) {
        let nanoseconds = RuntimeCapture.virtualDelay(until: instant, clock: clock)
        RuntimeCapture.routeDelayed(UnownedJob(job), mainActor: false, nanoseconds: nanoseconds)
    }
}

/// The process's main executor while installed: `@MainActor` work runs on the simulator thread
/// too, interleaved with everything else by the scheduler.
final class SimMainExecutor: MainExecutor, SchedulingExecutor, @unchecked Sendable {
    func enqueue(_ job: consuming ExecutorJob) {
        RuntimeCapture.route(UnownedJob(job), mainActor: true)
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        let nanoseconds = RuntimeCapture.virtualDelay(delay, clock: clock)
        RuntimeCapture.routeDelayed(UnownedJob(job), mainActor: true, nanoseconds: nanoseconds)
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, at instant: C.Instant, tolerance: C.Duration?, clock: C) {
        let nanoseconds = RuntimeCapture.virtualDelay(until: instant, clock: clock)
        RuntimeCapture.routeDelayed(UnownedJob(job), mainActor: true, nanoseconds: nanoseconds)
    }

    var isMainExecutor: Bool { true }

    /// The main "run loop" is the simulation loop; there is nothing to run outside a simulation.
    func run() throws {}

    func stop() {}
}

/// The factory the runtime asks for its executors (`_createExecutors(factory:)`).
struct SimExecutorFactory: ExecutorFactory {
    static var mainExecutor: any MainExecutor { RuntimeCapture.mainExecutor }
    static var defaultExecutor: any TaskExecutor { RuntimeCapture.defaultExecutor }
}
