import TMinusCore

extension ProviderError {
    /// A refusal whose status alone cannot tell "slow down" from "never" (a 403 from Google or
    /// Graph, which always name their reason or code, or a CalDAV 403 declaring a `DAV:error` body)
    /// and whose reason could not be read: the body was cut short or replaced in transit. A rate limit when the answer names its wait
    /// (`Retry-After`), else a malformed answer, retried with backoff; never a refusal for good,
    /// which would make the write consumer give up on a mirror (fuzz seed 31697).
    static func unreadableRefusal(_ response: HTTPResponse, _ context: ProviderErrorContext) -> ProviderError {
        if let wait = RetryAfter.duration(in: response.headers) { return .rateLimited(retryAfter: wait, context) }
        var unreadable = context
        unreadable.detail = "a \(response.status) without a readable reason (slow down, or never?)"
        return .malformedResponse(unreadable)
    }
}
