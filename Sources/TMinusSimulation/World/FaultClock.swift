public import TMinusCore

/// A wall clock of one world participant (the engine process or one fake provider) that reads
/// the world's true clock, skewed by the `clock-skew` and `clock-jump` faults aimed at it.
///
/// Reading at true instant `t`: `t` plus, for each skew whose window holds `t`, its offset and its
/// drift accumulated since the window opened (`(t − from) × ppm / 10⁶`, integer nanoseconds),
/// plus every jump already taken. A skew ends with its window (the clock is corrected then); a
/// jump stays until ``heal()``, when every fault stops and the clock reads true time again.
///
/// Sleeping waits the true duration on the base clock (the world drives time; only readings are
/// skewed). Deterministic: readings are pure functions of the base clock's reading.
public final class FaultClock: WallClock, Sendable {
    /// A skew: a constant offset and a drift rate while `window` holds.
    public struct Skew: Hashable, Sendable {
        public var window: TimeWindow
        public var offset: Duration
        public var driftPartsPerMillion: Int64

        /// Creates a skew.
        public init(window: TimeWindow, offset: Duration = .zero, driftPartsPerMillion: Int64 = 0) {
            self.window = window
            self.offset = offset
            self.driftPartsPerMillion = driftPartsPerMillion
        }
    }

    /// A step of the reading by `by` from true instant `at` on.
    public struct Jump: Hashable, Sendable {
        public var at: Timestamp
        public var by: Duration

        /// Creates a jump.
        public init(at: Timestamp, by: Duration) {
            self.at = at
            self.by = by
        }
    }

    /// The true clock.
    public let base: any WallClock
    /// Who reads this clock (`engine`, `google`, …), for traces.
    public let owner: String
    private let state = LockedBox((skews: [Skew](), jumps: [Jump](), healed: false))

    /// A clock reading true time until faults are added.
    public init(base: any WallClock, owner: String) {
        self.base = base
        self.owner = owner
    }

    /// Adds a skew.
    public func add(_ skew: Skew) { state.withLock { $0.skews.append(skew) } }

    /// Adds a jump.
    public func add(_ jump: Jump) { state.withLock { $0.jumps.append(jump) } }

    /// Every fault stops: the clock reads true time from now on.
    public func heal() { state.withLock { $0.healed = true } }

    /// True when some skew or jump is configured and not healed.
    public var isFaulted: Bool { state.withLock { !$0.healed && !($0.skews.isEmpty && $0.jumps.isEmpty) } }

    public func now() -> Timestamp {
        let truth = base.now()
        return Timestamp(nanosecondsSinceEpoch: truth.nanosecondsSinceEpoch &+ error(at: truth))
    }

    /// How far the reading is from true time at true instant `truth`, in nanoseconds.
    public func error(at truth: Timestamp) -> Int64 {
        state.withLock { state in
            guard !state.healed else { return 0 }
            var error: Int64 = 0
            for skew in state.skews where skew.window.contains(truth) {
                error &+= skew.offset.nanoseconds
                let elapsed = skew.window.from.map { truth.nanosecondsSinceEpoch - $0.nanosecondsSinceEpoch } ?? 0
                error &+= SimClock.scale(elapsed, partsPerMillion: skew.driftPartsPerMillion)
            }
            for jump in state.jumps where jump.at <= truth { error &+= jump.by.nanoseconds }
            return error
        }
    }

    public func sleep(for duration: Duration) async throws { try await base.sleep(for: duration) }
}
