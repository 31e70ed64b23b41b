import TMinusCore
import TMinusProviders

/// An account of the fake: its OAuth grant and the change log of its calendar list.
struct GoogleAccountRecord: Sendable {
    let email: String
    /// Internal number; the calendar-list collection is `-number` in tokens.
    let number: Int64
    var timeZone: String
    var refreshToken: String
    var refreshTokenRevoked = false
    /// Calendar ids whose list entry changed for this account, for calendarList sync tokens.
    var calendarListLog = ChangeLog<String>()
    var calendarListEpoch: Int64 = 0
}

/// One push channel created by `events.watch`.
struct GoogleChannel: Sendable {
    let id: String
    let resourceID: String
    let account: String
    let calendarID: String
    let address: String
    let token: String?
    var expiration: Timestamp
    var messageNumber: Int64 = 1
    var stopped = false
}

/// One write the API served, for the invariant checker (e.g. "every write sent sendUpdates=none").
public struct GoogleWriteRecord: Hashable, Sendable {
    /// `insert`, `update`, `patch`, `delete`, `move`.
    public var operation: String
    public var account: String
    public var calendarID: String
    public var eventID: String
    /// The `sendUpdates` parameter as sent, or nil when absent.
    public var sendUpdates: String?
    /// The answer's status.
    public var status: Int
}

/// The independent random streams of the server, forked in a fixed order at construction so that
/// adding draws to one never shifts another.
struct GoogleStreams: Sendable {
    var ids: Xoshiro256StarStar
    var credentials: Xoshiro256StarStar
    var pages: Xoshiro256StarStar
    var consistency: Xoshiro256StarStar
    var faults: Xoshiro256StarStar
    var limits: Xoshiro256StarStar
    var invalidation: Xoshiro256StarStar
    var channels: Xoshiro256StarStar

    init(_ random: RandomSource) {
        var root = Xoshiro256StarStar(seed: random.next())
        ids = root.fork()
        credentials = root.fork()
        pages = root.fork()
        consistency = root.fork()
        faults = root.fork()
        limits = root.fork()
        invalidation = root.fork()
        channels = root.fork()
    }
}

/// The whole state of the fake Google server. Every mutation happens inside the server's lock on
/// an `inout` value, so one request is atomic with respect to every other.
package struct GoogleServerState: RequestServingState {
    var configuration: FakeGoogleConfiguration
    var streams: GoogleStreams
    /// Mints and opens the opaque tokens, remembering the ones it knows.
    var codec: RememberingTokenCodec
    let push: PushDispatcher
    let trace: any TraceSink

    var accounts: [String: GoogleAccountRecord] = [:]
    var accessTokens = FakeAccessTokens()
    var refreshTokens: [String: String] = [:]
    var calendars: [String: GoogleCalendarRecord] = [:]
    /// What eventual consistency is measured on: when a version becomes visible to `list`, and what
    /// a listing can see (the server's own clock unless the world passes its true one).
    let replicationClock: any WallClock
    var calendarNumbers: [Int64: String] = [:]
    var nextCalendarNumber: Int64 = 1
    var nextAccountNumber: Int64 = 1
    var channels: [GoogleChannel] = []
    var userLimiter: SlidingWindowRateLimiter<String>
    var projectLimiter: SlidingWindowRateLimiter<Int>
    var dailyQuota: DailyQuota<Int>
    var writes: [GoogleWriteRecord] = []
    var etagCounter: Int64 = 0
    /// Listed events rendered before, by everything their rendering reads.
    var renderedEvents = RenderedJSONMemo<GoogleRenderInput>()

    init(
        configuration: FakeGoogleConfiguration, random: RandomSource, push: PushDispatcher, trace: any TraceSink,
        replicationClock: any WallClock
    ) {
        self.configuration = configuration
        self.replicationClock = replicationClock
        var streams = GoogleStreams(random)
        self.codec = RememberingTokenCodec(OpaqueTokenCodec(random: &streams.credentials))
        self.streams = streams
        self.push = push
        self.trace = trace
        self.userLimiter = SlidingWindowRateLimiter(limit: configuration.userRequestsPerMinute, window: .seconds(60))
        self.projectLimiter = SlidingWindowRateLimiter(
            limit: configuration.projectRequestsPerMinute, window: .seconds(60))
        self.dailyQuota = DailyQuota(limit: configuration.projectRequestsPerDay)
    }

    // MARK: Identity helpers

    /// A fresh etag: a quoted decimal (the observed shape, G-VER) that changes on every write.
    mutating func nextEtag(_ now: Timestamp) -> String {
        etagCounter += 1
        let suffix = String(etagCounter % 1000)
        return "\"\(now.millisecondsSinceEpoch)\(String(repeating: "0", count: 3 - suffix.count))\(suffix)\""
    }

    /// Resolves `primary` to the account's own calendar id.
    func resolve(_ calendarID: String, account: String) -> String {
        calendarID == "primary" ? account : calendarID
    }

    /// The live calendar `calendarID` if `account` holds at least `role` on it.
    /// - Throws: 404 `notFound` when it does not exist, is deleted or is not visible to the
    ///   account; 403 `requiredAccessLevel` when the account may see but not write it.
    func calendar(_ calendarID: String, account: String, needs role: GoogleAccessRole) throws(GoogleAPIError) -> String
    {
        let id = resolve(calendarID, account: account)
        guard let calendar = calendars[id], !calendar.deleted, let held = calendar.role(of: account) else {
            throw .notFound()
        }
        guard held >= role else { throw role >= .writer ? .requiredAccessLevel() : .notFound() }
        return id
    }

    // MARK: Committing changes

    /// Appends `version` (content, timestamps and identity already set) as the newest version of
    /// event `eventID` in `calendarID`: assigns its change-log position and visibility instant,
    /// bumps the calendar's modification time and notifies the calendar's push channels.
    mutating func commit(_ version: GoogleEventVersion, eventID: String, calendarID: String, now: Timestamp) {
        var version = version
        let delay = configuration.listVisibilityDelay.draw(&streams.consistency)
        let published = replicationClock.now()
        version.visibleAt = published.adding(delay)
        version.position = calendars[calendarID]!.log.append(eventID)
        calendars[calendarID]!.lastVisibleAt = max(calendars[calendarID]!.lastVisibleAt ?? version.visibleAt, version.visibleAt)
        if calendars[calendarID]!.events[eventID] == nil {
            let ordinal = calendars[calendarID]!.nextOrdinal
            calendars[calendarID]!.nextOrdinal += 1
            calendars[calendarID]!.events[eventID] = GoogleEventRecord(id: eventID, ordinal: ordinal, first: version)
        } else {
            calendars[calendarID]!.events[eventID]!.append(version, now: published)
        }
        calendars[calendarID]!.updated = now
        notifyChannels(of: calendarID, now: now)
    }

    /// A new version of an event that already exists, stamped now, with a fresh etag.
    mutating func revised(_ base: GoogleEventVersion, content: [String: JSONValue], now: Timestamp)
        -> GoogleEventVersion
    {
        var version = base
        let timeChanged = content["start"] != base.content["start"] || content["end"] != base.content["end"]
        version.content = content
        version.updated = now
        version.etag = nextEtag(now)
        if timeChanged { version.sequence += 1 }
        return version
    }

    /// A brand-new event's first version.
    mutating func created(id: String, content: [String: JSONValue], iCalUID: String?, now: Timestamp)
        -> GoogleEventVersion
    {
        GoogleEventVersion(
            content: content, created: now, updated: now, etag: nextEtag(now), sequence: 0,
            iCalUID: iCalUID ?? id + "@google.com",
            recurringEventID: nil, originalStart: nil, position: 0, visibleAt: now)
    }

    /// Records a served write for inspection.
    mutating func logWrite(
        _ operation: String, account: String, calendarID: String, eventID: String, sendUpdates: String?, status: Int
    ) {
        writes.append(
            GoogleWriteRecord(
                operation: operation, account: account, calendarID: calendarID, eventID: eventID,
                sendUpdates: sendUpdates, status: status))
    }

    /// Records a change of `calendarID`'s list entry in the calendar list of every account that
    /// can see it (owner first, then ACL members in name order).
    mutating func touchCalendarList(_ calendarID: String) {
        guard let calendar = calendars[calendarID] else { return }
        for account in [calendar.owner] + calendar.acl.keys.sorted() where accounts[account] != nil {
            accounts[account]!.calendarListLog.append(calendarID)
        }
    }
}
