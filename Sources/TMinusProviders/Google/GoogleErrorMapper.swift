import TMinusCore

/// Maps a failed Google Calendar response to the ``ProviderError`` taxonomy (pure).
///
/// Decisions follow the `reason` of the error envelope, not the status alone — a 403 means either
/// "slow down" or "never" ([G-ERR]):
///
/// | HTTP | reason | → |
/// |---|---|---|
/// | 400 | any (`timeRangeEmpty`, `syncTokenWithRequestRestrictions`, …) | `invalidRequest` |
/// | 401 | `authError` | `unauthorized` (the exchange already refreshed once) |
/// | 403 | `rateLimitExceeded`, `userRateLimitExceeded` | `rateLimited` |
/// | 403 | `quotaExceeded`, `dailyLimitExceeded` | `quotaExceeded` |
/// | 403 | anything else (`forbiddenForNonOrganizer`, `requiredAccessLevel`, …) | `forbidden` |
/// | 403 | none readable (the envelope cut short or missing) | `rateLimited` with its `Retry-After`, else `malformedResponse` (retried) |
/// | 404 | `notFound` | `notFound` |
/// | 409 | `duplicate` (or none) | `alreadyExists`; `conflict` (batch only) → `transient` |
/// | 410 | `fullSyncRequired`, `updatedMinTooLongAgo`; any 410 from `events.list` | `cursorInvalid` |
/// | 410 | `deleted` and the rest | `gone` |
/// | 412 | `conditionNotMet` | `preconditionFailed` |
/// | 429 | `rateLimitExceeded` | `rateLimited` |
/// | 503 | with `Retry-After` | `rateLimited` (the server named the wait: invariant K holds it) |
/// | 5xx | `backendError`, … | `transient` |
///
/// The body may be missing or not JSON (a proxy's HTML 502): the status alone decides then, except
/// for a 403, where the status alone cannot tell "slow down" from "never": Google always names its
/// reason, so a 403 without one is a damaged answer, retried with backoff rather than taken for a
/// refusal that would give up on the request for good (fuzz seed 31697: a `rateLimitExceeded` cut
/// short in transit made the write consumer record a mirror as failed).
/// Unknown reasons are tolerated (Google warns new ones appear). `Retry-After` is honoured on
/// every rate-limit answer.
public enum GoogleErrorMapper: Sendable {
    /// Operations whose 410 always means "the sync token is gone".
    static let listingOperations: Set<String> = ["events.list"]

    /// The taxonomy case of `response` (which is not 2xx) for `operation`.
    public static func map(_ response: HTTPResponse, operation: String) -> ProviderError {
        let reason = self.reason(in: response.body)
        let context = ProviderErrorContext(
            provider: .google, operation: operation, status: response.status, reason: reason)
        switch response.status {
        case 400: return .invalidRequest(context)
        case 401: return .unauthorized(context)
        case 403:
            switch reason {
            case "rateLimitExceeded", "userRateLimitExceeded":
                return .rateLimited(retryAfter: RetryAfter.duration(in: response.headers), context)
            case "quotaExceeded", "dailyLimitExceeded": return .quotaExceeded(context)
            case nil: return .unreadableRefusal(response, context)
            default: return .forbidden(context)
            }
        case 404: return .notFound(context)
        case 409: return reason == "conflict" ? .transient(context) : .alreadyExists(context)
        case 410:
            if reason == "fullSyncRequired" || reason == "updatedMinTooLongAgo" || listingOperations.contains(operation)
            {
                return .cursorInvalid(context)
            }
            return .gone(context)
        case 412: return .preconditionFailed(context)
        case 429: return .rateLimited(retryAfter: RetryAfter.duration(in: response.headers), context)
        case 503 where RetryAfter.duration(in: response.headers) != nil:
            return .rateLimited(retryAfter: RetryAfter.duration(in: response.headers), context)
        case 500...599: return .transient(context)
        case 402, 405...499: return .invalidRequest(context)
        default:
            var unexpected = context
            unexpected.detail = "unexpected HTTP status for a failure"
            return .malformedResponse(unexpected)
        }
    }

    /// The first `error.errors[].reason` of Google's envelope, or nil when the body has none.
    public static func reason(in body: [UInt8]) -> String? {
        guard !body.isEmpty, let json = try? WireJSON.parse(body), case .object? = json["error"] else { return nil }
        if case .array(let errors)? = json["error"]?["errors"] {
            for entry in errors {
                if case .string(let reason)? = entry["reason"], !reason.isEmpty { return String(reason.prefix(64)) }
            }
        }
        // Newer Google APIs add a gRPC-style status (e.g. RESOURCE_EXHAUSTED) when no reason is given.
        if case .string(let status)? = json["error"]?["status"], !status.isEmpty { return String(status.prefix(64)) }
        return nil
    }
}
