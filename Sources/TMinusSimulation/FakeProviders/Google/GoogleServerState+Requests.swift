package import TMinusCore
package import TMinusProviders

extension GoogleServerState {
    /// The Calendar API host and the OAuth token host this server answers for.
    static let apiHost = "www.googleapis.com"
    static let tokenHost = "oauth2.googleapis.com"

    /// Answers one request at the server's instant `now`.
    package mutating func handle(_ request: HTTPRequest, parts: URLParts?, now: Timestamp) -> HTTPResponse {
        guard let parts = parts else { return GoogleAPIError.notFound().response(date: now) }
        if parts.host.lowercased() == GoogleServerState.tokenHost {
            return tokenEndpoint(request, parts: parts, now: now)
        }
        var write: (account: String, target: GoogleRoute.WriteTarget)?
        let response: HTTPResponse
        do throws(GoogleAPIError) {
            guard parts.host.lowercased() == GoogleServerState.apiHost,
                let route = GoogleRoute(method: request.method, parts: parts)
            else { throw GoogleAPIError.notFound() }
            let account = try authenticate(request.headers, now: now)
            write = route.writeTarget.map { (account, $0) }
            try applyLimits(account: account, request: request, parts: parts, now: now)
            response = try dispatch(route, request: request, parts: parts, account: account, now: now)
        } catch {
            trace.record(
                component: "google", event: "error \(error.status) \(error.reason) \(request.method) \(parts.path)")
            response = error.response(date: now)
        }
        if let write {
            let eventID =
                write.target.eventID ?? GoogleServerState.eventID(in: response) ?? GoogleServerState.eventID(
                    in: request.body) ?? "-"
            logWrite(
                write.target.operation, account: write.account,
                calendarID: resolve(write.target.calendarID, account: write.account),
                eventID: eventID, sendUpdates: parts.queryValue("sendUpdates"), status: response.status)
        }
        return response
    }

    /// The `id` of a successful JSON answer.
    private static func eventID(in response: HTTPResponse) -> String? {
        response.isSuccess ? eventID(in: response.body) : nil
    }

    /// The `id` member of a JSON object body.
    private static func eventID(in body: [UInt8]) -> String? {
        guard case .object(let object)? = try? StableJSON.parse(String(decoding: body, as: UTF8.self)),
            case .string(let id)? = object["id"]
        else { return nil }
        return id
    }

    private mutating func dispatch(
        _ route: GoogleRoute, request: HTTPRequest, parts: URLParts, account: String, now: Timestamp
    ) throws(GoogleAPIError) -> HTTPResponse {
        switch route {
        case .listCalendarList:
            return try listCalendarList(account: account, parts: parts, now: now)
        case .getCalendarListEntry(let calendarID):
            let id = try calendar(calendarID, account: account, needs: .freeBusyReader)
            return FakeHTTP.json(200, calendars[id]!.listEntryJSON(for: account, minimal: false), date: now)
        case .insertCalendar:
            return try insertCalendar(account: account, body: request.body, now: now)
        case .getCalendar(let calendarID):
            let id = try calendar(calendarID, account: account, needs: .freeBusyReader)
            return FakeHTTP.json(200, calendars[id]!.calendarJSON, date: now)
        case .deleteCalendar(let calendarID):
            try deleteCalendar(calendarID, account: account, now: now)
            return FakeHTTP.empty(204, date: now)
        case .listEvents(let calendarID):
            return try listEvents(calendarID: calendarID, account: account, parts: parts, now: now)
        case .insertEvent(let calendarID):
            return try insertEvent(calendarID: calendarID, account: account, request: request, parts: parts, now: now)
        case .getEvent(let calendarID, let eventID):
            return try getEvent(calendarID: calendarID, eventID: eventID, account: account, request: request, now: now)
        case .updateEvent(let calendarID, let eventID):
            return try modifyEvent(
                calendarID: calendarID, eventID: eventID, account: account, request: request, parts: parts,
                patch: false,
                now: now)
        case .patchEvent(let calendarID, let eventID):
            return try modifyEvent(
                calendarID: calendarID, eventID: eventID, account: account, request: request, parts: parts, patch: true,
                now: now)
        case .deleteEvent(let calendarID, let eventID):
            return try deleteEvent(
                calendarID: calendarID, eventID: eventID, account: account, request: request, parts: parts, now: now)
        case .moveEvent(let calendarID, let eventID):
            return try moveEvent(calendarID: calendarID, eventID: eventID, account: account, parts: parts, now: now)
        case .watchEvents(let calendarID):
            return try watchEvents(calendarID: calendarID, account: account, body: request.body, now: now)
        case .stopChannel:
            try stopChannel(account: account, body: request.body)
            return FakeHTTP.empty(204, date: now)
        }
    }

    /// The JSON object of a request body.
    /// - Throws: 400 `parseError` when the body is not a JSON object.
    static func jsonObject(_ body: [UInt8]) throws(GoogleAPIError) -> [String: JSONValue] {
        guard let value = try? StableJSON.parse(String(decoding: body, as: UTF8.self)), case .object(let object) = value
        else { throw .parseError() }
        return object
    }
}
