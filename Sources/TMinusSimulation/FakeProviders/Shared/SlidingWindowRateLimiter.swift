public import TMinusCore

/// A sliding-window request limiter per key (a user, a project, a mailbox): at most `limit`
/// requests in any `window`, the shape of Google's per-minute quotas (G-QUOTA) and Graph's
/// per-mailbox throttling.
///
/// Rejected requests count too, so a client that hammers a throttled key stays throttled — the
/// documented "a burst over quota throttles the next window". Deterministic: keys are looked up,
/// never iterated.
public struct SlidingWindowRateLimiter<Key: Hashable & Sendable>: Sendable {
    /// Requests allowed per window.
    public let limit: Int
    /// The window length.
    public let window: Duration
    private var recent: [Key: [Timestamp]] = [:]

    /// What the limiter decided for one request.
    public enum Decision: Hashable, Sendable {
        case allowed
        /// Over the limit; the oldest counted request leaves the window after `retryAfter`.
        case throttled(retryAfter: Duration)
    }

    /// Creates a limiter.
    /// - Precondition: `limit > 0` and `window > 0`.
    public init(limit: Int, window: Duration) {
        precondition(limit > 0 && window > .zero, "rate limit \(limit) per \(window) is invalid")
        self.limit = limit
        self.window = window
    }

    /// Counts a request for `key` at `now` and says whether it may proceed.
    public mutating func admit(_ key: Key, at now: Timestamp) -> Decision {
        var times = recent[key] ?? []
        let cutoff = now.adding(.zero - window)
        let expired = times.firstIndex { $0 > cutoff } ?? times.count
        if expired > 0 { times.removeFirst(expired) }
        let decision: Decision
        if times.count >= limit {
            decision = .throttled(retryAfter: times[0].duration(since: cutoff))
        } else {
            decision = .allowed
        }
        // Keep at most 2 × limit timestamps so a flood cannot grow memory without bound.
        if times.count < 2 * limit { times.append(now) }
        recent[key] = times
        return decision
    }

    /// Requests counted for `key` in the window ending at `now`.
    public func count(_ key: Key, at now: Timestamp) -> Int {
        let cutoff = now.adding(.zero - window)
        return (recent[key] ?? []).filter { $0 > cutoff }.count
    }
}
