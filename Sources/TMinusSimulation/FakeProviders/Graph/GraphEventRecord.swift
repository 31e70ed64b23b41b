import TMinusCore
import TMinusProviders

/// One single-value extended property as stored (id as written, value verbatim).
struct GraphExtendedProperty: Hashable, Sendable {
    var id: String
    var value: String
}

/// The client-writable fields of an Outlook event as stored.
struct GraphEventFields: Hashable, Sendable {
    var subject = ""
    var bodyContent = ""
    /// `text` or `html`, as written.
    var bodyType = "text"
    var location = ""
    var start: EventDateTime
    var end: EventDateTime
    var showAs = "busy"
    var sensitivity = "normal"
    var categories: [String] = []
    var properties: [GraphExtendedProperty] = []
    var recurrence: GraphRecurrencePattern?
    /// `originalStartTimeZone` / `originalEndTimeZone`: the zone names the writer used.
    var startZone = "UTC"
    var endZone = "UTC"
    var isReminderOn = true
    var reminderMinutes: Int64 = 15
    var responseRequested = true
    var allowNewTimeProposals = true
    /// Attendee addresses; mirrors must have none.
    var attendees: [String] = []
    var importance = "normal"

    var isAllDay: Bool { start.isAllDay }

    /// The stored value of extended property `id` (matched as Graph matches ids), or nil.
    func property(_ id: String) -> String? {
        properties.last { GraphMarkers.sameProperty($0.id, id) }?.value
    }

    /// Stores `value` under `id`, replacing an existing entry of the same property.
    mutating func setProperty(_ id: String, _ value: String) {
        properties.removeAll { GraphMarkers.sameProperty($0.id, id) }
        properties.append(GraphExtendedProperty(id: id, value: value))
    }
}

/// One stored version of an event: the writable fields plus the server's.
struct GraphEventVersion: Equatable, Sendable {
    var fields: GraphEventFields
    var created: Timestamp
    var lastModified: Timestamp
    var changeKey: String
    /// True once the item was deleted (or moved away, or is a deleted occurrence).
    var isDeleted: Bool
    /// For an exception or a deleted occurrence: the immutable id of its series master.
    var seriesMasterID: String?
    /// For an exception or a deleted occurrence: the rule-computed start it replaces.
    var originalStart: EventDateTime?
    var iCalUID: String
    /// The change-log position of this version.
    var position: UInt64 = 0
    /// When delta rounds start to see this version (server clock).
    var visibleAt: Timestamp

    /// True for the master of a recurring series.
    var isSeriesMaster: Bool { seriesMasterID == nil && fields.recurrence != nil }
    /// True for a modified or deleted occurrence of a series.
    var isException: Bool { seriesMasterID != nil }
}

/// An event of one calendar with its version history (every version not yet visible to delta
/// plus the newest visible one) and its two identities.
struct GraphEventRecord: Sendable {
    /// The immutable id (`Prefer: IdType="ImmutableId"`), stable across moves in the mailbox.
    let id: String
    /// The default (REST) id, which changes when the item moves to another calendar (M-IMM).
    var mutableID: String
    /// Creation order within the calendar: the listing order and the page cursor.
    let ordinal: Int64
    /// The client's `transactionId`, echoed when set.
    var transactionID: String?
    /// For a series master: every occurrence start any of its versions produced, so a delta
    /// round can report the ones that no longer exist as removed.
    var generatedStarts: [EventDateTime] = []
    private(set) var versions: [GraphEventVersion]
    /// The checker's view of ``current``, made when it is stored (``current`` changes only through
    /// ``append(_:now:)``), so inspecting the fake does not convert every event at every check.
    private(set) var inspection: InspectedEvent

    init(id: String, mutableID: String, ordinal: Int64, first: GraphEventVersion) {
        self.id = id
        self.mutableID = mutableID
        self.ordinal = ordinal
        self.versions = [first]
        self.inspection = FakeGraphServer.inspected(id, first)
    }

    /// The newest version (what `GET` returns).
    var current: GraphEventVersion { versions[versions.count - 1] }

    /// The newest version delta rounds can see at `now`, or nil when none is visible yet.
    func visible(at now: Timestamp) -> GraphEventVersion? { versions.last { $0.visibleAt <= now } }

    /// Appends a version and prunes the ones hidden behind a newer visible version.
    mutating func append(_ version: GraphEventVersion, now: Timestamp) {
        versions.append(version)
        inspection = FakeGraphServer.inspected(id, version)
        if let newestVisible = versions.lastIndex(where: { $0.visibleAt <= now }), newestVisible > 0 {
            versions.removeFirst(newestVisible)
        }
    }

    /// The lowest change-log position that is not yet visible at `now`, if any.
    func firstInvisiblePosition(at now: Timestamp) -> UInt64? { versions.first { $0.visibleAt > now }?.position }

    /// Adds occurrence starts to ``generatedStarts`` (kept sorted by instant, unique, bounded).
    mutating func remember(_ starts: [EventDateTime], limit: Int) {
        var known = Set(generatedStarts.map(\.instant))
        for start in starts where !known.contains(start.instant) {
            generatedStarts.append(start)
            known.insert(start.instant)
        }
        generatedStarts.sort { $0.instant < $1.instant }
        if generatedStarts.count > limit { generatedStarts.removeFirst(generatedStarts.count - limit) }
    }
}

/// One calendar (an Outlook calendar folder): its events, the change log its delta tokens are
/// minted from, and its transactionId index.
struct GraphCalendarRecord: Sendable {
    let id: String
    /// Internal number written into tokens, so a token of another calendar is recognised.
    let number: Int64
    let owner: String
    let isDefault: Bool
    var name: String
    var changeKey: String
    var color = "auto"
    var deleted = false
    var events: [String: GraphEventRecord] = [:]
    /// Default (REST) ids of this calendar's items, to their immutable ids.
    var mutableIndex: [String: String] = [:]
    /// `transactionId` → (immutable id, when it was used).
    var transactions: [String: (eventID: String, at: Timestamp)] = [:]
    var log = ChangeLog<String>()
    /// The latest `visibleAt` of any version committed to ``events`` (nil before the first): at
    /// and after it every stored version is visible. Only the server's `commit` sets it.
    var lastVisibleAt: Timestamp?
    var nextOrdinal: Int64 = 1
    /// Bumped to invalidate every delta token of the calendar at once.
    var tokenEpoch: Int64 = 0

    /// The position a round starting now may promise in its deltaLink: the log head, or just
    /// before the first change a round cannot see yet (so that change is never skipped).
    func snapshotPosition(at now: Timestamp) -> UInt64 {
        // Once every committed version is visible, no key can hold an invisible one: the head.
        guard let lastVisibleAt, lastVisibleAt > now else { return log.head }
        return log.snapshotPosition { events[$0]?.firstInvisiblePosition(at: now) }
    }
}
