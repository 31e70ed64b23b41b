public import TMinusCore

/// A provider fault of a scenario limited to some providers and a window: server errors, rate
/// limits, push loss and duplication, 412s on event writes, eventual consistency, shifting pages.
/// Several may coexist (one per `faults[]` entry), each keeping its own window and targets.
public struct ScopedProviderFault: Hashable, Sendable {
    /// The providers it hits; empty: every provider.
    public var providers: [ProviderKind]
    /// When it is active (on the world's true clock).
    public var window: TimeWindow
    /// How often it fires among eligible requests.
    public var probability: Ratio
    /// The kind's delay (eventual consistency: how long a write stays invisible to listings).
    public var delay: DelayRange?
    /// The kind's HTTP status (server errors, rate limits), nil for the fake's usual one.
    public var status: Int?
    /// The `Retry-After` a rate limit carries, nil for the default.
    public var retryAfter: DelayRange?

    /// Creates a scoped fault.
    public init(
        providers: [ProviderKind] = [], window: TimeWindow = .always, probability: Ratio = .always,
        delay: DelayRange? = nil, status: Int? = nil, retryAfter: DelayRange? = nil
    ) {
        self.providers = providers
        self.window = window
        self.probability = probability
        self.delay = delay
        self.status = status
        self.retryAfter = retryAfter
    }

    /// True when it hits `kind`.
    public func hits(_ kind: ProviderKind) -> Bool { providers.isEmpty || providers.contains(kind) }
}

extension [ScopedProviderFault] {
    /// The faults that hit `kind` at `now`, in declaration order.
    func active(for kind: ProviderKind, at now: Timestamp) -> [ScopedProviderFault] {
        filter { $0.hits(kind) && $0.window.contains(now) }
    }

    /// The faults that hit `kind` at any time.
    func hitting(_ kind: ProviderKind) -> [ScopedProviderFault] { filter { $0.hits(kind) } }
}
