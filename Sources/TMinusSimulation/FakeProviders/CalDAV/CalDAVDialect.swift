/// Which real CalDAV server the fake imitates where the recorded servers differ
/// (`caldav-servers.md`, "Different"): Radicale 3.9.0 or Xandikos 0.4.10. Where they agree the
/// fake does the common thing in both modes.
public enum CalDAVDialect: String, Hashable, Sendable, CaseIterable {
    /// Radicale 3.9.0: Basic auth, principal = home = `/<user>/`, invalid sync token 403,
    /// calendar data inside sync-collection, `DAV:limit` ignored, UID conflict 409, DELETE 200 with
    /// a multistatus, SHA-256 ETags, `@` percent-encoded in hrefs, unescaped TEXT truncated at the
    /// first comma, invalid iCalendar 400.
    case radicale
    /// Xandikos 0.4.10: no auth over plain HTTP, principal `/<user>/` and home
    /// `/<user>/calendars/`, invalid sync token 412, no calendar data in sync-collection (404
    /// propstat: fetch by multiget), `DAV:limit` honoured without a 507 marker, UID conflict 412,
    /// DELETE 204, 40-hex ETags equal to the ctag and token form, `@` literal in hrefs,
    /// `If-None-Match` on GET answered 304.
    case xandikos

    /// The calendar home of `user`.
    func home(of user: String) -> String {
        switch self {
        case .radicale: return "/\(user)/"
        case .xandikos: return "/\(user)/calendars/"
        }
    }

    /// Status of a sync-collection with an unknown, expired or foreign token.
    var invalidSyncTokenStatus: Int { self == .radicale ? 403 : 412 }
    /// Status of a PUT whose UID another resource of the collection already has.
    var uidConflictStatus: Int { self == .radicale ? 409 : 412 }
    /// Whether sync-collection returns `calendar-data` when asked.
    var syncReturnsCalendarData: Bool { self == .radicale }
    /// Whether `DAV:limit` in sync-collection is obeyed (silently, without a 507).
    var honoursSyncLimit: Bool { self == .xandikos }
    /// Whether an HTTP Basic credential is required.
    var requiresAuthentication: Bool { self == .radicale }
    /// Whether `If-None-Match` with the current ETag on GET answers 304.
    var answersNotModified: Bool { self == .xandikos }
    /// Whether `@` is percent-encoded in hrefs the server writes.
    var encodesAtSign: Bool { self == .radicale }
    /// Whether removals come before changes in a sync answer (Radicale) or after (Xandikos).
    var removalsFirst: Bool { self == .radicale }
    /// Whether the multistatus `sync-token` is its first child (Radicale) or last (Xandikos).
    var syncTokenFirst: Bool { self == .radicale }
    /// Content-Type of XML answers.
    var xmlContentType: String { self == .radicale ? "text/xml; charset=utf-8" : "text/xml; charset=\"utf-8\"" }
    /// Hex digits of an ETag (SHA-256 on Radicale, SHA-1-sized on Xandikos).
    var etagHexLength: Int { self == .radicale ? 64 : 40 }
    /// `getcontenttype` of a calendar object resource.
    var itemContentType: String {
        self == .radicale ? "text/calendar;charset=utf-8;component=VEVENT" : "text/calendar"
    }
    /// `getcontenttype` of a collection.
    var collectionContentType: String { self == .radicale ? "text/calendar" : "httpd/unix-directory" }

    /// The `DAV:sync-token` text for a state hash.
    func syncToken(_ hex: String) -> String {
        switch self {
        case .radicale: return "http://radicale.org/ns/sync/" + hex
        case .xandikos: return String(hex.prefix(40))
        }
    }

    /// The `CS:getctag` text for a state hash (quoted on Radicale, bare on Xandikos).
    func ctag(_ hex: String) -> String {
        switch self {
        case .radicale: return "\"" + hex + "\""
        case .xandikos: return String(hex.prefix(40))
        }
    }

    /// The `DAV:` header of OPTIONS answers.
    var davHeader: String {
        switch self {
        case .radicale: return "1, 2, 3, calendar-access, addressbook, extended-mkcol"
        case .xandikos:
            return "1, 2, 3, calendar-access, calendar-auto-schedule, addressbook, extended-mkcol, add-member, "
                + "sync-collection, quota"
        }
    }
}
