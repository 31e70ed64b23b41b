import TMinusCore
import TMinusProviders

/// Accounts, calendars and the calendar list (G-DISC §1.1).
extension GoogleServerState {
    /// Adds an account with its primary calendar (id = email) and returns its refresh token.
    mutating func addAccount(email: String, timeZone: String, now: Timestamp) -> String {
        precondition(accounts[email] == nil, "account \(email) already exists in the fake Google server")
        let refreshToken = CredentialMint.token(prefix: "1//", length: 100, random: &streams.credentials)
        accounts[email] = GoogleAccountRecord(
            email: email, number: nextAccountNumber, timeZone: timeZone, refreshToken: refreshToken)
        nextAccountNumber += 1
        refreshTokens[refreshToken] = email
        createCalendar(owner: email, id: email, summary: email, timeZone: timeZone, isPrimary: true, now: now)
        return refreshToken
    }

    /// Creates a calendar record and lists it for its owner.
    mutating func createCalendar(
        owner: String, id: String, summary: String, timeZone: String, isPrimary: Bool, now: Timestamp
    ) {
        let number = nextCalendarNumber
        nextCalendarNumber += 1
        let resourceID = CredentialMint.token(prefix: "", length: 27, random: &streams.credentials)
        calendars[id] = GoogleCalendarRecord(
            id: id, number: number, owner: owner, isPrimary: isPrimary, resourceID: resourceID, summary: summary,
            timeZone: timeZone, etag: nextEtag(now), updated: now)
        calendarNumbers[number] = id
        touchCalendarList(id)
    }

    /// A fresh secondary-calendar id (`…@group.calendar.google.com`).
    mutating func newSecondaryCalendarID() -> String {
        CredentialMint.base32hex(length: 26, random: &streams.ids) + "@group.calendar.google.com"
    }

    /// Deletes a calendar: it vanishes from every calendar list and API, its channels stop silently.
    mutating func removeCalendar(_ id: String, now: Timestamp) {
        calendars[id]!.deleted = true
        calendars[id]!.etag = nextEtag(now)
        calendars[id]!.updated = now
        touchCalendarList(id)
        for index in channels.indices where channels[index].calendarID == id { channels[index].stopped = true }
        trace.record(component: "google", event: "calendar.deleted \(id)")
    }

    /// `POST /calendars`: a secondary calendar owned by the caller.
    mutating func insertCalendar(account: String, body: [UInt8], now: Timestamp) throws(GoogleAPIError) -> HTTPResponse
    {
        let object = try GoogleServerState.jsonObject(body)
        guard case .string(let summary)? = object["summary"], !summary.isEmpty else {
            throw .required("summary", message: "Missing title.")
        }
        var timeZone = accounts[account]!.timeZone
        if case .string(let zone)? = object["timeZone"] {
            guard let known = TimeZoneNames.ianaName(for: zone) else { throw .invalid("Invalid time zone: \(zone)") }
            timeZone = known
        }
        let id = newSecondaryCalendarID()
        createCalendar(owner: account, id: id, summary: summary, timeZone: timeZone, isPrimary: false, now: now)
        if case .string(let description)? = object["description"] { calendars[id]!.description = description }
        return FakeHTTP.json(200, calendars[id]!.calendarJSON, date: now)
    }

    /// `DELETE /calendars/{id}`: secondary calendars only (G-DISC); the primary can only be cleared.
    mutating func deleteCalendar(_ calendarID: String, account: String, now: Timestamp) throws(GoogleAPIError) {
        let id = try calendar(calendarID, account: account, needs: .owner)
        guard !calendars[id]!.isPrimary else {
            throw .invalid("The primary calendar cannot be deleted; use calendars.clear.")
        }
        removeCalendar(id, now: now)
    }

    /// `GET /users/me/calendarList` with paging and sync tokens, like `events.list`.
    mutating func listCalendarList(account: String, parts: URLParts, now: Timestamp) throws(GoogleAPIError)
        -> HTTPResponse
    {
        let record = accounts[account]!
        let request = try CalendarListRequest(parts, account: record, codec: &codec)
        let ids =
            request.since.map { record.calendarListLog.keys(changedAfter: $0) }
            ?? calendars.values.filter { $0.role(of: account) != nil }.map(\.id)
        var entries: [(key: GoogleSortKey, json: JSONValue)] = []
        for id in ids {
            guard let calendar = calendars[id] else { continue }
            let role = calendar.role(of: account)
            let gone = calendar.deleted || role == nil
            if gone && !request.showDeleted { continue }
            if !gone, let minimum = request.minimumRole, let role, role < minimum { continue }
            let key = GoogleSortKey(a: calendar.number, b: 0, c: 0)
            entries.append((key, calendar.listEntryJSON(for: account, minimal: gone)))
        }
        entries.sort { $0.key < $1.key }
        if let cursor = request.cursor { entries.removeAll { $0.key <= cursor } }
        let page = entries.prefix(request.maxResults)
        var body: [String: JSONValue] = [
            "kind": "calendar#calendarList", "etag": .string("\"\(record.calendarListLog.head)\""),
            "items": .array(page.map(\.json)),
        ]
        if entries.count > page.count {
            body["nextPageToken"] = .string(
                GooglePageTokenFields(collection: -record.number, snapshot: request.snapshot, cursor: page.last!.key)
                    .mint(&codec))
        } else {
            body["nextSyncToken"] = .string(
                GoogleSyncTokenFields(
                    calendar: -record.number, epoch: record.calendarListEpoch, position: request.snapshot,
                    mintedAt: now, singleEvents: false, windowStart: nil, windowEnd: nil
                ).mint(&codec))
        }
        return FakeHTTP.json(200, .object(body), date: now)
    }
}

/// The validated parameters of one `calendarList.list` request; the account's calendar list is
/// collection `-number` in tokens.
private struct CalendarListRequest {
    var maxResults = 100
    var minimumRole: GoogleAccessRole?
    /// The sync token's position, for an incremental request.
    var since: UInt64?
    var snapshot: UInt64
    var cursor: GoogleSortKey?
    var showDeleted: Bool

    init(_ parts: URLParts, account: GoogleAccountRecord, codec: inout RememberingTokenCodec) throws(GoogleAPIError) {
        let collection = -account.number
        let syncToken = parts.queryValue("syncToken")
        if syncToken != nil {
            if parts.queryValue("minAccessRole") != nil { throw .syncTokenWithRequestRestrictions("minAccessRole") }
            for name in ["showDeleted", "showHidden"] where parts.queryValue(name) == "false" {
                throw .syncTokenWithRequestRestrictions(name)
            }
        }
        if let text = parts.queryValue("maxResults") {
            guard let value = Int(text), value >= 1 else {
                throw .invalid("Invalid value '\(text)'.", parameter: "maxResults")
            }
            maxResults = min(value, 250)
        }
        if let name = parts.queryValue("minAccessRole") {
            guard let role = GoogleAccessRole(name: name) else {
                throw .invalid("Invalid minAccessRole.", parameter: "minAccessRole")
            }
            minimumRole = role
        }
        if let syncToken {
            guard let fields = GoogleSyncTokenFields(syncToken, codec: &codec), fields.calendar == collection,
                fields.epoch == account.calendarListEpoch, account.calendarListLog.canServe(from: fields.position)
            else { throw .fullSyncRequired() }
            since = fields.position
        }
        snapshot = account.calendarListLog.head
        if let pageToken = parts.queryValue("pageToken") {
            guard let fields = GooglePageTokenFields(pageToken, codec: &codec), fields.collection == collection else {
                throw .invalid("Invalid page token value.", parameter: "pageToken")
            }
            snapshot = fields.snapshot
            cursor = fields.cursor
        }
        showDeleted = since != nil || parts.queryValue("showDeleted") == "true"
    }
}
