public import TMinusCore

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

/// One injected-fault rule of the fake Graph server: answer matching requests with `fault`
/// during `window` (on the server's clock) with probability `probability`; a burst is a rule with
/// a short window and a high probability.
public struct GraphFaultRule: Hashable, Sendable, CustomStringConvertible {
    public var fault: GraphServerFault
    /// Which requests (path glob over `/v1.0/…`; the token endpoint is never targeted).
    public var target: RequestPattern
    public var window: TimeWindow
    public var probability: Ratio
    /// When set, the answer carries `Retry-After` with a whole number of seconds drawn from it.
    public var retryAfter: DelayRange?

    /// Creates a rule.
    public init(
        _ fault: GraphServerFault, target: RequestPattern = .any, window: TimeWindow = .always, probability: Ratio,
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
