public import TMinusCore
public import TMinusProviders

/// Receives one push notification the way our webhook endpoint would: the provider's POST in, our
/// HTTP answer out.
public typealias PushReceiver = @Sendable (HTTPRequest) async -> HTTPResponse

/// A fake provider's outgoing push notifications: a queue of HTTP POSTs due at virtual instants,
/// the fault layer of ``PushFaults``, retries per ``PushRetryPolicy``, and the receivers they are
/// delivered to, keyed by the address the client registered.
///
/// The provider enqueues while handling a request (synchronously); someone pumps: in the
/// simulator a component loop sleeps until ``nextDue`` and calls ``deliverDue()``; in a unit test
/// the test advances a `ManualClock` and calls ``deliverDue()``. Notifications due at the same
/// instant go out in enqueue order. Every decision draws from this dispatcher's own stream.
public final class PushDispatcher: Sendable {
    private struct Pending: Sendable {
        var due: Timestamp
        var sequence: UInt64
        var channel: String
        var request: HTTPRequest
        var attempt: Int
    }

    private struct State: Sendable {
        var random: Xoshiro256StarStar
        var faults: PushFaults
        var pending: [Pending] = []
        var sequence: UInt64 = 0
        var receivers: [String: PushReceiver] = [:]
        var dead: Set<String> = []
        var statistics = PushStatistics()
    }

    private let clock: any WallClock
    private let trace: any TraceSink
    private let component: String
    private let retry: PushRetryPolicy
    private let state: LockedBox<State>

    /// Creates a dispatcher.
    /// - Parameters:
    ///   - clock: the provider's clock (due times and fault windows are read on it).
    ///   - random: the dispatcher's own stream (a fork of the provider's).
    ///   - trace: where deliveries and faults are recorded under `component`.
    public init(
        clock: any WallClock, random: Xoshiro256StarStar, trace: any TraceSink, component: String,
        faults: PushFaults = .none, retry: PushRetryPolicy
    ) {
        self.clock = clock
        self.trace = trace
        self.component = component
        self.retry = retry
        self.state = LockedBox(State(random: random, faults: faults))
    }

    /// Delivers notifications addressed to `address` to `receiver` (replacing an earlier one).
    public func register(address: String, receiver: @escaping PushReceiver) {
        state.withLock { $0.receivers[address] = receiver }
    }

    /// Stops delivering to `address`; later attempts fail as if the endpoint were down.
    public func unregister(address: String) {
        state.withLock { _ = $0.receivers.removeValue(forKey: address) }
    }

    /// Replaces the fault configuration.
    public func setFaults(_ faults: PushFaults) { state.withLock { $0.faults = faults } }

    /// Makes `channel` die silently now: nothing more is delivered for it, and nobody is told.
    public func kill(channel: String) {
        state.withLock { state in
            state.dead.insert(channel)
            state.pending.removeAll { $0.channel == channel }
        }
        trace.record(component: component, event: "push.dead \(channel)")
    }

    /// True when `channel` died silently.
    public func isDead(channel: String) -> Bool { state.withLock { $0.dead.contains(channel) } }

    /// The earliest instant a notification is due, or nil when nothing is queued.
    public var nextDue: Timestamp? { state.withLock { $0.pending.map(\.due).min() } }

    /// Notifications waiting for delivery or retry.
    public var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Counters so far.
    public var statistics: PushStatistics { state.withLock { $0.statistics } }

    /// Queues `notification` for `channel`, applying the push faults at the current instant.
    public func enqueue(_ notification: HTTPRequest, channel: String) {
        let now = clock.now()
        let events = state.withLock { state -> [String] in
            guard !state.dead.contains(channel) else { return [] }
            let faults = state.faults.window.contains(now) ? state.faults : .none
            if state.random.chance(faults.silentDeath) {
                state.dead.insert(channel)
                state.pending.removeAll { $0.channel == channel }
                state.statistics.died += 1
                return ["push.dead \(channel)"]
            }
            if state.random.chance(faults.loss) {
                state.statistics.lost += 1
                return ["push.lost \(channel)"]
            }
            let copies = state.random.chance(faults.duplication) ? 2 : 1
            var events: [String] = []
            for copy in 0..<copies {
                var delay = faults.delay.draw(&state.random)
                if state.random.chance(faults.reordering) {
                    delay += faults.reorderDelay
                    events.append("push.held \(channel)")
                }
                if copy == 1 {
                    state.statistics.duplicated += 1
                    events.append("push.duplicated \(channel)")
                }
                state.sequence += 1
                state.pending.append(
                    Pending(
                        due: now.adding(delay), sequence: state.sequence, channel: channel, request: notification,
                        attempt: 1))
            }
            state.statistics.enqueued += 1
            return events
        }
        for event in events { trace.record(component: component, event: event) }
    }

    /// Delivers every notification due by the provider's clock, in (due, enqueue) order, awaiting
    /// each receiver in turn, and schedules retries. Returns how many attempts were made.
    @discardableResult
    public func deliverDue() async -> Int {
        var attempts = 0
        while let (item, receiver) = popNextDue() {
            attempts += 1
            var status: Int?
            if let receiver { status = await receiver(item.request).status }
            settle(item, status: status)
        }
        return attempts
    }

    private func popNextDue() -> (Pending, PushReceiver?)? {
        let now = clock.now()
        return state.withLock { state -> (Pending, PushReceiver?)? in
            var best: Int?
            for index in state.pending.indices where state.pending[index].due <= now {
                if let current = best {
                    let a = state.pending[index]
                    let b = state.pending[current]
                    if (a.due, a.sequence) < (b.due, b.sequence) { best = index }
                } else {
                    best = index
                }
            }
            guard let best else { return nil }
            let item = state.pending.remove(at: best)
            return (item, state.receivers[item.request.url])
        }
    }

    private func settle(_ item: Pending, status: Int?) {
        let now = clock.now()
        let statusText = status.map(String.init) ?? "unreachable"
        let event = state.withLock { state -> String in
            if let status, retry.successStatuses.contains(status) {
                state.statistics.delivered += 1
                return "push.delivered \(item.channel) \(statusText) attempt=\(item.attempt)"
            }
            let retryable = status.map { retry.retryableStatuses.contains($0) } ?? true
            guard retryable, item.attempt < retry.maximumAttempts, !state.dead.contains(item.channel) else {
                state.statistics.failed += 1
                return "push.failed \(item.channel) \(statusText) attempt=\(item.attempt)"
            }
            var again = item
            again.attempt += 1
            var backoff = retry.initialBackoff
            for _ in 1..<item.attempt { backoff = backoff * 2 }
            again.due = now.adding(backoff)
            state.sequence += 1
            again.sequence = state.sequence
            state.pending.append(again)
            state.statistics.retried += 1
            return "push.retry \(item.channel) \(statusText) attempt=\(item.attempt)"
        }
        trace.record(component: component, event: event)
    }
}

/// Counters of a ``PushDispatcher``.
public struct PushStatistics: Hashable, Sendable {
    /// Notifications accepted into the queue (a duplicated one counts once).
    public var enqueued = 0
    /// Attempts the receiver acknowledged.
    public var delivered = 0
    /// Notifications dropped by the loss fault.
    public var lost = 0
    /// Extra copies queued by the duplication fault.
    public var duplicated = 0
    /// Channels that died silently.
    public var died = 0
    /// Attempts that will be retried.
    public var retried = 0
    /// Attempts that failed for good.
    public var failed = 0

    /// All zero.
    public init() {}
}
