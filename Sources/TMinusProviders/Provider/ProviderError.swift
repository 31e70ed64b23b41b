/// Why a provider call failed, in cases a caller can act on; the same taxonomy for every
/// provider, so the engine never branches on Google, Graph or CalDAV wire details.
///
/// Each case carries a ``ProviderErrorContext`` (operation, HTTP status, provider reason) for
/// reports, and ``recovery`` says what the caller must do. Adapters do not retry or back off
/// themselves (queue consumers own that policy); the only retry inside an adapter is the single
/// credential refresh after a 401.
public enum ProviderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Throttled (Google 403/429 `rateLimitExceeded`, `userRateLimitExceeded`; Graph 429;
    /// CalDAV 429/503). Wait `retryAfter` when the server said so, else back off exponentially.
    case rateLimited(retryAfter: Duration?, ProviderErrorContext)
    /// The sync cursor is no longer valid (Google 410 `fullSyncRequired`; Graph 410
    /// `SyncStateNotFound`; CalDAV `valid-sync-token`). Drop it and run a full listing; never
    /// retry the same cursor.
    case cursorInvalid(ProviderErrorContext)
    /// The credential was rejected even after one refresh. Refresh again later; if the refresh
    /// itself fails with ``tokenRevoked``, the user must relink.
    case unauthorized(ProviderErrorContext)
    /// The refresh token is dead (`invalid_grant`): mark the account as needing re-consent and
    /// stop its work without retrying.
    case tokenRevoked(ProviderErrorContext)
    /// The resource does not exist or is not visible (404). Reads: retry a bounded number of
    /// times, then treat as gone (or re-list calendars when a calendar vanished).
    case notFound(ProviderErrorContext)
    /// The resource existed and was deleted (410 `deleted`). For a delete this is success; for a
    /// read it is positive evidence of deletion.
    case gone(ProviderErrorContext)
    /// The version precondition (`If-Match` etag / changeKey) no longer holds: re-read the
    /// resource, re-apply the change, retry with the new version.
    case preconditionFailed(ProviderErrorContext)
    /// A create collided with an existing resource of the same identity (Google 409 `duplicate`,
    /// CalDAV 412 on `If-None-Match: *`) that the adapter could not adopt as ours: inspect it.
    case alreadyExists(ProviderErrorContext)
    /// A usage quota is exhausted (Google 403 `quotaExceeded`): stop writes to the account for a
    /// long period and alert; retrying soon makes it worse.
    case quotaExceeded(ProviderErrorContext)
    /// Permanently not allowed (403 without a rate reason, read-only calendar, non-organizer):
    /// do not retry; surface to the user.
    case forbidden(ProviderErrorContext)
    /// The request was wrong (400, or a client-side check such as a marker too long for the
    /// provider's limits): a bug or bad data; do not retry, dead-letter it.
    case invalidRequest(ProviderErrorContext)
    /// A server or network failure (5xx, timeout, connection reset) that may pass: back off and
    /// retry, but only idempotent or identity-keyed writes (a timeout may follow a committed write).
    case transient(ProviderErrorContext)
    /// The response could not be understood (bad JSON, missing or mistyped fields, a page
    /// without a continuation): retry later; if it persists, it is a provider or adapter bug.
    case malformedResponse(ProviderErrorContext)
    /// The provider does not offer this operation (e.g. push on a poll-only CalDAV server,
    /// OAuth refresh with app-password credentials): a caller bug; check the capabilities first.
    case unsupported(ProviderErrorContext)
    /// The calling task was cancelled before a response arrived; nothing to report.
    case cancelled(ProviderErrorContext)

    /// The context of any case.
    public var context: ProviderErrorContext {
        switch self {
        case .rateLimited(_, let c), .cursorInvalid(let c), .unauthorized(let c), .tokenRevoked(let c),
            .notFound(let c),
            .gone(let c), .preconditionFailed(let c), .alreadyExists(let c), .quotaExceeded(let c), .forbidden(let c),
            .invalidRequest(let c), .transient(let c), .malformedResponse(let c), .unsupported(let c),
            .cancelled(let c):
            return c
        }
    }

    /// What the caller should do next.
    public var recovery: ProviderRecovery {
        switch self {
        case .rateLimited(let retryAfter, _): return .retryAfter(retryAfter)
        case .cursorInvalid: return .fullResync
        case .unauthorized: return .refreshCredentialThenRetry
        case .tokenRevoked: return .relinkAccount
        case .notFound: return .boundedRetryThenTreatAsGone
        case .gone: return .treatAsDeleted
        case .preconditionFailed: return .rereadAndRetry
        case .alreadyExists: return .inspectExisting
        case .quotaExceeded: return .pauseWritesAndAlert
        case .forbidden, .invalidRequest, .unsupported: return .doNotRetry
        case .transient, .malformedResponse: return .backoffAndRetry
        case .cancelled: return .none
        }
    }

    /// A short name of the case (`rateLimited`, `cursorInvalid`, …) for metrics and journals.
    public var kind: String {
        switch self {
        case .rateLimited: return "rateLimited"
        case .cursorInvalid: return "cursorInvalid"
        case .unauthorized: return "unauthorized"
        case .tokenRevoked: return "tokenRevoked"
        case .notFound: return "notFound"
        case .gone: return "gone"
        case .preconditionFailed: return "preconditionFailed"
        case .alreadyExists: return "alreadyExists"
        case .quotaExceeded: return "quotaExceeded"
        case .forbidden: return "forbidden"
        case .invalidRequest: return "invalidRequest"
        case .transient: return "transient"
        case .malformedResponse: return "malformedResponse"
        case .unsupported: return "unsupported"
        case .cancelled: return "cancelled"
        }
    }

    /// `rateLimited: google events.list: HTTP 429 rateLimitExceeded; wait 7s, then retry`.
    public var description: String { "\(kind): \(context); \(recovery)" }
}
