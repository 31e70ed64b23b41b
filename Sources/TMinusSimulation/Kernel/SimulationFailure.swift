/// Why a simulation run failed. Each case says what went wrong and what to do about it.
public enum SimulationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// ``Simulator/run(until:root:)`` was called without ``SimulationRuntime/installIfNeeded()``
    /// (for example inside `swift test`), so async work would run on real threads.
    case runtimeNotInstalled
    /// Another simulation is running in this process right now.
    case anotherRunActive
    /// Work reached the simulator from other threads: the run is not deterministic. `notes`
    /// describe the first few leaks.
    case leaked(count: Int, notes: [String])
    /// Nothing was ready and no timer was pending, yet the root task had not finished: some
    /// continuation was never resumed (or a task waits on itself).
    case deadlock(elapsedNanoseconds: Int64)
    /// Virtual time reached the limit before the root task finished.
    case limitReached(elapsedNanoseconds: Int64)
    /// The root task threw.
    case rootThrew(String)

    public var description: String {
        switch self {
        case .runtimeNotInstalled:
            return "the simulation runtime is not installed: call SimulationRuntime.installIfNeeded() first thing in a "
                + "synchronous command (never inside swift test; run the tminus binary instead)"
        case .anotherRunActive:
            return "another simulation is already running in this process; run simulations one after another"
        case .leaked(let count, let notes):
            return "LEAK: \(count) job(s) or record(s) reached the simulator from another thread, so the run is not "
                + "deterministic. Keep Dispatch, Thread, real timers and real I/O out of simulated code.\n  "
                + notes.joined(separator: "\n  ")
        case .deadlock(let elapsed):
            return "DEADLOCK at +\(elapsed)ns: nothing is ready and no timer is pending, but the root task has not "
                + "finished; some task awaits a continuation nobody resumes (the last trace lines show where it stopped)"
        case .limitReached(let elapsed):
            return "virtual time limit reached at +\(elapsed)ns before the root task finished; raise the limit or "
                + "look for a task that keeps rescheduling itself"
        case .rootThrew(let error):
            return "the root task threw: \(error)"
        }
    }
}
