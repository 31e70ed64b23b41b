import TMinusCore
import TMinusProviders

/// A mailbox of the fake: its identity and default calendar.
struct GraphAccountRecord: Sendable {
    let email: String
    let number: Int64
    /// The directory object id (a GUID) that appears in notification resources.
    let userID: String
    let defaultCalendarID: String
    /// True once the user or an admin revoked the grant (until re-consent).
    var revoked = false
}

/// A refresh token of the fake identity platform.
struct GraphRefreshToken: Sendable {
    let account: String
    /// When it was issued; it dies after ``FakeGraphConfiguration/refreshTokenIdleLifetime``
    /// without use (AADSTS700082): each use issues a new one (rotation, M-RT).
    let issuedAt: Timestamp
}

/// One served event write, for the invariant checker.
public struct GraphWriteRecord: Hashable, Sendable {
    /// `create`, `update`, `delete`.
    public var operation: String
    public var account: String
    public var calendarID: String
    /// The immutable id of the event (`-` when the write failed before one existed).
    public var eventID: String
    /// Whether the request sent `Prefer: IdType="ImmutableId"`.
    public var preferredImmutableIDs: Bool
    /// Attendees the written event has afterwards (mirrors must have none: no notification).
    public var attendeeCount: Int
    public var status: Int
}

/// The independent random streams of the server, forked in a fixed order at construction so that
/// adding draws to one never shifts another.
struct GraphStreams: Sendable {
    var ids: Xoshiro256StarStar
    var credentials: Xoshiro256StarStar
    var pages: Xoshiro256StarStar
    var consistency: Xoshiro256StarStar
    var faults: Xoshiro256StarStar
    var invalidation: Xoshiro256StarStar
    var subscriptions: Xoshiro256StarStar
    var properties: Xoshiro256StarStar

    init(_ random: RandomSource) {
        var root = Xoshiro256StarStar(seed: random.next())
        ids = root.fork()
        credentials = root.fork()
        pages = root.fork()
        consistency = root.fork()
        faults = root.fork()
        invalidation = root.fork()
        subscriptions = root.fork()
        properties = root.fork()
    }
}

/// The whole state of the fake Graph server. Every mutation happens inside the server's lock on
/// an `inout` value, so one request is atomic with respect to every other.
package struct GraphServerState: RequestServingState {
    var configuration: FakeGraphConfiguration
    var streams: GraphStreams
    /// Mints and opens the opaque tokens, remembering the ones it knows.
    var codec: RememberingTokenCodec
    let push: PushDispatcher
    let trace: any TraceSink
    let tenantID: String

    var accounts: [String: GraphAccountRecord] = [:]
    var accessTokens = FakeAccessTokens()
    var refreshTokens: [String: GraphRefreshToken] = [:]
    var calendars: [String: GraphCalendarRecord] = [:]
    /// What eventual consistency is measured on: when a version becomes visible to `delta`, and
    /// what a round can see (the server's own clock unless the world passes its true one).
    let replicationClock: any WallClock
    var calendarNumbers: [Int64: String] = [:]
    var nextCalendarNumber: Int64 = 1
    var nextAccountNumber: Int64 = 1
    var subscriptions: [GraphSubscription] = []
    var validators: [String: GraphValidationResponder] = [:]
    var rateLimiter: SlidingWindowRateLimiter<String>
    var inFlight: [String: [Timestamp]] = [:]
    var writes: [GraphWriteRecord] = []
    /// The immutable id the request being handled wrote, for the write log.
    var lastWrittenEventID: String?
    var requestCount = 0
    var requestsWithoutImmutableIDs = 0
    /// Delta entries rendered before, by everything their rendering reads.
    var renderedEvents = RenderedJSONMemo<GraphRenderInput>()
    /// Request contexts made before, by what they are made from (clients send the same `Prefer`
    /// headers again and again); starts over past 256.
    var requestContexts: [GraphRequestContextSource: GraphRequestContext] = [:]

    init(
        configuration: FakeGraphConfiguration, random: RandomSource, push: PushDispatcher, trace: any TraceSink,
        replicationClock: any WallClock
    ) {
        self.configuration = configuration
        self.replicationClock = replicationClock
        var streams = GraphStreams(random)
        self.codec = RememberingTokenCodec(OpaqueTokenCodec(random: &streams.credentials))
        self.tenantID = GraphIdentifiers.guid(&streams.credentials)
        self.streams = streams
        self.push = push
        self.trace = trace
        self.rateLimiter = SlidingWindowRateLimiter(
            limit: configuration.mailboxRequestsPerWindow, window: configuration.mailboxRateWindow)
    }

    // MARK: Identity helpers

    /// A fresh change key (base64 text, as Outlook's look).
    mutating func nextChangeKey() -> String { GraphIdentifiers.changeKey(&streams.ids) }

    /// The live calendar `calendarID` of `account`.
    /// - Throws: 404 `ErrorItemNotFound` when it does not exist, is deleted or belongs to another mailbox.
    func calendar(_ calendarID: String, account: String) throws(GraphAPIError) -> String {
        guard let calendar = calendars[calendarID], !calendar.deleted, calendar.owner == account else {
            throw .itemNotFound()
        }
        return calendarID
    }

    /// The account's default calendar.
    func defaultCalendar(of account: String) -> String { accounts[account]!.defaultCalendarID }

    // MARK: Committing changes

    /// Appends `version` as the newest version of event `eventID` in `calendarID`: assigns its
    /// change-log position and visibility instant, and notifies the calendar's subscriptions.
    mutating func commit(
        _ version: GraphEventVersion, eventID: String, mutableID: String, calendarID: String, change: String,
        now: Timestamp
    ) {
        var version = version
        let published = replicationClock.now()
        version.visibleAt = published.adding(configuration.deltaVisibilityDelay.draw(&streams.consistency))
        version.position = calendars[calendarID]!.log.append(eventID)
        calendars[calendarID]!.lastVisibleAt = max(calendars[calendarID]!.lastVisibleAt ?? version.visibleAt, version.visibleAt)
        if calendars[calendarID]!.events[eventID] == nil {
            let ordinal = calendars[calendarID]!.nextOrdinal
            calendars[calendarID]!.nextOrdinal += 1
            calendars[calendarID]!.events[eventID] = GraphEventRecord(
                id: eventID, mutableID: mutableID, ordinal: ordinal, first: version)
        } else {
            calendars[calendarID]!.events[eventID]!.mutableID = mutableID
            calendars[calendarID]!.events[eventID]!.append(version, now: published)
        }
        calendars[calendarID]!.mutableIndex[mutableID] = eventID
        if version.isSeriesMaster, !version.isDeleted { rememberOccurrences(eventID, in: calendarID, now: now) }
        notifySubscriptions(calendarID: calendarID, eventID: eventID, change: change, now: now)
    }

    /// Records a served write for inspection.
    mutating func logWrite(_ write: GraphWriteRecord) { writes.append(write) }
}
