import TMinusCore

/// Until when a provider asked (`Retry-After` on a 429, or a 503 with the header) that one
/// account's calls wait (engine rule 11, invariant K).
///
/// A provider's `Retry-After` throttles the account, not the one request: a sibling call (a push
/// arriving meanwhile, a retried poll, the reconcile's listing, a write for another event) must
/// not go out before it ends. The hold only ever grows: a later, longer `Retry-After` extends it,
/// a shorter one never cuts it. Shared by the account's ``AccountState`` and its
/// ``RetryAfterGate``; a lock, not an actor, so a check costs no hop.
final class RetryAfterHold: Sendable {
    private let until = LockedBox<Timestamp?>(nil)

    /// Holds the account's calls back until `wait` has passed from `now`.
    func hold(for wait: Duration, from now: Timestamp) {
        let end = now.adding(max(wait, .zero))
        until.withLock { current in current = max(current ?? end, end) }
    }

    /// How long calls are still held back at `now`, or nil when they may go.
    func remaining(at now: Timestamp) -> Duration? {
        guard let end = until.withLock({ $0 }), end > now else { return nil }
        return end.duration(since: now)
    }
}
