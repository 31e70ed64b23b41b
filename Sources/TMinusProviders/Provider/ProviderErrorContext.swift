public import TMinusCore

/// What a report needs to know about a failed provider call, and nothing it must not see.
///
/// It keeps the operation, the HTTP status and the provider's own reason code (`rateLimitExceeded`,
/// `SyncStateNotFound`, `valid-sync-token`, `invalid_grant`), plus a short explanation written by
/// the adapter. Response bodies are never copied in: they can hold event titles and descriptions.
public struct ProviderErrorContext: Hashable, Sendable, CustomStringConvertible {
    /// The provider the call went to.
    public var provider: ProviderKind
    /// The provider operation, e.g. `events.list`, `events.insert`, `oauth.token`.
    public var operation: String
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// The provider's machine-readable reason or code, when it gave one.
    public var reason: String?
    /// A data-free explanation (a JSON path for malformed payloads, a transport failure, …).
    public var detail: String?

    /// Creates a context.
    public init(
        provider: ProviderKind, operation: String, status: Int? = nil, reason: String? = nil, detail: String? = nil
    ) {
        self.provider = provider
        self.operation = operation
        self.status = status
        self.reason = reason
        self.detail = detail
    }

    /// `google events.list: HTTP 410 fullSyncRequired (…)`.
    public var description: String {
        var text = "\(provider.rawValue) \(operation)"
        if let status { text += ": HTTP \(status)" }
        if let reason { text += (status == nil ? ": " : " ") + reason }
        if let detail { text += " (\(detail))" }
        return text
    }
}
