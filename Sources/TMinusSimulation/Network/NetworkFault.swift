/// One thing the simulated network can do to an exchange, ordered by severity (style rule 18).
///
/// Each case documents what the client sees and the recovery the engine must have. The cases a
/// provider documents as possible on the real network are all here; a fake server adds its own
/// protocol-level faults (rate limits, 5xx, token invalidation) on top.
public enum NetworkFault: Int, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// The exchange takes the rule's latency instead of the default distribution (a slow link).
    /// Recovery: none needed; timeouts above the client's deadline are the client's business.
    case slow = 0
    /// The connection is reset before the request reaches the server; nothing was applied.
    /// The client gets ``TransportError/connectionReset``. Recovery: retry.
    case connectionReset = 1
    /// The request is lost before the server applies it; after the timeout the client gets
    /// ``TransportError/timedOut``. Recovery: retry (the client cannot tell this from the next case).
    case timeoutBeforeApply = 2
    /// The response body arrives cut short at a random byte. Recovery: the parser reports a
    /// malformed response; retry reads (and id-keyed writes).
    case truncatedBody = 3
    /// The response body arrives with a byte that no JSON or XML parser accepts inserted at a
    /// random position. Recovery: as for a truncated body.
    case malformedBody = 4
    /// The request reaches the server twice; the client gets the answer to the second delivery
    /// (for a create with a client-chosen id: 409 although the event was just created).
    /// Recovery: id-keyed writes and adoption of an existing resource.
    case duplicateDelivery = 5
    /// The server applies the request, then the response is lost: after the timeout the client gets
    /// ``TransportError/timedOut`` although the server state changed. Recovery: the retry must be
    /// idempotent (deterministic ids → 409 → adopt; If-Match → 412 → re-read).
    case timeoutAfterApply = 6

    public static func < (a: NetworkFault, b: NetworkFault) -> Bool { a.rawValue < b.rawValue }

    /// The stable name used in traces and scenario files, e.g. `timeout-after-apply`.
    public var description: String {
        switch self {
        case .slow: return "slow"
        case .connectionReset: return "connection-reset"
        case .timeoutBeforeApply: return "timeout-before-apply"
        case .truncatedBody: return "truncated-body"
        case .malformedBody: return "malformed-body"
        case .duplicateDelivery: return "duplicate-delivery"
        case .timeoutAfterApply: return "timeout-after-apply"
        }
    }

    /// The fault named `name` (the ``description`` form), or nil.
    public init?(name: String) {
        guard let match = NetworkFault.allCases.first(where: { $0.description == name }) else { return nil }
        self = match
    }

    /// Whether the server handles the request at least once under this fault.
    public var reachesServer: Bool {
        switch self {
        case .connectionReset, .timeoutBeforeApply: return false
        case .slow, .truncatedBody, .malformedBody, .duplicateDelivery, .timeoutAfterApply: return true
        }
    }
}
