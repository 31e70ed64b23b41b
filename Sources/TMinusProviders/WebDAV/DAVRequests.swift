import Foundation

/// Builds the HTTP requests a CalDAV client sends, as ``HTTPRequest`` values (sans-I/O): the right
/// method, `Depth`, `Content-Type`, preconditions and an optional Basic `Authorization` header.
public enum DAVRequests: Sendable {
    /// `Basic base64(user:password)` (RFC 7617).
    public static func basicAuthorization(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    static let xmlContentType = "application/xml; charset=utf-8"
    static let calendarContentType = "text/calendar; charset=utf-8"

    /// `PROPFIND` with `Depth: 0` or `1`.
    public static func propfind(url: String, depth: Int, _ body: DAVPropfind, authorization: String? = nil)
        -> HTTPRequest
    {
        xmlRequest("PROPFIND", url: url, depth: depth, body: body.xml, authorization: authorization)
    }

    /// `REPORT sync-collection` (`Depth: 0`, as RFC 6578 requires).
    public static func syncCollection(url: String, _ body: DAVSyncCollection, authorization: String? = nil)
        -> HTTPRequest
    {
        xmlRequest("REPORT", url: url, depth: 0, body: body.xml, authorization: authorization)
    }

    /// `REPORT calendar-multiget` (`Depth: 1`).
    public static func calendarMultiget(url: String, _ body: DAVCalendarMultiget, authorization: String? = nil)
        -> HTTPRequest
    {
        xmlRequest("REPORT", url: url, depth: 1, body: body.xml, authorization: authorization)
    }

    /// `REPORT calendar-query` (`Depth: 1`).
    public static func calendarQuery(url: String, _ body: DAVCalendarQuery, authorization: String? = nil) -> HTTPRequest
    {
        xmlRequest("REPORT", url: url, depth: 1, body: body.xml, authorization: authorization)
    }

    /// `MKCALENDAR`.
    public static func mkcalendar(url: String, _ body: DAVMkcalendar, authorization: String? = nil) -> HTTPRequest {
        xmlRequest("MKCALENDAR", url: url, depth: nil, body: body.xml, authorization: authorization)
    }

    /// How a PUT is made conditional.
    public enum WriteCondition: Hashable, Sendable {
        /// `If-None-Match: *`: create only; 412 when the href exists.
        case createOnly
        /// `If-Match: <etag>`: replace only that version; 412 when it changed.
        case ifMatch(String)
        /// No precondition (last writer wins; avoid).
        case unconditional
    }

    /// `PUT` of a calendar object resource.
    public static func put(
        url: String, calendar bytes: [UInt8], condition: WriteCondition, authorization: String? = nil
    ) -> HTTPRequest {
        var headers = HTTPHeaders([("Content-Type", calendarContentType)])
        switch condition {
        case .createOnly: headers.add("If-None-Match", "*")
        case .ifMatch(let etag): headers.add("If-Match", etag)
        case .unconditional: break
        }
        if let authorization { headers.add("Authorization", authorization) }
        return HTTPRequest(method: "PUT", url: url, headers: headers, body: bytes)
    }

    /// `DELETE`, conditional on `etag` when given.
    public static func delete(url: String, ifMatch etag: String?, authorization: String? = nil) -> HTTPRequest {
        var headers = HTTPHeaders()
        if let etag { headers.add("If-Match", etag) }
        if let authorization { headers.add("Authorization", authorization) }
        return HTTPRequest(method: "DELETE", url: url, headers: headers)
    }

    /// `GET` of one resource.
    public static func get(url: String, authorization: String? = nil) -> HTTPRequest {
        var headers = HTTPHeaders()
        if let authorization { headers.add("Authorization", authorization) }
        return HTTPRequest(method: "GET", url: url, headers: headers)
    }

    private static func xmlRequest(_ method: String, url: String, depth: Int?, body: [UInt8], authorization: String?)
        -> HTTPRequest
    {
        var headers = HTTPHeaders([("Content-Type", xmlContentType)])
        if let depth { headers.add("Depth", String(depth)) }
        if let authorization { headers.add("Authorization", authorization) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }
}
