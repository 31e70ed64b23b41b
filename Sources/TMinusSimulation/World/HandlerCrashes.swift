public import TMinusCore

/// A rule of ``HandlerCrashes``: inside `window`, each time the engine reaches one of `points` the
/// process dies with `probability`; a `once` rule fires at most one crash.
public struct HandlerCrashRule: Hashable, Sendable {
    public var points: Set<CrashPoint>
    public var window: TimeWindow
    public var probability: Ratio
    public var once: Bool

    /// Creates a rule.
    public init(points: Set<CrashPoint>, window: TimeWindow = .always, probability: Ratio, once: Bool = false) {
        self.points = points
        self.window = window
        self.probability = probability
        self.once = once
    }

    /// The points of the consumers named (`sync`, `write`, …); every point when `consumers` is empty.
    public static func points(ofConsumers consumers: Set<String>) -> Set<CrashPoint> {
        Set(CrashPoint.allCases.filter { consumers.isEmpty || consumers.contains($0.consumer) })
    }
}

/// The world's side of the engine's crash seam (``CrashInjector``): decides, from the seed's own
/// stream, whether the engine dies at the crash point it just reached, and remembers that it died
/// so every later point of that incarnation throws as well. The world sees ``isDown``, discards
/// the engine and starts a new one on the same files (``SyncWorld/restartEngine()``), which
/// ``revive()``s the seam.
///
/// Crashes fire only while ``arm(_:)``ed (the faulted phase); outside it every point passes.
public final class HandlerCrashes: CrashInjector {
    private struct State {
        var rules: [HandlerCrashRule] = []
        var spent: Set<Int> = []
        var armed = false
        var held = false
        var down: ProcessCrash?
        var fired: [CrashPoint: Int] = [:]
    }

    private let state = LockedBox(State())
    private let random: RandomSource
    private let clock: any WallClock
    private let trace: any TraceSink

    /// Creates a disarmed seam drawing from `random`.
    public init(random: RandomSource, clock: any WallClock, trace: any TraceSink) {
        self.random = random
        self.clock = clock
        self.trace = trace
    }

    /// Starts injecting by `rules` (replacing earlier ones).
    public func arm(_ rules: [HandlerCrashRule]) {
        state.withLock {
            $0.rules = rules
            $0.spent = []
            $0.armed = !rules.isEmpty
        }
    }

    /// Stops injecting (the faults heal); a dead process stays dead until revived.
    public func disarm() { state.withLock { $0.armed = false } }

    /// While held, no point fires (the world performs a user's request through the facade, which is
    /// not a handler); a dead process stays dead.
    public func hold(_ held: Bool) { state.withLock { $0.held = held } }

    /// The crash that killed the current incarnation, if it died.
    public var isDown: ProcessCrash? { state.withLock { $0.down } }

    /// A new incarnation runs: it is alive.
    public func revive() { state.withLock { $0.down = nil } }

    /// Crashes so far, per point.
    public var fired: [CrashPoint: Int] { state.withLock { $0.fired } }

    public func reach(_ point: CrashPoint) throws(ProcessCrash) {
        try ensureAlive()
        let now = clock.now()
        let crash: ProcessCrash? = state.withLock { state in
            guard state.armed, !state.held else { return nil }
            for (index, rule) in state.rules.enumerated()
            where !state.spent.contains(index) && rule.points.contains(point) && rule.window.contains(now) {
                guard random.chance(rule.probability) else { continue }
                if rule.once { state.spent.insert(index) }
                state.down = ProcessCrash(at: point)
                state.fired[point, default: 0] += 1
                return state.down
            }
            return nil
        }
        if let crash {
            trace.record(component: "fault", event: "process crash at \(point.rawValue)")
            throw crash
        }
    }

    public func ensureAlive() throws(ProcessCrash) {
        if let down = isDown { throw down }
    }
}
