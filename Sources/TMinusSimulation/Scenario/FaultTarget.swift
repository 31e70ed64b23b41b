public import TMinusCore

/// Where a fault applies: a provider, one account, or an engine component. Absent fields mean
/// "any": a transport fault with an empty target hits every provider.
public struct FaultTarget: Hashable, Sendable, CustomStringConvertible {
    /// The fields a target may have (which ones a kind accepts is in its catalogue entry).
    public enum Field: String, Hashable, Sendable, CaseIterable {
        case provider, account, component
    }

    /// Every account of this provider.
    public var provider: ProviderKind?
    /// One account, by its scenario ID.
    public var account: String?
    /// One engine component.
    public var component: ScenarioComponent?

    /// Creates a target; every field defaults to "any".
    public init(provider: ProviderKind? = nil, account: String? = nil, component: ScenarioComponent? = nil) {
        self.provider = provider
        self.account = account
        self.component = component
    }

    /// Matches everything.
    public static let any = FaultTarget()

    /// `provider=google account=work` or `any`.
    public var description: String {
        var parts: [String] = []
        if let provider { parts.append("provider=\(provider.rawValue)") }
        if let account { parts.append("account=\(account)") }
        if let component { parts.append("component=\(component.rawValue)") }
        return parts.isEmpty ? "any" : parts.joined(separator: " ")
    }
}

/// The engine's processes and services a scenario can crash, skew or redeliver to, named as in
/// traces. `process` is the whole engine process (every consumer at once).
///
/// The names are the scenario format's vocabulary; the executor maps them onto its components.
public enum ScenarioComponent: String, Hashable, Sendable, CaseIterable, Comparable {
    /// The whole engine process: every consumer, the relay, cron and the webhook receiver.
    case process
    /// The consumer of the sync queue (provider listings into canonical state).
    case syncConsumer = "sync-consumer"
    /// The consumer of the write queue (mirror writes to providers).
    case writeConsumer = "write-consumer"
    /// The consumer of the reconcile queue.
    case reconcileConsumer = "reconcile-consumer"
    /// The relay moving outbox entries into the write queue.
    case outboxRelay = "outbox-relay"
    /// The periodic tick: polling, channel renewal, daily reconcile, token health.
    case cron
    /// The HTTP endpoint receiving push notifications.
    case webhookReceiver = "webhook-receiver"

    public static func < (a: ScenarioComponent, b: ScenarioComponent) -> Bool { a.rawValue < b.rawValue }
}
