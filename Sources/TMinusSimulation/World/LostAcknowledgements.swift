public import TMinusCore

/// A rule of ``LostAcknowledgements``: inside `window`, each acknowledgement on one of `queues`
/// (every queue when empty) is lost with `probability`.
public struct LostAcknowledgementRule: Hashable, Sendable {
    public var queues: Set<String>
    public var window: TimeWindow
    public var probability: Ratio

    /// Creates a rule.
    public init(queues: Set<String> = [], window: TimeWindow = .always, probability: Ratio) {
        self.queues = queues
        self.window = window
        self.probability = probability
    }
}

/// The world's side of the broker seam (``DeliveryFaults``): while armed, it loses
/// acknowledgements by its rules, drawing from the seed's own stream, so handled messages are
/// delivered again when their lease expires (the `queue-redelivery` fault). Counted per queue.
public final class LostAcknowledgements: DeliveryFaults {
    private struct State {
        var rules: [LostAcknowledgementRule] = []
        var armed = false
        var lost: [String: Int] = [:]
    }

    private let state = LockedBox(State())
    private let random: RandomSource
    private let clock: any WallClock

    /// Creates a disarmed seam drawing from `random`.
    public init(random: RandomSource, clock: any WallClock) {
        self.random = random
        self.clock = clock
    }

    /// Starts losing acknowledgements by `rules` (replacing earlier ones).
    public func arm(_ rules: [LostAcknowledgementRule]) {
        state.withLock {
            $0.rules = rules
            $0.armed = !rules.isEmpty
        }
    }

    /// Stops losing acknowledgements (the faults heal).
    public func disarm() { state.withLock { $0.armed = false } }

    /// Acknowledgements lost so far, per queue.
    public var lost: [String: Int] { state.withLock { $0.lost } }

    public func losesAcknowledgement(onQueue queue: String) -> Bool {
        let now = clock.now()
        return state.withLock { state in
            guard state.armed else { return false }
            for rule in state.rules
            where (rule.queues.isEmpty || rule.queues.contains(queue)) && rule.window.contains(now)
                && random.chance(rule.probability)
            {
                state.lost[queue, default: 0] += 1
                return true
            }
            return false
        }
    }
}
