public import TMinusCore
import TMinusProviders
public import TMinusStore

/// What a caller gives to link an account: the provider, the stable subject, and the credentials
/// obtained by the OAuth consent (or the CalDAV app password as `refreshToken`).
public struct AccountLink: Sendable {
    public var provider: ProviderKind
    public var subject: String
    public var email: String?
    public var tokens: AccountTokens

    /// Creates a link request.
    public init(provider: ProviderKind, subject: String, email: String? = nil, tokens: AccountTokens) {
        self.provider = provider
        self.subject = subject
        self.email = email
        self.tokens = tokens
    }
}

extension Engine {
    /// Creates a user.
    public func createUser() throws -> String { try registry.createUser() }

    /// Onboarding (flow C): registers the account, stores its tokens, records its primary calendar
    /// and the overlay calendar (created if missing), links it into the user's graph with the default
    /// policy (existing events are projected into it), and asks for a full sync of each scope.
    /// Every step is idempotent, so running it again after a crash resumes where it stopped.
    public func linkAccount(userID: String, _ link: AccountLink) async throws -> String {
        let accountID = try registry.linkAccount(
            userID: userID, provider: link.provider, subject: link.subject, email: link.email)
        let account = try account(accountID)
        let tokens = link.tokens
        try await account.withStore { store throws(StoreError) in try store.storeTokens(tokens) }
        let provider = await account.provider(using: factory)
        let calendars = try await provider.listCalendars()
        let overlay = try await provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
        try await account.withStore { store throws(StoreError) in
            for calendar in calendars where calendar.isPrimary {
                try store.upsertScope(CalendarScope(providerCalendarID: calendar.id, role: .primary))
            }
            try store.upsertScope(
                CalendarScope(providerCalendarID: overlay.calendar.id, role: .overlay, syncEnabled: true))
        }
        let graph = try graph(of: userID)
        try await graph.linkAccount(accountID, provider: link.provider)
        try await relayOutbox(of: userID)
        for calendar in calendars where calendar.isPrimary {
            try requestSync(
                SyncRequest(accountID: accountID, calendarID: calendar.id, full: true, reason: "onboarding"))
        }
        try requestSync(
            SyncRequest(accountID: accountID, calendarID: overlay.calendar.id, full: true, reason: "onboarding"))
        try await ensureWatches(accountID: accountID)
        record("account-linked \(accountID) \(link.provider.rawValue)")
        return accountID
    }
}
