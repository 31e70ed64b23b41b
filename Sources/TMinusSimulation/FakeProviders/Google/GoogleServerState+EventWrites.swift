import TMinusCore
import TMinusProviders

/// `events.get`, `insert`, `update`, `patch`, `delete` and `move` over HTTP (G-DISC §1.8, G-VER).
extension GoogleServerState {
    mutating func insertEvent(
        calendarID: String, account: String, request: HTTPRequest, parts: URLParts, now: Timestamp
    ) throws(GoogleAPIError) -> HTTPResponse {
        let id = try calendar(calendarID, account: account, needs: .writer)
        try GoogleServerState.checkSendUpdates(parts)
        let body = try GoogleServerState.jsonObject(request.body)
        let eventID: String
        switch body["id"] {
        case nil, .null?:
            eventID = CredentialMint.base32hex(length: 26, random: &streams.ids)
        case .string(let supplied)? where GoogleIDRules.isValid(supplied):
            eventID = supplied
        default:
            throw .invalid("Invalid resource id value.")
        }
        // An id is taken for good, also by a deleted event (G-ERR `duplicate`, G-VER).
        guard calendars[id]!.events[eventID] == nil else { throw .duplicate() }
        let content = try GoogleEventContent.validated(GoogleEventContent.writable(body))
        var iCalUID: String?
        if case .string(let supplied)? = body["iCalUID"] { iCalUID = supplied }
        let version = store(eventID, in: id, content: content, base: nil, iCalUID: iCalUID, now: now)
        return FakeHTTP.json(
            200, GoogleEventJSON.full(id: eventID, version: version, calendar: calendars[id]!), date: now)
    }

    func getEvent(
        calendarID: String, eventID: String, account: String, request: HTTPRequest, now: Timestamp
    ) throws(GoogleAPIError) -> HTTPResponse {
        let id = try calendar(calendarID, account: account, needs: .reader)
        guard let version = lookup(eventID, in: id) else { throw .notFound() }
        if let tag = request.headers["If-None-Match"], tag == version.etag { return FakeHTTP.empty(304, date: now) }
        return FakeHTTP.json(
            200, GoogleEventJSON.full(id: eventID, version: version, calendar: calendars[id]!), date: now)
    }

    /// `PUT` (full replacement) or `PATCH` (merge) of an event or of one occurrence of a series.
    mutating func modifyEvent(
        calendarID: String, eventID: String, account: String, request: HTTPRequest, parts: URLParts, patch: Bool,
        now: Timestamp
    ) throws(GoogleAPIError) -> HTTPResponse {
        let id = try calendar(calendarID, account: account, needs: .writer)
        try GoogleServerState.checkSendUpdates(parts)
        let body = try GoogleServerState.jsonObject(request.body)
        guard let base = lookup(eventID, in: id) else { throw .notFound() }
        try GoogleServerState.checkIfMatch(request, etag: base.etag)
        var content = patch ? GoogleEventContent.merge(body, into: base.content) : GoogleEventContent.writable(body)
        if base.recurringEventID != nil { content.removeValue(forKey: "recurrence") }  // occurrences carry no rule
        content = try GoogleEventContent.validated(content)
        let version = store(eventID, in: id, content: content, base: base, now: now)
        return FakeHTTP.json(
            200, GoogleEventJSON.full(id: eventID, version: version, calendar: calendars[id]!), date: now)
    }

    /// `DELETE`: 204; a second delete answers 410 `deleted` (G-ERR).
    mutating func deleteEvent(
        calendarID: String, eventID: String, account: String, request: HTTPRequest, parts: URLParts, now: Timestamp
    ) throws(GoogleAPIError) -> HTTPResponse {
        let id = try calendar(calendarID, account: account, needs: .writer)
        try GoogleServerState.checkSendUpdates(parts)
        guard let base = lookup(eventID, in: id) else { throw .notFound() }
        guard !base.isCancelled else { throw .deleted() }
        try GoogleServerState.checkIfMatch(request, etag: base.etag)
        cancel(eventID, in: id, base: base, now: now)
        return FakeHTTP.empty(204, date: now)
    }

    /// `POST …/events/{id}/move?destination=…`: changes the organizer calendar, keeping the id.
    mutating func moveEvent(
        calendarID: String, eventID: String, account: String, parts: URLParts, now: Timestamp
    ) throws(GoogleAPIError) -> HTTPResponse {
        let source = try calendar(calendarID, account: account, needs: .writer)
        try GoogleServerState.checkSendUpdates(parts)
        guard let destinationParameter = parts.queryValue("destination") else {
            throw .required("destination", message: "Required parameter: destination")
        }
        let destination = try calendar(destinationParameter, account: account, needs: .writer)
        guard let record = calendars[source]!.events[eventID], !record.current.isCancelled else { throw .notFound() }
        guard record.current.recurringEventID == nil else {
            throw GoogleAPIError(
                status: 400, domain: "calendar", reason: "cannotChangeOrganizerOfInstance",
                message: "Cannot change the organizer of an instance.")
        }
        guard source != destination else {
            return FakeHTTP.json(
                200, GoogleEventJSON.full(id: eventID, version: record.current, calendar: calendars[source]!), date: now
            )
        }
        guard calendars[destination]!.events[eventID] == nil else { throw .duplicate() }
        let version = relocate(eventID, from: source, to: destination, now: now)
        return FakeHTTP.json(
            200, GoogleEventJSON.full(id: eventID, version: version, calendar: calendars[destination]!), date: now)
    }

    /// `sendUpdates` must be `all`, `externalOnly` or `none` when present (G-DISC).
    static func checkSendUpdates(_ parts: URLParts) throws(GoogleAPIError) {
        guard let value = parts.queryValue("sendUpdates") else { return }
        guard ["all", "externalOnly", "none"].contains(value) else {
            throw .invalid("Invalid value '\(value)' for sendUpdates.", parameter: "sendUpdates")
        }
    }

    /// `If-Match` must name the current etag (or be `*`) when present (G-VER).
    static func checkIfMatch(_ request: HTTPRequest, etag: String) throws(GoogleAPIError) {
        guard let expected = request.headers["If-Match"] else { return }
        guard expected == "*" || expected == etag else { throw .conditionNotMet() }
    }
}
