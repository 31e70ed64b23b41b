import TMinusCore

/// One stored version of an event: its client-written fields plus the server's.
struct GoogleEventVersion: Equatable, Sendable {
    /// Client-writable fields as stored (summary, start, end, recurrence, status,
    /// extendedProperties, …), after Google's silent limits.
    var content: [String: JSONValue]
    var created: Timestamp
    var updated: Timestamp
    var etag: String
    /// iCalendar SEQUENCE: bumped when the time changes.
    var sequence: Int64
    var iCalUID: String
    /// For an exception (a modified or cancelled occurrence): its series and original start.
    var recurringEventID: String?
    var originalStart: EventDateTime?
    /// The change-log position of this version.
    var position: UInt64
    /// When `events.list` starts to see this version (server clock).
    var visibleAt: Timestamp

    var status: String {
        if case .string(let text)? = content["status"] { return text }
        return "confirmed"
    }

    var isCancelled: Bool { status == "cancelled" }

    var start: EventDateTime? { GoogleDateTime.parse(content["start"]) }
    var end: EventDateTime? { GoogleDateTime.parse(content["end"]) }

    var recurrence: [String] {
        guard case .array(let lines)? = content["recurrence"] else { return [] }
        return lines.compactMap { if case .string(let line) = $0 { return line } else { return nil } }
    }

    /// True for the master of a recurring series.
    var isSeries: Bool { recurringEventID == nil && !recurrence.isEmpty }

    func properties(_ kind: String) -> [String: String] {
        guard case .object(let groups)? = content["extendedProperties"], case .object(let map)? = groups[kind] else {
            return [:]
        }
        return map.compactMapValues { if case .string(let value) = $0 { return value } else { return nil } }
    }
}

/// An event of one calendar with its version history: every version not yet visible to `list`
/// plus the newest visible one (older versions are pruned).
struct GoogleEventRecord: Sendable {
    let id: String
    /// Creation order within the calendar: the default listing order and the page cursor.
    let ordinal: Int64
    private(set) var versions: [GoogleEventVersion]
    /// The checker's view of ``current``, made when it is stored (``current`` changes only through
    /// ``append(_:now:)``), so inspecting the fake does not convert every event at every check.
    private(set) var inspection: InspectedEvent

    init(id: String, ordinal: Int64, first: GoogleEventVersion) {
        self.id = id
        self.ordinal = ordinal
        self.versions = [first]
        self.inspection = FakeGoogleServer.inspected(id, first)
    }

    /// The newest version (what `get` returns).
    var current: GoogleEventVersion { versions[versions.count - 1] }

    /// The newest version `list` can see at `now`, or nil when none is visible yet.
    func visible(at now: Timestamp) -> GoogleEventVersion? {
        versions.last { $0.visibleAt <= now }
    }

    /// Appends a version and prunes the ones hidden behind a newer visible version.
    mutating func append(_ version: GoogleEventVersion, now: Timestamp) {
        versions.append(version)
        inspection = FakeGoogleServer.inspected(id, version)
        if let newestVisible = versions.lastIndex(where: { $0.visibleAt <= now }), newestVisible > 0 {
            versions.removeFirst(newestVisible)
        }
    }

    /// The lowest change-log position that is not yet visible at `now`, if any.
    func firstInvisiblePosition(at now: Timestamp) -> UInt64? {
        versions.first { $0.visibleAt > now }?.position
    }
}
