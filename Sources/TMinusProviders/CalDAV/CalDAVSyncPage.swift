/// One sync-collection answer (RFC 6578) read into changed and removed members of one collection.
///
/// - A member with a `200` propstat holding `getetag` changed (or is new); its calendar data is
///   kept when the server sent it (Radicale) and nil when it refused it (Xandikos's `404`
///   calendar-data propstat): those bodies are fetched with calendar-multiget.
/// - A member with status `404` was removed (the only positive evidence of deletion, rule 3).
/// - A `507` response on the collection itself marks truncation: apply, then ask again with the
///   new token (fault row 41). The collection's own href among the members (iCloud, row 48) and
///   hrefs outside the collection are ignored; sub-collections too.
public struct CalDAVSyncPage: Hashable, Sendable {
    /// A changed member.
    public struct Change: Hashable, Sendable {
        /// The decoded resource name inside the collection, e.g. `a.ics`.
        public var name: String
        public var etag: String?
        public var calendarData: String?

        /// Creates a value.
        public init(name: String, etag: String?, calendarData: String?) {
            self.name = name
            self.etag = etag
            self.calendarData = calendarData
        }
    }

    public var changes: [Change]
    /// Decoded names of removed members.
    public var removals: [String]
    /// The new token (required).
    public var syncToken: String
    /// True when the server truncated the answer (507 on the collection).
    public var isTruncated: Bool

    /// Creates a value.
    public init(changes: [Change], removals: [String], syncToken: String, isTruncated: Bool) {
        self.changes = changes
        self.removals = removals
        self.syncToken = syncToken
        self.isTruncated = isTruncated
    }

    /// Reads a sync-collection multistatus of `collection` (a decoded path with trailing slash).
    /// - Throws: ``WebDAVError`` for an unreadable body or an answer without a `sync-token`.
    public static func parse(_ body: [UInt8], collection: String) throws(WebDAVError) -> CalDAVSyncPage {
        let multistatus = try DAVMultistatus.parse(body)
        guard let token = multistatus.syncToken, !token.isEmpty else {
            throw .missingElement(parent: .multistatus, element: .syncToken)
        }
        var page = CalDAVSyncPage(changes: [], removals: [], syncToken: token, isTruncated: multistatus.isTruncated)
        for response in multistatus.responses {
            guard let name = memberName(response.href, collection: collection) else { continue }
            if response.status == 404 {
                page.removals.append(name)
            } else if let etag = response.etag {
                page.changes.append(Change(name: name, etag: etag, calendarData: nonEmpty(response.calendarData)))
            }
        }
        return page
    }

    /// The decoded name of a member href inside `collection`, or nil for the collection itself,
    /// an href elsewhere, or a sub-collection.
    public static func memberName(_ href: String, collection: String) -> String? {
        let path = DAVHref.normalize(href, relativeTo: collection)
        guard path.hasPrefix(collection), path.count > collection.count else { return nil }
        let name = String(path.dropFirst(collection.count))
        guard !name.contains("/") else { return nil }
        return name
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
        return text
    }
}
