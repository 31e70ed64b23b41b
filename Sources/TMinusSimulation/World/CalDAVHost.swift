public import TMinusCore
public import TMinusEngine
public import TMinusProviders
import TMinusStore

/// The fake CalDAV server (Radicale dialect) as a world provider. Accounts use HTTP Basic with an
/// app password, as most CalDAV servers do; CalDAV has no push, so the engine polls it.
public struct CalDAVHost: FakeProviderHost {
    /// The fake.
    public let server: FakeCalDAVServer
    /// Caches inspections while the world checks (see ``InspectionCache``).
    let inspectionCache: InspectionCache
    let clock: any WallClock

    /// Wraps a fake CalDAV server.
    public init(server: FakeCalDAVServer, clock: any WallClock, inspectionCache: InspectionCache = InspectionCache()) {
        self.server = server
        self.inspectionCache = inspectionCache
        self.clock = clock
    }

    public var kind: ProviderKind { .caldav }
    package var humans: any HumanCalendarActions { server }
    public var inspection: any FakeCalendarInspection { inspectionCache.wrap(server, key: "caldav") }

    public func addAccount(login: String, timeZone: String) -> (WorldAccount, AccountLink) {
        let user = login.split(separator: "@").first.map(String.init) ?? login
        let info = server.addAccount(user: user, password: Self.appPassword(user), calendars: ["Personal"])
        let account = WorldAccount(
            provider: .caldav, login: user, primaryCalendarID: info.calendarPaths[0], accountID: "")
        return (account, Self.link(user: user, email: login, password: info.password))
    }

    /// CalDAV has no grant to revoke: consenting again hands the engine the same app password.
    public func reconsent(login: String) -> AccountLink? {
        server.inspectCalendars().contains { $0.account == login }
            ? Self.link(user: login, email: login, password: Self.appPassword(login)) : nil
    }

    static func appPassword(_ user: String) -> String { "app-password-\(user)" }

    /// The link request for a CalDAV account: the app password stands in for the refresh token.
    static func link(user: String, email: String, password: String) -> AccountLink {
        let tokens = AccountTokens(
            accessToken: Secret(""), accessTokenExpiresAt: Timestamp(secondsSinceEpoch: 0),
            refreshToken: Secret(password), scopes: [])
        return AccountLink(provider: .caldav, subject: user, email: email, tokens: tokens)
    }

    public func makeProvider(transport: any HTTPTransport, credentials: any CredentialSource) -> any CalendarProvider {
        CalDAVCalendarProvider(
            transport: transport, credentials: credentials,
            configuration: CalDAVConfiguration(serverURL: server.configuration.origin + "/"), clock: clock)
    }

    public func register(on transport: SimulatedTransport) { server.register(on: transport) }

    public var serverHosts: [String] { [server.configuration.host.lowercased()] }

    public func deliverDuePushes() async -> Int { 0 }

    public func connectPushes(to receiver: @escaping PushReceiver) {}

    public func invalidateCursors() { server.invalidateAllSyncTokens() }

    public func revoke(login: String) {}
}
