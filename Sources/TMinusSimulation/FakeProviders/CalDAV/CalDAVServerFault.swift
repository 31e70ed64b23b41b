import TMinusCore

/// A protocol-level failure the fake CalDAV server injects on its own (fault row 49 and server
/// errors). Network-level faults (timeouts, resets, truncated bodies) belong to the transport.
public enum CalDAVServerFault: Int, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// 429 Too Many Requests (Nextcloud's `TooManyRequests`). Recovery: honour `Retry-After`.
    case tooManyRequests = 0
    /// 503 Service Unavailable (iCloud, Nextcloud under load). Recovery: back off.
    case serviceUnavailable = 1
    /// 500 Internal Server Error. Recovery: back off, retry idempotent requests.
    case internalError = 2
    /// 412 Precondition Failed: the resource's ETag no longer matches `If-Match` (a concurrent
    /// edit). Recovery: re-read and write again if still needed.
    case preconditionFailed = 3

    /// The HTTP status the fault answers with.
    public var status: Int {
        switch self {
        case .tooManyRequests: return 429
        case .serviceUnavailable: return 503
        case .internalError: return 500
        case .preconditionFailed: return 412
        }
    }

    public var description: String {
        switch self {
        case .tooManyRequests: return "too-many-requests"
        case .serviceUnavailable: return "service-unavailable"
        case .internalError: return "internal-error"
        case .preconditionFailed: return "precondition-failed"
        }
    }
}

extension CalDAVServerFault: FakeServerFault {
    /// 503 (500 when asked for), 429, 412.
    public init(neutral: NeutralServerFault, status: Int?) {
        switch neutral {
        case .serverError: self = status == 500 ? .internalError : .serviceUnavailable
        case .rateLimit: self = .tooManyRequests
        case .preconditionFailure: self = .preconditionFailed
        }
    }

    /// PUT and DELETE of a calendar object resource.
    public static let preconditionTargets = ["PUT", "DELETE"].map { RequestPattern(path: "*.ics", method: $0) }
}
