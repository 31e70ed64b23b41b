import TMinusCore

/// Maps a failed Microsoft Graph response to the ``ProviderError`` taxonomy (pure).
///
/// Decisions follow the error `code` of the envelope `{"error":{"code","message","innerError"}}`
/// (nested `innerError` codes walked too, M-ERR), compared case-insensitively (Graph sends both
/// `SyncStateNotFound` and `syncStateNotFound`, M-I2350), never the message:
///
/// | HTTP | code | → |
/// |---|---|---|
/// | any 4xx | `syncStateNotFound`, `syncStateInvalid`, `resyncRequired` | `cursorInvalid` |
/// | 410 | on a delta round (including the `Location` sync-reset variant) | `cursorInvalid` |
/// | 400 | anything else | `invalidRequest` |
/// | 401 | `InvalidAuthenticationToken`, … | `unauthorized` (the exchange already refreshed once) |
/// | 403 | `ErrorQuotaExceeded`, `QuotaExceeded` | `quotaExceeded` |
/// | 403 | anything else (`ErrorAccessDenied`, …) | `forbidden` |
/// | 403 | no code readable (Graph always names one: the body was damaged) | `ProviderError.unreadableRefusal`: retried |
/// | 404 | `ErrorItemNotFound`, … | `notFound` |
/// | 409 | `ErrorFolderExists`, … | `alreadyExists` |
/// | 410 | elsewhere | `gone` |
/// | 412 | `ErrorIrresolvableConflict`, `resourceModified` | `preconditionFailed` |
/// | 429 | `TooManyRequests`, `ApplicationThrottled` (MailboxConcurrency) | `rateLimited` |
/// | 503 | with `Retry-After` | `rateLimited` (the server named the wait) |
/// | 5xx | the rest | `transient` |
///
/// The body may be missing or not JSON (a gateway's HTML 502): the status alone decides then.
public enum GraphErrorMapper: Sendable {
    /// Operations whose 410 always means "the delta link is gone".
    static let deltaOperations: Set<String> = ["calendarView.delta"]
    /// Codes that mean "drop the delta state and start over", whatever the status.
    static let cursorCodes: Set<String> = ["syncstatenotfound", "syncstateinvalid", "resyncrequired"]
    static let quotaCodes: Set<String> = ["errorquotaexceeded", "quotaexceeded"]

    /// The taxonomy case of `response` (which is not 2xx) for `operation`.
    public static func map(_ response: HTTPResponse, operation: String) -> ProviderError {
        let codes = self.codes(in: response.body)
        let lowered = Set(codes.map { $0.lowercased() })
        var context = ProviderErrorContext(
            provider: .microsoft, operation: operation, status: response.status, reason: codes.first)
        let retryAfter = RetryAfter.duration(in: response.headers)
        if (400..<500).contains(response.status), !lowered.isDisjoint(with: cursorCodes) {
            return .cursorInvalid(context)
        }
        switch response.status {
        case 400: return .invalidRequest(context)
        case 401: return .unauthorized(context)
        case 403 where codes.isEmpty: return .unreadableRefusal(response, context)
        case 403: return lowered.isDisjoint(with: quotaCodes) ? .forbidden(context) : .quotaExceeded(context)
        case 404: return .notFound(context)
        case 409: return .alreadyExists(context)
        case 410:
            if deltaOperations.contains(operation) {
                if response.headers["Location"] != nil, context.reason == nil {
                    context.detail = "sync reset: restart from the initial query"
                }
                return .cursorInvalid(context)
            }
            return .gone(context)
        case 412: return .preconditionFailed(context)
        case 429: return .rateLimited(retryAfter: retryAfter, context)
        case 503 where retryAfter != nil: return .rateLimited(retryAfter: retryAfter, context)
        case 500...599: return .transient(context)
        case 402, 405...499: return .invalidRequest(context)
        default:
            context.detail = "unexpected HTTP status for a failure"
            return .malformedResponse(context)
        }
    }

    /// `error.code`, then every nested `innerError.code` (outermost first), each at most 64
    /// characters; empty when the body has none.
    public static func codes(in body: [UInt8]) -> [String] {
        guard !body.isEmpty, let json = try? WireJSON.parse(body), var level = json["error"] else { return [] }
        var codes: [String] = []
        for _ in 0..<8 {
            if case .string(let code)? = level["code"], !code.isEmpty { codes.append(String(code.prefix(64))) }
            guard let inner = level["innerError"] ?? level["innererror"] else { break }
            level = inner
        }
        return codes
    }
}
