package import TMinusCore
package import TMinusEngine
package import TMinusProviders

/// One fake provider as the world uses it: accounts are added through it, humans act through it,
/// the checker inspects it, and the engine reaches it through the simulated transport.
package protocol FakeProviderHost: Sendable {
    /// Which provider this fake plays.
    var kind: ProviderKind { get }
    /// What humans can do there.
    var humans: any HumanCalendarActions { get }
    /// The true state, for the checker.
    var inspection: any FakeCalendarInspection { get }
    /// Creates an account; returns the world account (without engine ID) and the link request.
    func addAccount(login: String, timeZone: String) -> (WorldAccount, AccountLink)
    /// The adapter for one account of this provider over `transport`.
    func makeProvider(transport: any HTTPTransport, credentials: any CredentialSource) -> any CalendarProvider
    /// Routes the fake's host names on the transport to the fake.
    func register(on transport: SimulatedTransport)
    /// The host names ``register(on:)`` routes (lower-case): reports count exchanges per provider by them.
    var serverHosts: [String] { get }
    /// Delivers the push notifications due now (fakes without push do nothing).
    func deliverDuePushes() async -> Int
    /// Connects the fake's pushes to a receiver (our webhook endpoint).
    func connectPushes(to receiver: @escaping PushReceiver)
    /// Invalidates every sync cursor (a stale-token fault).
    func invalidateCursors()
    /// Revokes an account's refresh token and expires its access token.
    func revoke(login: String)
    /// The person consents again (after a revocation or an unlink): a fresh grant for the existing
    /// account, as the link request the product's consent screen would hand the engine; nil when
    /// the fake has no such account.
    func reconsent(login: String) -> AccountLink?
}
