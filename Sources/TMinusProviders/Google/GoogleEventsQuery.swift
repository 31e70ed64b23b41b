import TMinusCore

/// The query of one `events.list` page, built so forbidden combinations cannot be expressed.
///
/// Both modes send `singleEvents=true` (instances expanded server-side, rule 13),
/// `showDeleted=true` (cancelled instances and deletions are evidence, rule 3) and `maxResults`,
/// identically, as Google asks. A full listing may add `timeMin`/`timeMax`; an incremental round
/// sends `syncToken` and nothing from ``forbiddenWithSyncToken`` (Google answers 400). Page
/// tokens are appended unchanged to the same query.
public struct GoogleEventsQuery: Hashable, Sendable {
    /// Which kind of round this page belongs to.
    public enum Mode: Hashable, Sendable {
        case full(ListingWindow?)
        case incremental(SyncCursor)
    }

    /// Parameters Google rejects together with `syncToken` ([D G-DISC], fault row 3).
    public static let forbiddenWithSyncToken: Set<String> = [
        "timeMin", "timeMax", "updatedMin", "orderBy", "q", "iCalUID", "privateExtendedProperty",
        "sharedExtendedProperty",
    ]

    public var calendarID: String
    public var mode: Mode
    public var pageToken: String?
    public var pageSize: Int

    /// Creates a query.
    public init(calendarID: String, mode: Mode, pageToken: String? = nil, pageSize: Int) {
        self.calendarID = calendarID
        self.mode = mode
        self.pageToken = pageToken
        self.pageSize = pageSize
    }

    /// The query items in wire order.
    public var items: [(String, String)] {
        var items = [("singleEvents", "true"), ("showDeleted", "true"), ("maxResults", String(pageSize))]
        switch mode {
        case .full(let window):
            if let start = window?.start { items.append(("timeMin", CivilTime.rfc3339(start))) }
            if let end = window?.end { items.append(("timeMax", CivilTime.rfc3339(end))) }
        case .incremental(let cursor):
            items.append(("syncToken", cursor.rawValue))
        }
        if let pageToken { items.append(("pageToken", pageToken)) }
        return items
    }

    /// Why a set of query items would be refused with a sync token (empty when acceptable):
    /// forbidden parameters, or `showDeleted=false`.
    public static func syncTokenViolations(in items: [(name: String, value: String)]) -> [String] {
        guard items.contains(where: { $0.name == "syncToken" }) else { return [] }
        var problems = items.map(\.name).filter { forbiddenWithSyncToken.contains($0) }.map {
            "\($0) is not allowed with syncToken"
        }
        if items.contains(where: { $0.name == "showDeleted" && $0.value == "false" }) {
            problems.append("showDeleted must not be false with syncToken")
        }
        return problems
    }
}
