public import TMinusCore

/// How the fake answers an invalidated delta token (all documented or observed, M-DQO, M-ERR,
/// M-I2350).
public enum GraphDeltaInvalidation: String, Hashable, Sendable, CaseIterable {
    /// 410 with code `SyncStateNotFound` (PascalCase, as observed on calendarView delta).
    case syncStateNotFound
    /// 410 with code `resyncRequired`.
    case resyncRequired
    /// 410 with no body and a `Location` header holding the initial query with an empty `$deltatoken`.
    case syncReset
}

/// Every knob of the fake Microsoft Graph server. Defaults follow providers.md §2 where Microsoft
/// documents a value and are marked [I] where we had to choose.
public struct FakeGraphConfiguration: Sendable {
    /// The OAuth client the fake accepts at the token endpoint (a confidential client).
    public var clientID = "6731de76-14a6-49ae-97bc-6eba6914391e"
    public var clientSecret = "tminus-sim-graph-secret"
    /// Lifetime of an access token (roughly an hour, M-RT).
    public var accessTokenLifetime: Duration = .seconds(3_599)
    /// A refresh token unused for this long is dead: `invalid_grant` AADSTS700082 (90 days, M-RT).
    public var refreshTokenIdleLifetime: Duration = .seconds(90 * 86_400)

    /// Requests per mailbox per window (M-THL: 10,000 per 10 minutes).
    public var mailboxRequestsPerWindow = 10_000
    public var mailboxRateWindow: Duration = .seconds(600)
    /// Concurrent requests per mailbox (M-THL: 4).
    public var mailboxConcurrency = 4
    /// How long the server works on one request: requests of one mailbox whose service periods
    /// overlap count as concurrent. Zero (the default) disables the concurrency limit, since a
    /// synchronous fake cannot see a client's connections otherwise [I].
    public var requestServiceTime: Duration = .zero
    /// Injected protocol-level faults (429, 503, 504 bursts), evaluated in order.
    public var faults: [GraphFaultRule] = []

    /// A delta token older than this is refused (Outlook documents no fixed lifetime, M-DQO) [I].
    public var deltaTokenLifetime: Duration? = nil
    /// Instants (server clock) at which every delta token minted earlier becomes invalid.
    public var deltaTokenInvalidations: [Timestamp] = []
    /// Probability that an incremental round finds its token evicted from the cache [I].
    public var deltaTokenInvalidationChance: Ratio = .never
    /// The answers an invalidated token gets, one drawn per refusal.
    public var deltaInvalidationAnswers: [GraphDeltaInvalidation] = [.syncStateNotFound]
    /// Page size when the client sends no `odata.maxpagesize` [I], and the largest honoured.
    public var defaultPageSize = 10
    public var maximumPageSize = 1_000
    /// Probability a page comes back empty while `@odata.nextLink` goes on (M-DQO).
    public var emptyPageChance: Ratio = .never
    /// Probability a page repeats the previous page's last item (replays, M-DQO).
    public var replayChance: Ratio = .never
    /// How long a write stays invisible to delta rounds (replication lag, M-DQO); GET sees it at once.
    public var deltaVisibilityDelay: DelayRange = .zero
    /// Probability an `$expand`ed answer lacks its extended properties ("some payloads drop
    /// extensions", engine rule 1) [I]. Delta pages never carry them (M-DELTA).
    public var extendedPropertyDropChance: Ratio = .never

    /// How long a `transactionId` is remembered (not documented, M-EVT) [I]; nil: as long as the event lives.
    public var transactionIDRetention: Duration? = nil

    /// The longest subscription Outlook events accept (4,230 minutes in the stored docs, §6.1).
    public var subscriptionMaximumLifetime: Duration = .seconds(4_230 * 60)
    /// False: a longer request is refused with 400; true: it is shortened to the maximum [I].
    public var clampSubscriptionExpiration = false
    /// Active subscriptions per mailbox (M-OCN: 1,000).
    public var subscriptionsPerMailbox = 1_000
    /// How long before expiry a `reauthorizationRequired` lifecycle event is sent (nil: never) [I].
    public var reauthorizationLead: Duration? = .seconds(3_600)
    /// Probability the validation handshake times out although the endpoint would answer [I].
    public var validationTimeoutChance: Ratio = .never
    /// Push delivery faults.
    public var pushFaults: PushFaults = .none
    /// Push retry behaviour (M-WH: retried for up to 4 hours).
    public var pushRetry: PushRetryPolicy = .graph

    /// How far past now an open-ended series is expanded, and most occurrences per series [I].
    public var expansionHorizon: Duration = .seconds(400 * 86_400)
    public var maximumOccurrences = 1_000
    /// The recurrence engine (TMinusCore's RFC 5545 expander by default).
    public var recurrence: any RecurrenceExpanding = RFC5545Expansion()

    /// The defaults.
    public init() {}
}

extension PushRetryPolicy {
    /// Graph: any 2xx acknowledges; anything else is retried with growing delays for about 4
    /// hours, then dropped (M-WH). The exact schedule is not documented [I]: 1 minute doubling,
    /// 9 attempts (≈ 4.25 h in total).
    public static let graph = PushRetryPolicy(
        successStatuses: [200, 201, 202, 204], retryableStatuses: Set(300...599),
        initialBackoff: .seconds(60), maximumAttempts: 9)
}
