import TMinusCore

/// A protocol-level failure the fake Graph server injects on its own, ordered by severity
/// (style rule 18). Network-level faults (timeouts, resets, bodies) belong to the transport.
public enum GraphServerFault: Int, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// 429 `TooManyRequests`. Recovery: wait `Retry-After`, retry.
    case tooManyRequests = 0
    /// 429 `ApplicationThrottled` (MailboxConcurrency). Recovery: as above, fewer parallel calls.
    case mailboxConcurrency = 1
    /// 503 `ServiceUnavailable`, maybe with `Retry-After`. Recovery: backoff and retry.
    case serviceUnavailable = 2
    /// 504 `UnknownError`. Recovery: backoff and retry idempotent or id-keyed requests.
    case gatewayTimeout = 3
    /// 412 `ErrorIrresolvableConflict`: the change key moved on (a concurrent edit). Recovery:
    /// re-read the event and write again if still needed.
    case irresolvableConflict = 4

    public static func < (a: GraphServerFault, b: GraphServerFault) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .tooManyRequests: return "too-many-requests"
        case .mailboxConcurrency: return "mailbox-concurrency"
        case .serviceUnavailable: return "service-unavailable"
        case .gatewayTimeout: return "gateway-timeout"
        case .irresolvableConflict: return "irresolvable-conflict"
        }
    }

    /// The error the fault answers with.
    func error(retryAfter: Int64?) -> GraphAPIError {
        switch self {
        case .tooManyRequests: return .tooManyRequests(retryAfter: retryAfter)
        case .mailboxConcurrency: return .mailboxConcurrency(retryAfter: retryAfter)
        case .serviceUnavailable: return .serviceUnavailable(retryAfter: retryAfter)
        case .gatewayTimeout: return .gatewayTimeout()
        case .irresolvableConflict: return .irresolvableConflict()
        }
    }
}

extension GraphServerFault: FakeServerFault {
    /// 503 `ServiceUnavailable` (504 `UnknownError` when asked for), 429 `TooManyRequests`, 412
    /// `ErrorIrresolvableConflict`. Graph throttles with 429 only.
    public init(neutral: NeutralServerFault, status: Int?) {
        switch neutral {
        case .serverError: self = status == 504 ? .gatewayTimeout : .serviceUnavailable
        case .rateLimit: self = .tooManyRequests
        case .preconditionFailure: self = .irresolvableConflict
        }
    }

    /// PATCH and DELETE of an event.
    public static let preconditionTargets = ["PATCH", "DELETE"].map { RequestPattern(path: "*/events/*", method: $0) }
}
