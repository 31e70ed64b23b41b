public import TMinusCore
import TMinusProviders

/// One simulated person's account: which provider, its identity at the fake, and its engine ID.
public struct WorldAccount: Hashable, Sendable {
    /// The provider this account lives at.
    public var provider: ProviderKind
    /// The account's identity at the fake (an email address).
    public var login: String
    /// The fake's ID of the account's primary calendar (humans create events there).
    public var primaryCalendarID: String
    /// The engine's `acc_` ID once linked.
    public var accountID: String

    /// Decodes our markers from an inspected event of this provider (the checker's view).
    public func markers(of event: InspectedEvent) -> MarkerEvidence {
        switch provider {
        case .google:
            return .google(privateProperties: event.privateProperties)
        case .microsoft:
            let value = event.privateProperties.keys.sorted().lazy.compactMap { key -> String? in
                key.lowercased().contains("name tminus") ? event.privateProperties[key] : nil
            }.first
            return .microsoft(extendedPropertyValue: value, categories: [])
        case .caldav:
            return .caldav(properties: event.privateProperties)
        }
    }
}
