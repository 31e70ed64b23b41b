/// Everything the Google adapter needs besides the transport and the credential: endpoints
/// (overridable so the simulated transport can route to the fake), page sizes, the OAuth client.
public struct GoogleConfiguration: Hashable, Sendable {
    /// Calendar API v3 base URL, without a trailing slash.
    public var apiBase: String
    /// The OAuth 2.0 token endpoint.
    public var tokenURL: String
    /// The OAuth client of this deployment.
    public var oauthClientID: String
    public var oauthClientSecret: ProviderSecret
    /// `maxResults` of events.list (Google: default 250, cap 2500).
    public var eventsPageSize: Int
    /// `maxResults` of calendarList.list (Google: cap 250).
    public var calendarsPageSize: Int
    /// A listing that has not ended after this many pages is reported as malformed (a server
    /// that never stops paging must not hang a consumer).
    public var maximumPages: Int
    /// `params.ttl` asked for on events.watch (Google's default and usual cap: 7 days).
    public var channelTimeToLive: Duration

    /// The production endpoints.
    public static let productionAPIBase = "https://www.googleapis.com/calendar/v3"
    public static let productionTokenURL = "https://oauth2.googleapis.com/token"

    /// Creates a configuration.
    /// - Precondition: page sizes within Google's caps and `maximumPages` positive (programmer errors).
    public init(
        oauthClientID: String, oauthClientSecret: ProviderSecret,
        apiBase: String = GoogleConfiguration.productionAPIBase,
        tokenURL: String = GoogleConfiguration.productionTokenURL, eventsPageSize: Int = 250,
        calendarsPageSize: Int = 250,
        maximumPages: Int = 10_000, channelTimeToLive: Duration = .seconds(604_800)
    ) {
        precondition((1...2500).contains(eventsPageSize), "events.list maxResults must be 1...2500")
        precondition((1...250).contains(calendarsPageSize), "calendarList.list maxResults must be 1...250")
        precondition(maximumPages > 0, "maximumPages must be positive")
        self.apiBase = apiBase
        self.tokenURL = tokenURL
        self.oauthClientID = oauthClientID
        self.oauthClientSecret = oauthClientSecret
        self.eventsPageSize = eventsPageSize
        self.calendarsPageSize = calendarsPageSize
        self.maximumPages = maximumPages
        self.channelTimeToLive = channelTimeToLive
    }
}
