import TMinusCore

/// Access roles of Google's calendar ACL, ordered by power (G-DISC `accessRole`).
enum GoogleAccessRole: Int, Comparable, Sendable {
    case freeBusyReader = 0, reader, writer, owner

    static func < (a: GoogleAccessRole, b: GoogleAccessRole) -> Bool { a.rawValue < b.rawValue }

    var name: String {
        switch self {
        case .freeBusyReader: return "freeBusyReader"
        case .reader: return "reader"
        case .writer: return "writer"
        case .owner: return "owner"
        }
    }

    init?(name: String) {
        switch name {
        case "freeBusyReader": self = .freeBusyReader
        case "reader": self = .reader
        case "writer": self = .writer
        case "owner": self = .owner
        default: return nil
        }
    }
}

/// One calendar: its properties, ACL, events and the change log its tokens are minted from.
struct GoogleCalendarRecord: Sendable {
    let id: String
    /// Internal number written into tokens, so a token from another calendar is recognised.
    let number: Int64
    let owner: String
    let isPrimary: Bool
    /// The push `resourceId` of this calendar's events collection (version-independent).
    let resourceID: String
    var summary: String
    var description: String?
    var timeZone: String
    var deleted = false
    var etag: String
    var updated: Timestamp
    /// Who else may see or write it, by account email.
    var acl: [String: GoogleAccessRole] = [:]
    var events: [String: GoogleEventRecord] = [:]
    var log = ChangeLog<String>()
    /// The latest `visibleAt` of any version committed to ``events`` (nil before the first): at
    /// and after it every stored version is visible. Only the server's `commit` sets it.
    var lastVisibleAt: Timestamp?
    var nextOrdinal: Int64 = 1
    /// Bumped to invalidate every sync token of the calendar at once.
    var tokenEpoch: Int64 = 0

    /// The role `account` holds, or nil when it has no access.
    func role(of account: String) -> GoogleAccessRole? {
        account == owner ? .owner : acl[account]
    }

    /// The position a listing that starts now may promise in its `nextSyncToken`: the log head,
    /// or just before the first change `list` cannot see yet (so that change is not skipped).
    func snapshotPosition(at now: Timestamp) -> UInt64 {
        // Once every committed version is visible, no key can hold an invisible one: the head.
        guard let lastVisibleAt, lastVisibleAt > now else { return log.head }
        return log.snapshotPosition { events[$0]?.firstInvisiblePosition(at: now) }
    }

    /// The calendar resource of `calendars.get` / `calendars.insert`.
    var calendarJSON: JSONValue {
        var object: [String: JSONValue] = [
            "kind": "calendar#calendar", "etag": .string(etag), "id": .string(id), "summary": .string(summary),
            "timeZone": .string(timeZone),
            "conferenceProperties": ["allowedConferenceSolutionTypes": ["hangoutsMeet"]],
        ]
        if let description { object["description"] = .string(description) }
        return .object(object)
    }

    /// The calendarList entry as `account` sees it.
    func listEntryJSON(for account: String, minimal: Bool) -> JSONValue {
        if minimal || deleted {
            return ["kind": "calendar#calendarListEntry", "etag": .string(etag), "id": .string(id), "deleted": true]
        }
        var object: [String: JSONValue] = [
            "kind": "calendar#calendarListEntry", "etag": .string(etag), "id": .string(id), "summary": .string(summary),
            "timeZone": .string(timeZone), "accessRole": .string(role(of: account)?.name ?? "reader"),
            "selected": true, "colorId": "14", "backgroundColor": "#9fe1e7", "foregroundColor": "#000000",
            "defaultReminders": isPrimary ? [["method": "popup", "minutes": 10]] : [],
        ]
        if isPrimary { object["primary"] = true }
        if let description { object["description"] = .string(description) }
        return .object(object)
    }
}
