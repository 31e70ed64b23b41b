/// The documented recovery for a ``ProviderError``: what the caller (a queue consumer, the
/// account unit) does next. Retry timing itself (exponential backoff with seeded jitter) belongs
/// to the queue layer, not to adapters.
public enum ProviderRecovery: Hashable, Sendable, CustomStringConvertible {
    /// Retry after the server's `Retry-After` when given, else after exponential backoff.
    case retryAfter(Duration?)
    /// Discard the cursor (and local state derived from it) and run a full listing.
    case fullResync
    /// Refresh the credential (single-flight per account) and retry once more.
    case refreshCredentialThenRetry
    /// Mark the account as needing re-consent; stop its work without retry storms.
    case relinkAccount
    /// Retry a bounded number of times with backoff, then treat the resource as gone.
    case boundedRetryThenTreatAsGone
    /// The resource is deleted: a delete succeeded, a read is evidence of deletion.
    case treatAsDeleted
    /// Fetch the current version, re-apply the change, retry with the new version.
    case rereadAndRetry
    /// Fetch the existing resource and decide whether it is ours before writing again.
    case inspectExisting
    /// Stop writes to this account for a long period and alert an operator.
    case pauseWritesAndAlert
    /// Exponential backoff with jitter, then retry (idempotent or identity-keyed writes only).
    case backoffAndRetry
    /// Permanent: dead-letter or surface to the user; retrying cannot help.
    case doNotRetry
    /// Nothing to do (the caller gave up on purpose).
    case none

    public var description: String {
        switch self {
        case .retryAfter(let wait?): return "wait \(wait.components.seconds)s, then retry"
        case .retryAfter(nil): return "back off exponentially, then retry"
        case .fullResync: return "drop the cursor and run a full listing"
        case .refreshCredentialThenRetry: return "refresh the credential, then retry"
        case .relinkAccount: return "mark the account for re-consent; do not retry"
        case .boundedRetryThenTreatAsGone: return "retry a few times with backoff, then treat as gone"
        case .treatAsDeleted: return "treat as deleted (a delete is done)"
        case .rereadAndRetry: return "re-read the resource, re-apply, retry with the new version"
        case .inspectExisting: return "fetch the existing resource and decide whether it is ours"
        case .pauseWritesAndAlert: return "pause writes for this account and alert"
        case .backoffAndRetry: return "back off, then retry (idempotent writes only)"
        case .doNotRetry: return "permanent: do not retry"
        case .none: return "nothing to do"
        }
    }
}
