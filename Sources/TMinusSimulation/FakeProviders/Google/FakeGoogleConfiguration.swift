public import TMinusCore

/// Every knob of the fake Google Calendar server. Defaults follow providers.md §1 where Google
/// documents a value and are marked [I] where we had to choose.
public struct FakeGoogleConfiguration: Sendable {
    /// The OAuth client the fake accepts at the token endpoint.
    public var clientID = "tminus-sim.apps.googleusercontent.com"
    public var clientSecret = "tminus-sim-secret"
    /// Lifetime of an access token; `expires_in` reports it in seconds (G-OAUTH-WS: typically 3599).
    public var accessTokenLifetime: Duration = .seconds(3_599)

    /// Per-user requests per minute (G-QUOTA: 600).
    public var userRequestsPerMinute = 600
    /// Per-project requests per minute (G-QUOTA: 10,000).
    public var projectRequestsPerMinute = 10_000
    /// Per-project requests per day (implementers quote 1,000,000) [O]; nil for unlimited.
    public var projectRequestsPerDay: Int? = 1_000_000
    /// Share of project-limit rejections answered with 429 instead of 403 (G-ERR: both occur) [I].
    public var rateLimitStatus429Share = Ratio(1, 2)
    /// Probability a rate-limit answer carries `Retry-After` (Google does not promise it) [I].
    public var retryAfterChance = Ratio(1, 2)
    /// Injected protocol-level faults (5xx bursts, forced throttling, quota), evaluated in order.
    public var faults: [GoogleFaultRule] = []

    /// A sync token older than this is answered with 410 (no TTL is published, G-SYNC) [I].
    public var syncTokenLifetime: Duration? = nil
    /// Instants (server clock) at which every sync token minted earlier becomes invalid.
    public var syncTokenInvalidations: [Timestamp] = []
    /// Probability that an incremental request finds its token invalidated (410) [I].
    public var syncTokenInvalidationChance: Ratio = .never
    /// How far back `updatedMin` may reach before 410 `updatedMinTooLongAgo` (~30 days observed) [O].
    public var updatedMinHorizon: Duration = .seconds(30 * 86_400)
    /// Whether incremental rounds after a window-restricted full sync report only changes inside
    /// the window (undocumented, G-SYNC; off = every change is reported) [I].
    public var incrementalRespectsFullSyncWindow = false
    /// Whether repeated extended-property filters of one kind match any (guide) or all (reference);
    /// the sources conflict (providers.md §6.2) [I].
    public var extendedPropertyFiltersMatchAny = false

    /// Probability a page holds fewer items than asked (possibly none) while `nextPageToken` is
    /// still present (G-DISC; fault catalogue #4).
    public var shortPageChance: Ratio = .never
    /// How long a write stays invisible to `events.list` (eventual consistency); `get` sees it at
    /// once [I].
    public var listVisibilityDelay: DelayRange = .zero

    /// Default and cap of a channel's lifetime (G-WATCH: `params.ttl` default 604,800 s; no
    /// documented maximum, so the cap is a choice) [I].
    public var channelDefaultTTL: Duration = .seconds(604_800)
    public var channelMaximumTTL: Duration = .seconds(30 * 86_400)
    /// Push delivery faults.
    public var pushFaults: PushFaults = .none
    /// Push retry behaviour (G-PUSH).
    public var pushRetry: PushRetryPolicy = .google

    /// How far past now an open-ended series is expanded for `singleEvents=true` [I].
    public var expansionHorizon: Duration = .seconds(400 * 86_400)
    /// Most occurrences one series expands to [I].
    public var maximumOccurrences = 1_000
    /// The recurrence engine (TMinusCore's RFC 5545 expander by default).
    public var recurrence: any RecurrenceExpanding = RFC5545Expansion()

    /// The defaults.
    public init() {}
}
