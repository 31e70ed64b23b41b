/// Why an account's calls must wait now, and for how long: the handlers' common pre-check
/// (sync, reconcile, mirror write, onboarding), so held work is postponed before it starts
/// instead of spending an attempt on a call that would be refused.
public struct AccountHold: Hashable, Sendable {
    /// What holds the account.
    public enum Reason: String, Hashable, Sendable, CustomStringConvertible {
        /// The provider's daily quota is spent (engine rule 11); the pause ends when it refills.
        case quotaSpent = "quota spent"
        /// A call was answered with `Retry-After` (invariant K); every call waits it out.
        case retryAfter = "Retry-After"

        /// The reason as traces and postponements name it.
        public var description: String { rawValue }
    }

    /// Time left until the account's calls may go.
    public var wait: Duration
    public var reason: Reason

    /// Creates a hold.
    public init(wait: Duration, reason: Reason) {
        self.wait = wait
        self.reason = reason
    }
}
