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
    /// Calendars the user chose to sync besides the primary (provider calendar IDs); nil: the primary only.
    public var scopes: [String]?

    /// Creates a link request.
    public init(
        provider: ProviderKind, subject: String, email: String? = nil, tokens: AccountTokens, scopes: [String]? = nil
    ) {
        self.provider = provider
        self.subject = subject
        self.email = email
        self.tokens = tokens
        self.scopes = scopes
    }
}

extension Engine {
    /// Creates a user.
    public func createUser() throws -> String { try registry.createUser() }

    /// Onboarding (flow C): registers the account and stores its tokens, records the workflow's
    /// resume message (the durable record that survives a crash), then runs the workflow
    /// (``onboard(_:)``): scopes, overlay, projection of existing events, and per scope an
    /// initial full sync and a watch, each step recorded when done. After a crash at any step the
    /// queued ONBOARD_ACCOUNT message resumes it where it stopped; a failing scope is retried by
    /// that message and reported in ``status(userID:)``. Relinking an account onboards it again.
    /// A provider error during the workflow does not undo the link: it is traced and the queued
    /// message resumes the workflow later, with the calendars chosen here (stored with the link).
    public func linkAccount(userID: String, _ link: AccountLink) async throws -> String {
        let accountID = try registry.linkAccount(
            userID: userID, provider: link.provider, subject: link.subject, email: link.email)
        let account = try account(accountID)
        try await account.acceptGrant(link.tokens)
        let chosen = link.scopes
        try await account.withStore { store throws(StoreError) in try store.resetOnboarding(chosenCalendars: chosen) }
        try requestOnboarding(accountID: accountID, after: Self.onboardingResumeDelay)
        try environment.crashes.reach(.onboardingAfterRegistration)
        do {
            try await onboard(accountID)
        } catch {
            // The link itself is done and durable; the queued ONBOARD_ACCOUNT message resumes the
            // workflow (a provider that failed the calendar listing, say, is asked again later).
            guard !error.isProcessCrash else { throw error }
            record("onboarding-deferred \(accountID) \(error)")
        }
        record("account-linked \(accountID) \(link.provider.rawValue)")
        return accountID
    }
}
