public import TMinusCore
public import TMinusEngine
public import TMinusProviders
import TMinusStore

/// The fake Google server as a world provider.
public struct GoogleHost: FakeProviderHost {
    /// The fake.
    public let server: FakeGoogleServer
    /// Caches inspections while the world checks (see ``InspectionCache``).
    let inspectionCache: InspectionCache
    let configuration: GoogleConfiguration

    /// Wraps a fake Google server.
    public init(server: FakeGoogleServer, inspectionCache: InspectionCache = InspectionCache()) {
        self.server = server
        self.inspectionCache = inspectionCache
        configuration = GoogleConfiguration(
            oauthClientID: "tminus-sim", oauthClientSecret: ProviderSecret("sim-secret"))
    }

    public var kind: ProviderKind { .google }
    package var humans: any HumanCalendarActions { server }
    public var inspection: any FakeCalendarInspection { inspectionCache.wrap(server, key: "google") }

    public func addAccount(login: String, timeZone: String) -> (WorldAccount, AccountLink) {
        let grant = server.addAccount(login, timeZone: timeZone)
        let account = WorldAccount(
            provider: .google, login: grant.account, primaryCalendarID: grant.account, accountID: "")
        return (account, Self.link(grant))
    }

    public func reconsent(login: String) -> AccountLink? { server.reconsent(account: login).map(Self.link) }

    /// The link request a consent that produced `grant` hands the engine.
    static func link(_ grant: GoogleGrant) -> AccountLink {
        let tokens = AccountTokens(
            accessToken: Secret(grant.accessToken), accessTokenExpiresAt: grant.accessTokenExpiresAt,
            refreshToken: Secret(grant.refreshToken), scopes: ["https://www.googleapis.com/auth/calendar"])
        return AccountLink(provider: .google, subject: grant.account, email: grant.account, tokens: tokens)
    }

    public func makeProvider(transport: any HTTPTransport, credentials: any CredentialSource) -> any CalendarProvider {
        var configuration = self.configuration
        configuration.oauthClientID = server.configuration.clientID
        configuration.oauthClientSecret = ProviderSecret(server.configuration.clientSecret)
        return GoogleCalendarProvider(transport: transport, credentials: credentials, configuration: configuration)
    }

    public func register(on transport: SimulatedTransport) { server.register(on: transport) }

    public var serverHosts: [String] { FakeGoogleServer.hosts.map { $0.lowercased() } }

    public func deliverDuePushes() async -> Int { await server.deliverDuePushes() }

    public func connectPushes(to receiver: @escaping PushReceiver) {
        server.registerPushReceiver(address: Engine.webhookBase + "/webhook/google", receiver)
    }

    public func invalidateCursors() { server.invalidateAllSyncTokens() }

    public func revoke(login: String) {
        server.revokeRefreshToken(account: login)
        server.expireAccessTokens(account: login)
    }
}
