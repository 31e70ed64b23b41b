public import TMinusCore
public import TMinusProviders
public import TMinusSQLite
public import TMinusStore

/// Builds the provider adapter of one account. The composition root (simulation or live) supplies
/// it, so the engine never names a concrete adapter or transport.
public typealias ProviderFactory =
    @Sendable (
        _ kind: ProviderKind, _ credentials: any CredentialSource
    ) -> any CalendarProvider

/// How an account authenticates: OAuth (access + refresh token) or a CalDAV app password.
public enum AccountAuth: Hashable, Sendable {
    /// OAuth 2.0: the access token is refreshed with the refresh token.
    case oauth
    /// HTTP Basic with a user name; the password is stored as the account's refresh secret.
    case basic(user: String)
}

/// The serialized unit of one external account (the seed's AccountDO): its tokens, calendar scopes,
/// cursors and watches (in its own ``AccountStore``), and its provider adapter.
///
/// It is the adapter's ``CredentialSource``: refresh is single-flight, happens 5 minutes before
/// expiry, stores a rotated refresh token before the new access token is used, and turns
/// `invalid_grant` into a revoked account without a retry storm (engine rule 10).
public actor AccountState: CredentialSource {
    public nonisolated let accountID: String
    public nonisolated let kind: ProviderKind
    let store: AccountStore
    let auth: AccountAuth
    let clock: any WallClock
    private var adapter: (any CalendarProvider)?
    private var refreshing: Task<ProviderCredential, any Error>?
    private(set) var isRevoked = false
    /// Until when the provider's quota is known to be spent: calls are held back until then.
    private(set) var quotaPausedUntil: Timestamp?
    /// Until when the provider asked (`Retry-After`) that this account's calls wait; the adapter's
    /// ``RetryAfterGate`` keeps and honours it.
    private let retryAfter = RetryAfterHold()

    /// How long before expiry an access token is refreshed.
    public static let refreshAhead: Duration = .seconds(300)
    /// How long calls to a provider whose quota is spent are held back before one probe.
    public static let quotaPauseLength: Duration = .seconds(3600)

    /// Opens the account's store at `path` with `options`.
    public init(
        accountID: String, kind: ProviderKind, auth: AccountAuth, path: String, environment: Environment,
        options: ConnectionOptions = .standard
    ) throws(StoreError) {
        self.accountID = accountID
        self.kind = kind
        self.auth = auth
        self.clock = environment.clock
        store = try AccountStore(accountID: accountID, path: path, environment: environment, options: options)
    }

    /// See ``AccountStore/abandonForCrashTest()``.
    public func abandonForCrashTest() { store.abandonForCrashTest() }

    /// The adapter, built on first use with this unit as its credential source, behind the
    /// account's ``RetryAfterGate``: no call goes out while a provider's `Retry-After` lasts.
    public func provider(using factory: ProviderFactory) -> any CalendarProvider {
        if let adapter { return adapter }
        let made = RetryAfterGate(adapter: factory(kind, AccountCredentials(self)), hold: retryAfter, clock: clock)
        adapter = made
        return made
    }

    /// Runs `body` with the account's store (reads and writes of cursors, scopes, watches).
    public func withStore<T: Sendable>(_ body: (AccountStore) throws(StoreError) -> T) throws(StoreError) -> T {
        try body(store)
    }

    /// True once the refresh token was refused: the user must relink.
    public var needsRelink: Bool { isRevoked }

    /// The user consented again (a relink): the new grant replaces the stored tokens and the
    /// account is no longer treated as revoked, in this process and after a restart alike.
    public func acceptGrant(_ tokens: AccountTokens) throws(StoreError) {
        try store.storeTokens(tokens)
        isRevoked = false
    }

    /// The provider said the quota is spent (Google 403 `quotaExceeded`): hold every call to it
    /// back for ``quotaPauseLength`` (engine rule 11: no retry storm against a spent quota).
    public func pauseForQuota() {
        let until = clock.now().adding(Self.quotaPauseLength)
        quotaPausedUntil = max(quotaPausedUntil ?? until, until)
    }

    /// How long calls are still held back at `now`, or nil when they may go.
    public func quotaPause(at now: Timestamp) -> Duration? {
        guard let until = quotaPausedUntil, until > now else { return nil }
        return until.duration(since: now)
    }

    /// How long the provider's `Retry-After` still holds every call to this account back at `now`,
    /// or nil when calls may go. A handler checks it before it starts, so that held work waits
    /// without spending an attempt (the gate would answer each call with the same wait).
    public nonisolated func retryAfterHold(at now: Timestamp) -> Duration? {
        retryAfter.remaining(at: now)
    }

    /// What holds this account's calls back at `now` (a spent quota before a `Retry-After`), or nil
    /// when they may go.
    public func hold(at now: Timestamp) -> AccountHold? {
        if let wait = quotaPause(at: now) { return AccountHold(wait: wait, reason: .quotaSpent) }
        if let wait = retryAfterHold(at: now) { return AccountHold(wait: wait, reason: .retryAfter) }
        return nil
    }

    // MARK: - CredentialSource

    public func credential() async throws(ProviderError) -> ProviderCredential {
        let tokens = try storedTokens()
        if case .basic(let user) = auth {
            return .basic(user: user, password: ProviderSecret(tokens.refreshToken.revealed))
        }
        if tokens.accessTokenExpiresAt.duration(since: clock.now()) > Self.refreshAhead {
            return .bearer(ProviderSecret(tokens.accessToken.revealed))
        }
        return try await refreshOnce()
    }

    public func refreshedCredential(replacing rejected: ProviderCredential) async throws(ProviderError)
        -> ProviderCredential
    {
        if case .basic = auth {
            throw .unauthorized(context("credential", status: 401, reason: "basic credentials rejected"))
        }
        let tokens = try storedTokens()
        if case .bearer(let current) = rejected, current.revealed != tokens.accessToken.revealed,
            tokens.accessTokenExpiresAt.duration(since: clock.now()) > Self.refreshAhead
        {
            return .bearer(ProviderSecret(tokens.accessToken.revealed))  // someone refreshed meanwhile
        }
        return try await refreshOnce()
    }

    private func storedTokens() throws(ProviderError) -> AccountTokens {
        if isRevoked { throw .tokenRevoked(context("credential", reason: "refresh token revoked")) }
        guard let tokens = try? store.tokens() else {
            throw .unauthorized(context("credential", reason: "no tokens stored"))
        }
        return tokens
    }

    /// One refresh at a time per account; concurrent callers share its result.
    private func refreshOnce() async throws(ProviderError) -> ProviderCredential {
        if let refreshing {
            do { return try await refreshing.value } catch { throw Self.providerError(error) }
        }
        guard let adapter else {
            throw .unauthorized(context("refresh", reason: "no adapter"))
        }
        let tokens = try storedTokens()
        let task = Task<ProviderCredential, any Error> {
            let grant = try await adapter.refreshAccessToken(using: ProviderSecret(tokens.refreshToken.revealed))
            return try self.store(grant, previous: tokens)
        }
        refreshing = task
        defer { refreshing = nil }
        do {
            return try await task.value
        } catch {
            let mapped = Self.providerError(error)
            if case .tokenRevoked = mapped { isRevoked = true }
            throw mapped
        }
    }

    private func store(_ grant: TokenGrant, previous: AccountTokens) throws -> ProviderCredential {
        let refreshed = AccountTokens(
            accessToken: Secret(grant.accessToken.revealed), accessTokenExpiresAt: clock.now().adding(grant.expiresIn),
            refreshToken: grant.rotatedRefreshToken.map { Secret($0.revealed) } ?? previous.refreshToken,
            scopes: grant.scopes.isEmpty ? previous.scopes : grant.scopes)
        try store.storeTokens(refreshed)  // the rotated refresh token is durable before it is used
        return .bearer(grant.accessToken)
    }

    private nonisolated func context(_ operation: String, status: Int? = nil, reason: String) -> ProviderErrorContext {
        ProviderErrorContext(provider: kind, operation: operation, status: status, reason: reason)
    }

    private static func providerError(_ error: any Error) -> ProviderError {
        if let error = error as? ProviderError { return error }
        return .transient(ProviderErrorContext(provider: .google, operation: "refresh", reason: "\(error)"))
    }
}
