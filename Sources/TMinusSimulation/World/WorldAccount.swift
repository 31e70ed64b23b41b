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
    /// The person's time zone (IANA): the generated workload books meetings in its working hours.
    public var timeZone = "UTC"
    /// The fake's IDs of the account's other calendars the person made and chose to sync (a
    /// scenario account's `calendars` beyond the first), in order.
    public var secondaryCalendarIDs: [String] = []

    /// The calendars the person chose to sync when linking: nil (the engine's default, the primary
    /// only) for one calendar, else all of them, the primary included. CalDAV has no primary of its
    /// own (the adapter takes the first writable collection the server lists), so naming the one
    /// the humans think of as primary is what keeps it synced.
    public var chosenCalendarIDs: [String]? {
        secondaryCalendarIDs.isEmpty ? nil : calendarIDs
    }

    /// Every calendar of the account, the primary first (calendar number 0) and then the
    /// secondary ones in the order the scenario declared them.
    public var calendarIDs: [String] { [primaryCalendarID] + secondaryCalendarIDs }

    /// The fake's ID of the account's calendar number `index` (0 is the primary), or nil.
    public func calendarID(at index: Int) -> String? {
        let all = calendarIDs
        return all.indices.contains(index) ? all[index] : nil
    }

    /// Decodes our markers from an inspected event of this provider (the checker's view).
    public func markers(of event: InspectedEvent) -> MarkerEvidence { Self.markers(of: event, at: provider) }

    /// Decodes our markers from an inspected event of `provider`.
    static func markers(of event: InspectedEvent, at provider: ProviderKind) -> MarkerEvidence {
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
