public import TMinusCore
public import TMinusEngine
public import TMinusProviders
import TMinusStore

/// The fake Microsoft Graph server as a world provider.
public struct GraphHost: FakeProviderHost {
    /// The fake.
    public let server: FakeGraphServer
    /// Caches inspections while the world checks (see ``InspectionCache``).
    let inspectionCache: InspectionCache
    let clock: any WallClock

    /// Wraps a fake Graph server.
    public init(server: FakeGraphServer, clock: any WallClock, inspectionCache: InspectionCache = InspectionCache()) {
        self.server = server
        self.inspectionCache = inspectionCache
        self.clock = clock
    }

    public var kind: ProviderKind { .microsoft }
    package var humans: any HumanCalendarActions { server }
    public var inspection: any FakeCalendarInspection { inspectionCache.wrap(server, key: "microsoft") }

    public func addAccount(login: String, timeZone: String) -> (WorldAccount, AccountLink) {
        let grant = server.addAccount(login)
        let account = WorldAccount(
            provider: .microsoft, login: grant.account, primaryCalendarID: grant.defaultCalendarID, accountID: "")
        return (account, Self.link(grant))
    }

    public func reconsent(login: String) -> AccountLink? { server.reconsent(account: login).map(Self.link) }

    /// The link request a consent that produced `grant` hands the engine.
    static func link(_ grant: GraphGrant) -> AccountLink {
        let tokens = AccountTokens(
            accessToken: Secret(grant.accessToken), accessTokenExpiresAt: grant.accessTokenExpiresAt,
            refreshToken: Secret(grant.refreshToken), scopes: ["Calendars.ReadWrite", "offline_access"])
        return AccountLink(provider: .microsoft, subject: grant.account, email: grant.account, tokens: tokens)
    }

    public func makeProvider(transport: any HTTPTransport, credentials: any CredentialSource) -> any CalendarProvider {
        let configuration = server.configuration
        let adapterConfiguration = GraphConfiguration(
            oauthClientID: configuration.clientID, oauthClientSecret: ProviderSecret(configuration.clientSecret),
            apiBase: FakeGraphServer.apiBase, tokenURL: FakeGraphServer.tokenURL)
        return GraphCalendarProvider(
            transport: transport, credentials: credentials, configuration: adapterConfiguration, clock: clock)
    }

    public func register(on transport: SimulatedTransport) { server.register(on: transport) }

    public var serverHosts: [String] { FakeGraphServer.hosts.map { $0.lowercased() } }

    public func deliverDuePushes() async -> Int { await server.deliverDuePushes() }

    public func connectPushes(to receiver: @escaping PushReceiver) {
        let address = Engine.webhookBase + "/webhook/microsoft"
        server.registerPushReceiver(address: address, receiver)
        // The subscription handshake is answered synchronously by the adapter's pure push decoder,
        // as our webhook endpoint would (it needs no engine state).
        let decoder = makeProvider(
            transport: NoTransport(), credentials: FixedCredentialSource(.bearer(ProviderSecret(""))))
        server.registerValidationResponder(address: address) { request in
            (try? decoder.decodePush(request).reply) ?? HTTPResponse(status: 400)
        }
    }

    public func invalidateCursors() {
        for calendar in server.inspectCalendars() { server.invalidateDeltaTokens(calendarID: calendar.id) }
    }

    public func revoke(login: String) {
        server.revokeGrant(account: login)
        server.expireAccessTokens(account: login)
    }
}

/// A transport that refuses everything: for adapters used only to decode pushes.
struct NoTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        throw .invalidRequest("no transport")
    }
}
