/// Everything the Microsoft Graph adapter needs besides the transport, the credential and the
/// clock: endpoints (overridable so the simulated transport can route to the fake), page sizes,
/// the default listing window, the subscription lifetime cap and the OAuth client.
///
/// Guarantees: the values are checked at construction (programmer errors trap), so every request
/// built from a configuration is within Graph's documented limits.
public struct GraphConfiguration: Hashable, Sendable {
    /// Graph v1.0 base URL without a trailing slash; `@odata.nextLink`/`deltaLink` URLs must
    /// start with it (the adapter never sends a credential elsewhere).
    public var apiBase: String
    /// The Microsoft identity platform v2.0 token endpoint (tenant `common` by default).
    public var tokenURL: String
    /// The OAuth client of this deployment; the secret is nil for public clients.
    public var oauthClientID: String
    public var oauthClientSecret: ProviderSecret?
    /// Scopes asked for on refresh (`offline_access` keeps refresh tokens coming).
    public var oauthScopes: [String]
    /// `Prefer: odata.maxpagesize` of calendarView delta rounds.
    public var deltaPageSize: Int
    /// `$top` of `/me/calendars` pages and marker searches.
    public var calendarsPageSize: Int
    /// A listing that has not ended after this many pages is reported as malformed.
    public var maximumPages: Int
    /// How far back and ahead a full listing reaches when the caller gives no (or a half-open)
    /// window: calendarView delta needs both bounds.
    public var defaultWindowPast: Duration
    public var defaultWindowFuture: Duration
    /// The longest subscription requested (M-SUB: 4,230 minutes for Outlook events in the
    /// stored docs, 10,080 in newer write-ups; the smaller is safe under both, providers.md §6.1).
    public var subscriptionLifetime: Duration
    /// How much shorter than ``subscriptionLifetime`` a requested expiration is: Graph checks
    /// `expirationDateTime` against its own clock and refuses (400) anything past its cap, so a
    /// clock of ours running ahead of Microsoft's must not push the request over it. Skews up to
    /// this margin are tolerated; renewal at half-life is unaffected.
    public var subscriptionClockMargin: Duration
    /// The id of our single-value extended property (`String {GUID} Name tminus`): one fixed
    /// named property, never a proptag, never named dynamically (M-XP, M-OPEN).
    public var markerPropertyID: String

    /// The production endpoints.
    public static let productionAPIBase = "https://graph.microsoft.com/v1.0"
    public static let productionTokenURL = "https://login.microsoftonline.com/common/oauth2/v2.0/token"
    /// Our extended property: a fixed GUID property set and the name `tminus`.
    public static let defaultMarkerPropertyID = "String {1f4f9f5e-5a4b-4f44-9d2c-7b1e6a3c2d10} Name tminus"
    /// Graph's Outlook subscription cap as documented when this was written (providers.md §6.1).
    public static let defaultSubscriptionLifetime: Duration = .seconds(4_230 * 60)
    /// Six hours: far more than NTP-synchronised hosts ever drift apart, far less than half a lifetime.
    public static let defaultSubscriptionClockMargin: Duration = .seconds(6 * 3_600)

    /// Creates a configuration.
    /// - Precondition: page sizes within 1...1000, positive `maximumPages`, positive windows and
    ///   lifetime (programmer errors).
    public init(
        oauthClientID: String, oauthClientSecret: ProviderSecret?,
        apiBase: String = GraphConfiguration.productionAPIBase,
        tokenURL: String = GraphConfiguration.productionTokenURL,
        oauthScopes: [String] = ["offline_access", "https://graph.microsoft.com/Calendars.ReadWrite"],
        deltaPageSize: Int = 100, calendarsPageSize: Int = 100, maximumPages: Int = 10_000,
        defaultWindowPast: Duration = .seconds(30 * 86_400), defaultWindowFuture: Duration = .seconds(365 * 86_400),
        subscriptionLifetime: Duration = GraphConfiguration.defaultSubscriptionLifetime,
        subscriptionClockMargin: Duration = GraphConfiguration.defaultSubscriptionClockMargin,
        markerPropertyID: String = GraphConfiguration.defaultMarkerPropertyID
    ) {
        precondition((1...1000).contains(deltaPageSize), "odata.maxpagesize must be 1...1000")
        precondition((1...1000).contains(calendarsPageSize), "$top must be 1...1000")
        precondition(maximumPages > 0, "maximumPages must be positive")
        precondition(defaultWindowPast > .zero && defaultWindowFuture > .zero, "listing windows must be positive")
        precondition(subscriptionLifetime > .zero, "subscription lifetime must be positive")
        precondition(
            subscriptionClockMargin >= .zero && subscriptionClockMargin < subscriptionLifetime,
            "the subscription clock margin must be shorter than the lifetime")
        self.apiBase = apiBase
        self.tokenURL = tokenURL
        self.oauthClientID = oauthClientID
        self.oauthClientSecret = oauthClientSecret
        self.oauthScopes = oauthScopes
        self.deltaPageSize = deltaPageSize
        self.calendarsPageSize = calendarsPageSize
        self.maximumPages = maximumPages
        self.defaultWindowPast = defaultWindowPast
        self.defaultWindowFuture = defaultWindowFuture
        self.subscriptionLifetime = subscriptionLifetime
        self.subscriptionClockMargin = subscriptionClockMargin
        self.markerPropertyID = markerPropertyID
    }
}
