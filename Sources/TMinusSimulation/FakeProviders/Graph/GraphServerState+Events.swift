import TMinusCore
import TMinusProviders

/// Event CRUD over HTTP (M-EVT method pages): `POST` → 201, `GET`, `PATCH` → 200 (optionally
/// conditional on `If-Match` with the change key → 412 `ErrorIrresolvableConflict`), `DELETE` → 204,
/// and `transactionId` dedup: a create repeating a remembered transactionId answers 201 with the
/// event the first create made, creating nothing [I: the retry answer is not documented].
extension GraphServerState {
    /// The calendar a reference names for collections (`anyCalendar` means the default one).
    func calendarID(_ reference: GraphCalendarReference, account: String) throws(GraphAPIError) -> String {
        switch reference {
        case .id(let id): return try calendar(id, account: account)
        case .defaultCalendar, .anyCalendar: return defaultCalendar(of: account)
        }
    }

    /// The live item `id` names under `reference` (any calendar of the mailbox for `/me/events/{id}`).
    /// - Throws: 404 `ErrorItemNotFound` (also for the old REST id of a moved item, M-IMM).
    func locate(_ reference: GraphCalendarReference, _ id: String, account: String) throws(GraphAPIError)
        -> (calendarID: String, item: GraphItem, version: GraphEventVersion)
    {
        let candidates: [String]
        if case .anyCalendar = reference {
            candidates = calendars.values.filter { $0.owner == account && !$0.deleted }.map(\.id).sorted()
        } else {
            candidates = [try calendarID(reference, account: account)]
        }
        for calendarID in candidates {
            if let item = resolve(id, in: calendarID), let version = liveVersion(item, in: calendarID) {
                return (calendarID, item, version)
            }
        }
        throw .itemNotFound()
    }

    mutating func createEvent(
        _ reference: GraphCalendarReference, request: HTTPRequest, context: GraphRequestContext, account: String,
        now: Timestamp
    ) throws(GraphAPIError) -> HTTPResponse {
        let calendarID = try calendarID(reference, account: account)
        let (fields, transactionID) = try GraphEventWrite.created(request.body)
        if let transactionID, let existing = rememberedTransaction(transactionID, in: calendarID, now: now) {
            trace.record(component: "graph", event: "transaction.replayed \(calendarID)")
            lastWrittenEventID = existing
            let version = calendars[calendarID]!.events[existing]!.current
            let body = render(.stored(existing), version, in: calendarID, context, properties: nil, inDelta: false)
            return resourceResponse(201, body, context: "users('\(account)')/events/$entity", now: now)
        }
        let id = storeNew(fields, in: calendarID, transactionID: transactionID, now: now)
        lastWrittenEventID = id
        let version = calendars[calendarID]!.events[id]!.current
        let body = render(.stored(id), version, in: calendarID, context, properties: nil, inDelta: false)
        return resourceResponse(201, body, context: "users('\(account)')/events/$entity", now: now)
    }

    mutating func getEvent(
        _ reference: GraphCalendarReference, _ id: String, context: GraphRequestContext, account: String,
        now: Timestamp
    ) throws(GraphAPIError) -> HTTPResponse {
        let found = try locate(reference, id, account: account)
        let properties = expanded(found.version, context)
        let body = render(
            found.item, found.version, in: found.calendarID, context, properties: properties, inDelta: false)
        return resourceResponse(200, body, context: "users('\(account)')/events/$entity", now: now)
    }

    mutating func updateEvent(
        _ reference: GraphCalendarReference, _ id: String, request: HTTPRequest, context: GraphRequestContext,
        account: String, now: Timestamp
    ) throws(GraphAPIError) -> HTTPResponse {
        let found = try locate(reference, id, account: account)
        try GraphServerState.checkIfMatch(request, changeKey: found.version.changeKey)
        var (fields, transactionID) = try GraphEventWrite.patched(request.body, base: found.version.fields)
        if found.version.seriesMasterID != nil { fields.recurrence = nil }  // occurrences carry no pattern
        if let transactionID, case .stored(let stored) = found.item,
            let existing = calendars[found.calendarID]!.events[stored]!.transactionID, existing != transactionID
        {
            throw .invalidRequest("Your request can't be completed. The transactionId of an event cannot be changed.")
        }
        let stored = revise(found.item, in: found.calendarID, fields: fields, now: now)
        lastWrittenEventID = stored
        let version = calendars[found.calendarID]!.events[stored]!.current
        let body = render(.stored(stored), version, in: found.calendarID, context, properties: nil, inDelta: false)
        return resourceResponse(200, body, context: "users('\(account)')/events/$entity", now: now)
    }

    mutating func deleteEvent(
        _ reference: GraphCalendarReference, _ id: String, request: HTTPRequest, account: String, now: Timestamp
    ) throws(GraphAPIError) -> HTTPResponse {
        let found = try locate(reference, id, account: account)
        try GraphServerState.checkIfMatch(request, changeKey: found.version.changeKey)
        remove(found.item, in: found.calendarID, now: now)
        if case .stored(let stored) = found.item { lastWrittenEventID = stored }
        return FakeHTTP.empty(204, date: now)
    }

    /// `GET …/events`: single instances and series masters (no occurrences, M-EVT), optionally
    /// filtered by an extended property (`singleValueExtendedProperties/Any(ep: ep/id eq '…' and
    /// ep/value eq '…')`, value compared case-insensitively, M-XPG), paged with `$top`/`$skip`.
    mutating func listEvents(
        _ reference: GraphCalendarReference, parts: URLParts, context: GraphRequestContext, account: String,
        now: Timestamp
    ) throws(GraphAPIError) -> HTTPResponse {
        let calendarID = try calendarID(reference, account: account)
        let filter = parts.queryValue("$filter").map(GraphRequestContext.quotedLiterals(in:)) ?? []
        let records = calendars[calendarID]!.events.values.sorted { $0.ordinal < $1.ordinal }.filter { record in
            let version = record.current
            guard !version.isDeleted, !version.isException else { return false }
            guard filter.count >= 1 else { return true }
            guard let value = version.fields.property(filter[0]) else { return false }
            return filter.count < 2 || value.lowercased() == filter[1].lowercased()
        }
        let top = max(1, min(Int(parts.queryValue("$top") ?? "") ?? 10, 1000))
        let skip = max(0, Int(parts.queryValue("$skip") ?? "") ?? 0)
        var values: [JSONValue] = []
        for record in records.dropFirst(skip).prefix(top) {
            let properties = expanded(record.current, context)
            values.append(
                render(
                    .stored(record.id), record.current, in: calendarID, context, properties: properties, inDelta: false)
            )
        }
        var body: [String: JSONValue] = [
            "@odata.context": .string("https://graph.microsoft.com/v1.0/$metadata#users('\(account)')/events"),
            "value": .array(values),
        ]
        if skip + top < records.count {
            var query = parts.query.filter { $0.name != "$skip" }.map { ($0.name, $0.value) }
            query.append(("$skip", String(skip + top)))
            body["@odata.nextLink"] = .string(
                "https://graph.microsoft.com" + parts.path + "?"
                    + query.map { $0.0 + "=" + URLParts.percentEncode($0.1) }.joined(separator: "&"))
        }
        return FakeHTTP.json(200, .object(body), date: now)
    }

    /// The live event a remembered `transactionId` created, within the retention window.
    private func rememberedTransaction(_ transactionID: String, in calendarID: String, now: Timestamp) -> String? {
        guard let entry = calendars[calendarID]!.transactions[transactionID],
            let record = calendars[calendarID]!.events[entry.eventID], !record.current.isDeleted
        else { return nil }
        if let retention = configuration.transactionIDRetention, now >= entry.at.adding(retention) { return nil }
        return entry.eventID
    }

    /// `If-Match` must name the current change key (`W/"…"`, `"…"` or bare) or be `*`.
    static func checkIfMatch(_ request: HTTPRequest, changeKey: String) throws(GraphAPIError) {
        guard let expected = request.headers["If-Match"]?.trimmingSpaces else { return }
        var bare = expected
        if bare.hasPrefix("W/") { bare = String(bare.dropFirst(2)) }
        if bare.count >= 2, bare.hasPrefix("\""), bare.hasSuffix("\"") { bare = String(bare.dropFirst().dropLast()) }
        guard expected == "*" || bare == changeKey else { throw .irresolvableConflict() }
    }
}
