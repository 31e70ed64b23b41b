public import TMinusCore

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

/// One injected-fault rule of the fake Google server: answer matching requests with `fault`
/// during `window` (on the server's clock) with probability `probability`; a burst is a rule with
/// a short window and a high probability.
public struct GoogleFaultRule: Hashable, Sendable, CustomStringConvertible {
    public var fault: GoogleServerFault
    /// Which requests (path glob over `/calendar/v3/…`; the token endpoint is never targeted).
    public var target: RequestPattern
    public var window: TimeWindow
    public var probability: Ratio
    /// When set, the answer carries `Retry-After` with a whole number of seconds drawn from it.
    public var retryAfter: DelayRange?

    /// Creates a rule.
    public init(
        _ fault: GoogleServerFault, target: RequestPattern = .any, window: TimeWindow = .always, probability: Ratio,
        retryAfter: DelayRange? = nil
    ) {
        self.fault = fault
        self.target = target
        self.window = window
        self.probability = probability
        self.retryAfter = retryAfter
    }

    public var description: String { "\(fault) \(target) \(window) p=\(probability)" }
}
