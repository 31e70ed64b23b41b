public import TMinusCore

/// Builders of every Microsoft Graph request the adapter sends (pure: values in, values out).
///
/// Every request carries `Authorization`, `Accept: application/json` and one `Prefer` header
/// with `IdType="ImmutableId"` (event ids survive moves between calendars, M-IMM),
/// `outlook.timezone="UTC"` (start/end come back in UTC) and `outlook.body-content-type="text"`
/// (bodies come back as plain text); delta rounds add `odata.maxpagesize`. Bodies are compact
/// JSON. Conditional writes carry `If-Match: W/"<changeKey>"`. OData system query names keep
/// their literal `$`; values are percent-encoded.
public enum GraphRequests: Sendable {
    /// The preferences sent on every request, in order.
    public static let preferences = [
        #"IdType="ImmutableId""#, #"outlook.timezone="UTC""#, #"outlook.body-content-type="text""#,
    ]

    /// `GET /me/calendars?$top=N`, or the `@odata.nextLink` of the previous page.
    static func calendars(_ config: GraphConfiguration, nextLink: String?, credential: ProviderCredential)
        -> HTTPRequest
    {
        let url =
            nextLink ?? GraphRequests.url(config, ["me", "calendars"], [("$top", String(config.calendarsPageSize))])
        return HTTPRequest(method: "GET", url: url, headers: headers(credential))
    }

    /// `POST /me/calendars` creating a calendar named `name`.
    static func createCalendar(_ config: GraphConfiguration, name: String, credential: ProviderCredential)
        -> HTTPRequest
    {
        let body = WireJSON.object([WireMember("name", .string(name))])
        return HTTPRequest(
            method: "POST", url: url(config, ["me", "calendars"]), headers: headers(credential, json: true),
            body: body.serialized)
    }

    /// The first URL of a calendarView delta round over `[start, end)`; later pages and rounds
    /// replay the links Graph returns (the window lives inside them, M-DELTA).
    public static func deltaURL(_ config: GraphConfiguration, calendarID: String, start: Timestamp, end: Timestamp)
        -> String
    {
        url(
            config, ["me", "calendars", calendarID, "calendarView", "delta"],
            [("startDateTime", CivilTime.rfc3339(start)), ("endDateTime", CivilTime.rfc3339(end))])
    }

    /// `GET` of one delta page (the initial URL, a nextLink or a deltaLink).
    static func deltaPage(_ config: GraphConfiguration, url: String, credential: ProviderCredential) -> HTTPRequest {
        HTTPRequest(
            method: "GET", url: url, headers: headers(credential, extra: ["odata.maxpagesize=\(config.deltaPageSize)"]))
    }

    /// `GET /me/calendars/{calendarId}/events/{eventId}` with our extended property expanded.
    static func getEvent(_ config: GraphConfiguration, _ address: EventAddress, credential: ProviderCredential)
        -> HTTPRequest
    {
        HTTPRequest(
            method: "GET", url: eventURL(config, address, expand: true), headers: headers(credential))
    }

    /// `POST /me/calendars/{calendarId}/events` with an encoded event body.
    static func createEvent(
        _ config: GraphConfiguration, calendarID: String, body: [UInt8], credential: ProviderCredential
    ) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: url(config, ["me", "calendars", calendarID, "events"]),
            headers: headers(credential, json: true), body: body)
    }

    /// `PATCH /me/calendars/{calendarId}/events/{eventId}`, conditional on the change key.
    static func updateEvent(
        _ config: GraphConfiguration, _ address: EventAddress, body: [UInt8], precondition: WritePrecondition,
        credential: ProviderCredential
    ) -> HTTPRequest {
        var headers = headers(credential, json: true)
        if case .ifMatch(let version) = precondition { headers.add("If-Match", etag(version)) }
        return HTTPRequest(method: "PATCH", url: eventURL(config, address, expand: false), headers: headers, body: body)
    }

    /// `DELETE /me/calendars/{calendarId}/events/{eventId}`, conditional on the change key.
    static func deleteEvent(
        _ config: GraphConfiguration, _ address: EventAddress, precondition: WritePrecondition,
        credential: ProviderCredential
    ) -> HTTPRequest {
        var headers = headers(credential)
        if case .ifMatch(let version) = precondition { headers.add("If-Match", etag(version)) }
        return HTTPRequest(method: "DELETE", url: eventURL(config, address, expand: false), headers: headers)
    }

    /// The events of a calendar carrying our extended property with exactly `value` (M-XPG),
    /// the property expanded: how an adopted create finds its first attempt.
    static func findByMarker(
        _ config: GraphConfiguration, calendarID: String, value: String, credential: ProviderCredential
    ) -> HTTPRequest {
        let quoted = value.replacingSingleQuotes
        let filter =
            "singleValueExtendedProperties/Any(ep: ep/id eq '\(config.markerPropertyID)' and ep/value eq '\(quoted)')"
        let query = [
            ("$filter", filter), ("$expand", GraphMarkers.expandValue(propertyID: config.markerPropertyID)),
            ("$top", String(config.calendarsPageSize)),
        ]
        return HTTPRequest(
            method: "GET", url: url(config, ["me", "calendars", calendarID, "events"], query),
            headers: headers(credential))
    }

    /// The If-Match value of a version: a weak etag around the change key (kept as is when the
    /// stored version already is an etag).
    public static func etag(_ version: ResourceVersion) -> String {
        version.rawValue.hasPrefix("W/\"") || version.rawValue.hasPrefix("\"")
            ? version.rawValue : "W/\"\(version.rawValue)\""
    }

    static func eventURL(_ config: GraphConfiguration, _ address: EventAddress, expand: Bool) -> String {
        url(
            config, ["me", "calendars", address.calendarID, "events", address.eventID],
            expand ? [("$expand", GraphMarkers.expandValue(propertyID: config.markerPropertyID))] : [])
    }

    /// `apiBase + encoded segments + ?name=value&…` with names as given (OData `$` kept literal).
    public static func url(_ config: GraphConfiguration, _ segments: [String], _ query: [(String, String)] = [])
        -> String
    {
        var text = URLParts.build(base: config.apiBase, segments: segments)
        if !query.isEmpty {
            text += "?" + query.map { $0.0 + "=" + URLParts.percentEncode($0.1) }.joined(separator: "&")
        }
        return text
    }

    static func headers(_ credential: ProviderCredential, json: Bool = false, extra: [String] = []) -> HTTPHeaders {
        var headers: HTTPHeaders = [
            "Authorization": credential.authorizationHeader, "Accept": "application/json",
            "Prefer": (preferences + extra).joined(separator: ", "),
        ]
        if json { headers.add("Content-Type", "application/json") }
        return headers
    }
}

extension String {
    /// OData string literal escaping: a single quote is doubled.
    var replacingSingleQuotes: String {
        var out = ""
        for character in self { out += character == "'" ? "''" : String(character) }
        return out
    }
}
