public import TMinusCore
import TMinusEngine

/// How the world sets up one account of its person: the provider, how many calendars the person
/// keeps there (the first is the primary; every one is chosen for sync), and whether it is linked
/// when the world starts or later by a `link-account` step.
public struct WorldAccountPlan: Sendable, Hashable {
    public var provider: ProviderKind
    public var calendars: Int
    public var linked: Bool
    /// The person's time zone (IANA or Windows name; unknown names read as UTC).
    public var timeZone: String

    /// A plan; `calendars` below 1 counts as 1.
    public init(_ provider: ProviderKind, calendars: Int = 1, linked: Bool = true, timeZone: String = "UTC") {
        self.provider = provider
        self.calendars = max(1, calendars)
        self.linked = linked
        self.timeZone = timeZone
    }
}

extension SyncWorld {
    /// The person links the account of plan number `plan` that was left for later: the engine
    /// onboards it (flow C) and the world expects its mirrors from now on. Nil when that plan has
    /// no waiting account (already linked, or linked from the start).
    package func linkWaiting(plan: Int) async throws -> WorldAccount? {
        guard case (var account, let link)? = waiting.withLock({ $0.removeValue(forKey: plan) }) else { return nil }
        account.accountID = try await engine.linkAccount(userID: userID, link)
        let linkedAccount = account
        linked.withLock { $0.append(linkedAccount) }
        trace.record(component: "world", event: "linked \(account.accountID) \(account.provider.rawValue)")
        return account
    }

    /// The account of plan number `plan` while it waits to be linked (its engine ID is empty):
    /// the person already keeps events there, which linking imports.
    package func waitingAccount(plan: Int) -> WorldAccount? { waiting.withLock { $0[plan]?.0 } }

    /// The person consents again for an account the engine knows (revoked, or unlinked): a fresh
    /// grant from its fake, handed to the engine's link flow, which re-activates the same account
    /// and onboards it again. False when the fake has no grant to give.
    package func relink(_ account: WorldAccount) async throws -> Bool {
        guard let host = host(for: account.provider), var link = host.reconsent(login: account.login) else {
            return false
        }
        link.scopes = account.chosenCalendarIDs
        let accountID = try await engine.linkAccount(userID: userID, link)
        trace.record(component: "world", event: "relinked \(accountID) \(account.provider.rawValue)")
        return accountID == account.accountID
    }
}
