import TMinusCore

/// A protocol-level failure the fake Google server injects on its own, ordered by severity
/// (style rule 18). Network-level faults (timeouts, resets, bodies) belong to the transport.
public enum GoogleServerFault: Int, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// 403 `userRateLimitExceeded`. Recovery: truncated exponential backoff with jitter.
    case userRateLimitExceeded = 0
    /// 403 `rateLimitExceeded`. Recovery: as above.
    case rateLimitExceeded403 = 1
    /// 429 `rateLimitExceeded`. Recovery: as above; honour `Retry-After` when present.
    case rateLimitExceeded429 = 2
    /// 500 `backendError`. Recovery: backoff and retry idempotent or id-keyed requests.
    case backendError = 3
    /// 503 `backendError`. Recovery: as above.
    case serviceUnavailable = 4
    /// 403 `quotaExceeded` "Calendar usage limits exceeded.". Recovery: stop writing for long.
    case quotaExceeded = 5
    /// 412 `conditionNotMet`: the event changed since the client read it (a concurrent edit).
    /// Recovery: re-read the event and write again if still needed.
    case conditionNotMet = 6

    public static func < (a: GoogleServerFault, b: GoogleServerFault) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .userRateLimitExceeded: return "user-rate-limit"
        case .rateLimitExceeded403: return "rate-limit-403"
        case .rateLimitExceeded429: return "rate-limit-429"
        case .backendError: return "backend-error"
        case .serviceUnavailable: return "service-unavailable"
        case .quotaExceeded: return "quota-exceeded"
        case .conditionNotMet: return "condition-not-met"
        }
    }

    /// The error the fault answers with.
    func error(retryAfter: Int64?) -> GoogleAPIError {
        switch self {
        case .userRateLimitExceeded: return .userRateLimitExceeded(retryAfter: retryAfter)
        case .rateLimitExceeded403: return .rateLimitExceeded(status: 403, retryAfter: retryAfter)
        case .rateLimitExceeded429: return .rateLimitExceeded(status: 429, retryAfter: retryAfter)
        case .backendError:
            var error = GoogleAPIError.backendError()
            error.retryAfterSeconds = retryAfter
            return error
        case .serviceUnavailable:
            var error = GoogleAPIError.backendError(status: 503)
            error.retryAfterSeconds = retryAfter
            return error
        case .quotaExceeded: return .quotaExceeded()
        case .conditionNotMet: return .conditionNotMet()
        }
    }
}

extension GoogleServerFault: FakeServerFault {
    /// 500 `backendError` (503 when asked for), 429 `rateLimitExceeded` (403 when asked for), 412
    /// `conditionNotMet`.
    public init(neutral: NeutralServerFault, status: Int?) {
        switch neutral {
        case .serverError: self = status == 503 ? .serviceUnavailable : .backendError
        case .rateLimit: self = status == 403 ? .rateLimitExceeded403 : .rateLimitExceeded429
        case .preconditionFailure: self = .conditionNotMet
        }
    }

    /// PATCH, PUT and DELETE of an event.
    public static let preconditionTargets = ["PATCH", "PUT", "DELETE"].map {
        RequestPattern(path: "/calendar/v3/calendars/*/events/*", method: $0)
    }
}
