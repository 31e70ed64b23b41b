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
    /// (``onboard(_:chosen:)``): scopes, overlay, projection of existing events, and per scope an
    /// initial full sync and a watch, each step recorded when done. After a crash at any step the
    /// queued ONBOARD_ACCOUNT message resumes it where it stopped; a failing scope is retried by
    /// that message and reported in ``status(userID:)``. Relinking an account onboards it again.
    public func linkAccount(userID: String, _ link: AccountLink) async throws -> String {
        let accountID = try registry.linkAccount(
            userID: userID, provider: link.provider, subject: link.subject, email: link.email)
        let account = try account(accountID)
        try await account.acceptGrant(link.tokens)
        try await account.withStore { store throws(StoreError) in try store.resetOnboarding() }
        try requestOnboarding(accountID: accountID, after: Self.onboardingResumeDelay)
        try environment.crashes.reach(.onboardingAfterRegistration)
        try await onboard(accountID, chosen: link.scopes)
        record("account-linked \(accountID) \(link.provider.rawValue)")
        return accountID
    }
}
