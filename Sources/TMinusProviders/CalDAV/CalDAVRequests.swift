import TMinusCore

/// The HTTP requests of the CalDAV adapter (pure): each builder takes the account's credential and
/// returns an ``HTTPRequest`` for ``AuthorizedExchange``. Bodies come from the WebDAV layer
/// (``DAVPropfind``, ``DAVSyncCollection``, …); this type only adds what the adapter needs on top.
///
/// Never sent: `DAV:limit` (Xandikos honours it without marking the truncation, so members would be
/// lost silently) and `Accept-Encoding` (bodies stay plain for the fault layer and the traces).
public enum CalDAVRequests: Sendable {
    /// Properties read for each calendar of the home (Depth 1) and for one calendar (Depth 0).
    public static let collectionProperties = DAVPropfind(properties: [
        .resourceType, .displayName, .getCTag, .syncToken, .supportedCalendarComponentSet,
        CalDAVNames.currentUserPrivilegeSet,
        CalDAVNames.calendarTimezone,
    ])

    /// `PROPFIND Depth 0` asking only for the collection's `sync-token` (before a full listing).
    public static let syncTokenOnly = DAVPropfind(properties: [.syncToken])

    /// `PROPFIND Depth 0` asking only for `getetag` (a write answered without an ETag, row 47).
    public static let etagOnly = DAVPropfind(properties: [.getETag])

    /// The sync-collection body: ETags and calendar data in one answer where the server allows.
    public static func syncCollection(token: String?) -> DAVSyncCollection {
        DAVSyncCollection(syncToken: token, properties: [.getETag, .calendarData])
    }

    /// A calendar-query for the VEVENTs whose UID contains `uid` (text-match is a substring match,
    /// so callers keep only exact UIDs), with ETags and calendar data.
    public static func uidQuery(_ uid: String) -> DAVElement {
        let match = DAVElement(CalDAVNames.textMatch, attributes: [DAVAttribute("collation", "i;octet")], text: uid)
        let event = DAVElement(
            .compFilter, attributes: [DAVAttribute("name", "VEVENT")],
            children: [DAVElement(CalDAVNames.propFilter, attributes: [DAVAttribute("name", "UID")], children: [match])]
        )
        let filter = DAVElement(
            .filter,
            children: [DAVElement(.compFilter, attributes: [DAVAttribute("name", "VCALENDAR")], children: [event])])
        return DAVElement(
            .calendarQuery,
            children: [DAVElement(.prop, children: [DAVElement(.getETag), DAVElement(.calendarData)]), filter])
    }

    /// The UID a calendar-query body filters on with `prop-filter name="UID"`, or nil (for fakes).
    public static func queriedUID(in query: DAVElement) -> String? {
        var pending = [query]
        while let element = pending.popLast() {
            if element.name == CalDAVNames.propFilter, element.attribute("name")?.uppercased() == "UID",
                let match = element.child(CalDAVNames.textMatch)
            {
                return match.text
            }
            pending += element.children
        }
        return nil
    }

    /// `REPORT calendar-query` (Depth 1) with an arbitrary body element.
    public static func report(url: String, _ body: DAVElement, depth: Int, authorization: String) -> HTTPRequest {
        HTTPRequest(
            method: "REPORT", url: url,
            headers: HTTPHeaders([
                ("Content-Type", "application/xml; charset=utf-8"), ("Depth", String(depth)),
                ("Authorization", authorization),
            ]), body: DAVXMLWriter.bytes(body))
    }

    /// `PUT` of a calendar object resource. ``WritePrecondition/none`` is sent as `If-Match: *`,
    /// so an update never creates a resource that is not there.
    public static func update(url: String, calendar: [UInt8], precondition: WritePrecondition, authorization: String)
        -> HTTPRequest
    {
        let condition: DAVRequests.WriteCondition =
            switch precondition {
            case .none: .ifMatch("*")
            case .ifMatch(let version): .ifMatch(version.rawValue)
            }
        return DAVRequests.put(url: url, calendar: calendar, condition: condition, authorization: authorization)
    }

    /// `DELETE`, conditional on the version when given.
    public static func delete(url: String, precondition: WritePrecondition, authorization: String) -> HTTPRequest {
        let etag: String? =
            switch precondition {
            case .none: nil
            case .ifMatch(let version): version.rawValue
            }
        return DAVRequests.delete(url: url, ifMatch: etag, authorization: authorization)
    }
}
