import TMinusCore

/// Builders of every Google Calendar v3 request the adapter sends (pure: values in, values out).
///
/// Every request carries `Authorization` and `Accept: application/json`; bodies are compact JSON
/// with `Content-Type: application/json`. Every event write carries `sendUpdates=none` (mirrors
/// never notify anyone, rule 5); conditional writes carry `If-Match`.
public enum GoogleRequests: Sendable {
    /// `GET /users/me/calendarList` (one page).
    public static func calendarList(_ config: GoogleConfiguration, pageToken: String?, credential: ProviderCredential)
        -> HTTPRequest
    {
        var query = [("maxResults", String(config.calendarsPageSize))]
        if let pageToken { query.append(("pageToken", pageToken)) }
        let url = URLParts.build(base: config.apiBase, segments: ["users", "me", "calendarList"], query: query)
        return HTTPRequest(method: "GET", url: url, headers: headers(credential))
    }

    /// `POST /calendars` creating a secondary calendar named `name`.
    public static func insertCalendar(_ config: GoogleConfiguration, name: String, credential: ProviderCredential)
        -> HTTPRequest
    {
        let body = WireJSON.object([
            WireMember("summary", .string(name)),
            WireMember(
                "description",
                .string("Busy time mirrored from your other calendars by T-Minus. Managed automatically.")),
        ])
        return HTTPRequest(
            method: "POST", url: URLParts.build(base: config.apiBase, segments: ["calendars"]),
            headers: headers(credential, json: true), body: body.serialized)
    }

    /// `GET /calendars/{calendarId}/events` (one page of a full or incremental round).
    public static func listEvents(
        _ config: GoogleConfiguration, query: GoogleEventsQuery, credential: ProviderCredential
    )
        -> HTTPRequest
    {
        let url = URLParts.build(
            base: config.apiBase, segments: ["calendars", query.calendarID, "events"], query: query.items)
        return HTTPRequest(method: "GET", url: url, headers: headers(credential))
    }

    /// `GET /calendars/{calendarId}/events/{eventId}`.
    public static func getEvent(_ config: GoogleConfiguration, _ address: EventAddress, credential: ProviderCredential)
        -> HTTPRequest
    {
        HTTPRequest(method: "GET", url: eventURL(config, address), headers: headers(credential))
    }

    /// `POST /calendars/{calendarId}/events?sendUpdates=none` with an encoded event body.
    public static func insertEvent(
        _ config: GoogleConfiguration, calendarID: String, body: [UInt8], credential: ProviderCredential
    ) -> HTTPRequest {
        let url = URLParts.build(
            base: config.apiBase, segments: ["calendars", calendarID, "events"], query: [("sendUpdates", "none")])
        return HTTPRequest(method: "POST", url: url, headers: headers(credential, json: true), body: body)
    }

    /// `PUT /calendars/{calendarId}/events/{eventId}?sendUpdates=none`: full replacement.
    public static func updateEvent(
        _ config: GoogleConfiguration, _ address: EventAddress, body: [UInt8], precondition: WritePrecondition,
        credential: ProviderCredential
    ) -> HTTPRequest {
        var headers = headers(credential, json: true)
        if case .ifMatch(let version) = precondition { headers.add("If-Match", version.rawValue) }
        return HTTPRequest(
            method: "PUT", url: eventURL(config, address, sendUpdates: true), headers: headers, body: body)
    }

    /// `DELETE /calendars/{calendarId}/events/{eventId}?sendUpdates=none`.
    public static func deleteEvent(
        _ config: GoogleConfiguration, _ address: EventAddress, precondition: WritePrecondition,
        credential: ProviderCredential
    ) -> HTTPRequest {
        var headers = headers(credential)
        if case .ifMatch(let version) = precondition { headers.add("If-Match", version.rawValue) }
        return HTTPRequest(method: "DELETE", url: eventURL(config, address, sendUpdates: true), headers: headers)
    }

    /// `POST /calendars/{calendarId}/events/watch` opening a `web_hook` channel.
    public static func watchEvents(
        _ config: GoogleConfiguration, calendarID: String, request: PushChannelRequest, credential: ProviderCredential
    ) -> HTTPRequest {
        var members = [
            WireMember("id", .string(request.channelID)), WireMember("type", .string("web_hook")),
            WireMember("address", .string(request.address)),
            WireMember("token", .string(request.verificationToken.revealed)),
        ]
        if let expiresAt = request.expiresAt {
            members.append(WireMember("expiration", .string(String(expiresAt.millisecondsSinceEpoch))))
        }
        let ttl = config.channelTimeToLive.components.seconds
        members.append(WireMember("params", .object([WireMember("ttl", .string(String(ttl)))])))
        let url = URLParts.build(base: config.apiBase, segments: ["calendars", calendarID, "events", "watch"])
        return HTTPRequest(
            method: "POST", url: url, headers: headers(credential, json: true),
            body: WireJSON.object(members).serialized)
    }

    /// `POST /channels/stop` with the channel's `id` and `resourceId`.
    public static func stopChannel(
        _ config: GoogleConfiguration, channelID: String, resourceID: String, credential: ProviderCredential
    ) -> HTTPRequest {
        let body = WireJSON.object([
            WireMember("id", .string(channelID)), WireMember("resourceId", .string(resourceID)),
        ])
        return HTTPRequest(
            method: "POST", url: URLParts.build(base: config.apiBase, segments: ["channels", "stop"]),
            headers: headers(credential, json: true), body: body.serialized)
    }

    static func eventURL(_ config: GoogleConfiguration, _ address: EventAddress, sendUpdates: Bool = false) -> String {
        URLParts.build(
            base: config.apiBase, segments: ["calendars", address.calendarID, "events", address.eventID],
            query: sendUpdates ? [("sendUpdates", "none")] : [])
    }

    static func headers(_ credential: ProviderCredential, json: Bool = false) -> HTTPHeaders {
        var headers: HTTPHeaders = ["Authorization": credential.authorizationHeader, "Accept": "application/json"]
        if json { headers.add("Content-Type", "application/json") }
        return headers
    }
}
