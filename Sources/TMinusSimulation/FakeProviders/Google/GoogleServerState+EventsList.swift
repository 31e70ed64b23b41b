import TMinusCore
import TMinusProviders

/// `events.list`: full listings, incremental rounds from a sync token, paging that stays correct
/// while data changes underneath (G-SYNC §1.3).
///
/// How paging stays correct: a round fixes, on its first page, the change-log position it will
/// promise in its final `nextSyncToken` (the log head, or just before the first change `list`
/// cannot see yet). Pages walk the *current* state in a stable sort order behind a cursor carried
/// in the page token. A change made after the round began therefore appears in a later page, or in
/// the next incremental round, or both — never in neither.
extension GoogleServerState {
    mutating func listEvents(calendarID: String, account: String, parts: URLParts, now: Timestamp)
        throws(GoogleAPIError) -> HTTPResponse
    {
        let query = try GoogleListQuery(parts)
        let id = try calendar(calendarID, account: account, needs: .reader)
        let sync = try query.syncToken.map { token throws(GoogleAPIError) in
            try validSyncToken(token, calendarID: id, now: now)
        }
        if let updatedMin = query.updatedMin, updatedMin < now.adding(.zero - configuration.updatedMinHorizon) {
            throw .updatedMinTooLongAgo()
        }
        let calendar = calendars[id]!
        let published = replicationClock.now()
        var snapshot = calendar.snapshotPosition(at: published)
        var cursor: GoogleSortKey?
        if let pageToken = query.pageToken {
            guard let fields = GooglePageTokenFields(pageToken, codec: &codec), fields.collection == calendar.number
            else {
                throw .invalid("Invalid page token value.", parameter: "pageToken")
            }
            snapshot = fields.snapshot
            cursor = fields.cursor
        }
        var items = collectItems(calendar, query: query, sync: sync, now: now, published: published)
        items.sort { $0.key < $1.key }
        if let cursor { items.removeAll { $0.key <= cursor } }
        var size = query.maxResults
        if !items.isEmpty, streams.pages.chance(configuration.shortPageChance) {
            size = Int(streams.pages.below(UInt64(size)))
        }
        let page = items.prefix(size)
        let listed = page.map { renderedEvents.serialized($0.input) { $0.json } }
        var body = StableJSONWriter(capacity: listed.reduce(512) { $0 + $1.count + 1 })
        body.beginObject()
        body.key("accessRole")
        body.string(calendar.role(of: account)?.name ?? "reader")
        body.key("defaultReminders")
        body.value([])
        if let description = calendar.description {
            body.key("description")
            body.string(description)
        }
        body.key("etag")
        body.string("\"\(calendar.updated.millisecondsSinceEpoch)\"")
        body.key("items")
        body.array(ofSerialized: listed)
        body.key("kind")
        body.string("calendar#events")
        if items.count > page.count {
            let last = page.last?.key ?? cursor ?? GoogleSortKey(a: .min, b: .min, c: .min)
            body.key("nextPageToken")
            body.string(GooglePageTokenFields(collection: calendar.number, snapshot: snapshot, cursor: last).mint(&codec))
        } else {
            let token = GoogleSyncTokenFields(
                calendar: calendar.number, epoch: calendar.tokenEpoch, position: snapshot, mintedAt: now,
                singleEvents: query.singleEvents, windowStart: sync?.windowStart ?? query.timeMin,
                windowEnd: sync?.windowEnd ?? query.timeMax)
            body.key("nextSyncToken")
            body.string(token.mint(&codec))
        }
        body.key("summary")
        body.string(calendar.summary)
        body.key("timeZone")
        body.string(calendar.timeZone)
        body.key("updated")
        body.string(CivilTime.rfc3339(calendar.updated))
        body.endObject()
        return FakeHTTP.json(200, serialized: body.bytes, date: now)
    }

    /// The fields of `token` if the calendar still honours it.
    /// - Throws: 410 `fullSyncRequired` for a tampered or foreign token, an invalidated epoch, a
    ///   forgotten position, an expired or scheduled-out token, or a random invalidation (which
    ///   also invalidates every other token of the calendar, so a retry cannot succeed).
    mutating func validSyncToken(_ token: String, calendarID: String, now: Timestamp) throws(GoogleAPIError)
        -> GoogleSyncTokenFields
    {
        let calendar = calendars[calendarID]!
        guard let fields = GoogleSyncTokenFields(token, codec: &codec), fields.calendar == calendar.number,
            fields.epoch == calendar.tokenEpoch, calendar.log.canServe(from: fields.position)
        else { throw invalidated(calendarID, why: "unknown") }
        if let lifetime = configuration.syncTokenLifetime, now >= fields.mintedAt.adding(lifetime) {
            throw invalidated(calendarID, why: "expired")
        }
        if configuration.syncTokenInvalidations.contains(where: { $0 > fields.mintedAt && $0 <= now }) {
            throw invalidated(calendarID, why: "scheduled")
        }
        if streams.invalidation.chance(configuration.syncTokenInvalidationChance) {
            calendars[calendarID]!.tokenEpoch += 1
            throw invalidated(calendarID, why: "random")
        }
        return fields
    }

    private func invalidated(_ calendarID: String, why: String) -> GoogleAPIError {
        trace.record(component: "google", event: "sync-token.rejected \(why) \(calendarID)")
        return .fullSyncRequired()
    }

    /// Every item the query selects right now, with its sort key.
    private func collectItems(
        _ calendar: GoogleCalendarRecord, query: GoogleListQuery, sync: GoogleSyncTokenFields?, now: Timestamp,
        published: Timestamp
    ) -> [(key: GoogleSortKey, input: GoogleRenderInput)] {
        let since = sync?.position
        let ids = since.map { calendar.log.keys(changedAfter: $0) } ?? calendar.events.keys.sorted()
        var items: [(key: GoogleSortKey, input: GoogleRenderInput)] = []
        for id in ids {
            guard let record = calendar.events[id], let version = record.visible(at: published) else { continue }
            if let since, version.position <= since { continue }
            appendItems(
                record, version, calendar: calendar, query: query, sync: sync, now: now, published: published,
                into: &items)
        }
        return items
    }

    private func appendItems(
        _ record: GoogleEventRecord, _ version: GoogleEventVersion, calendar: GoogleCalendarRecord,
        query: GoogleListQuery, sync: GoogleSyncTokenFields?, now: Timestamp, published: Timestamp,
        into items: inout [(key: GoogleSortKey, input: GoogleRenderInput)]
    ) {
        let incremental = sync != nil
        let shape = GoogleRenderInput.Shape.full(calendarID: calendar.id, owner: calendar.owner)
        if version.isCancelled {
            let cancelledOccurrenceOfLiveSeries =
                version.recurringEventID.map { series in
                    !query.singleEvents && calendar.events[series]?.visible(at: published)?.isCancelled == false
                } ?? false
            let wanted = incremental || query.showDeleted || query.updatedMin != nil || cancelledOccurrenceOfLiveSeries
            guard wanted, incremental || !(query.singleEvents && version.isSeries) else { return }
            guard passes(version, query: query, sync: sync, cancelled: true) else { return }
            items.append(
                (
                    sortKey(record, version, occurrence: nil, query),
                    GoogleRenderInput(id: record.id, version: version, shape: .minimal)
                ))
            return
        }
        guard version.isSeries, query.singleEvents, let start = version.start else {
            guard passes(version, query: query, sync: sync, cancelled: false) else { return }
            items.append(
                (
                    sortKey(record, version, occurrence: nil, query),
                    GoogleRenderInput(id: record.id, version: version, shape: shape)
                ))
            return
        }
        let limit = query.timeMax ?? now.adding(configuration.expansionHorizon)
        let occurrences =
            (try? configuration.recurrence.occurrences(
                of: version.recurrence, start: start, end: version.end ?? start, before: limit,
                maximumCount: configuration.maximumOccurrences)) ?? []
        for occurrence in occurrences {
            let instanceID = GoogleEventJSON.instanceID(seriesID: record.id, originalStart: occurrence)
            if calendar.events[instanceID] != nil { continue }  // an exception stands in for it
            let instance = GoogleEventJSON.occurrence(of: version, seriesID: record.id, originalStart: occurrence)
            guard passes(instance, query: query, sync: sync, cancelled: false) else { continue }
            items.append(
                (
                    sortKey(record, instance, occurrence: occurrence, query),
                    GoogleRenderInput(id: instanceID, version: instance, shape: shape)
                ))
        }
    }

    /// Whether a version passes the query's filters (full listings) or the full sync's window
    /// (incremental rounds, when so configured; cancelled entries always pass then).
    private func passes(
        _ version: GoogleEventVersion, query: GoogleListQuery, sync: GoogleSyncTokenFields?, cancelled: Bool
    ) -> Bool {
        if let sync {
            guard configuration.incrementalRespectsFullSyncWindow, !cancelled else { return true }
            return overlaps(version, from: sync.windowStart, to: sync.windowEnd)
        }
        guard overlaps(version, from: query.timeMin, to: query.timeMax) else { return false }
        if let updatedMin = query.updatedMin, version.updated < updatedMin { return false }
        if let uid = query.iCalUID, version.iCalUID != uid { return false }
        if let text = query.text?.lowercased() {
            let fields = ["summary", "description", "location"].compactMap { key -> String? in
                if case .string(let value)? = version.content[key] { return value.lowercased() }
                return nil
            }
            guard fields.contains(where: { $0.contains(text) }) else { return false }
        }
        return (query.privateFilters.isEmpty || matches(query.privateFilters, version.properties("private")))
            && (query.sharedFilters.isEmpty || matches(query.sharedFilters, version.properties("shared")))
    }

    /// `timeMin` bounds the end and `timeMax` the start, both exclusive (G-DISC).
    private func overlaps(_ version: GoogleEventVersion, from: Timestamp?, to: Timestamp?) -> Bool {
        if let from, let end = version.end, end.instant <= from { return false }
        if let to, let start = version.start, start.instant >= to { return false }
        return true
    }

    private func matches(_ filters: [(name: String, value: String)], _ properties: [String: String]) -> Bool {
        guard !filters.isEmpty else { return true }
        let hits = filters.map { properties[$0.name] == $0.value }
        return configuration.extendedPropertyFiltersMatchAny ? hits.contains(true) : !hits.contains(false)
    }

    private func sortKey(
        _ record: GoogleEventRecord, _ version: GoogleEventVersion, occurrence: EventDateTime?, _ query: GoogleListQuery
    ) -> GoogleSortKey {
        let sub = occurrence?.instant.nanosecondsSinceEpoch ?? .min
        switch query.orderBy {
        case nil:
            return GoogleSortKey(a: record.ordinal, b: sub, c: 0)
        case .startTime?:
            return GoogleSortKey(a: version.start?.instant.nanosecondsSinceEpoch ?? .min, b: record.ordinal, c: sub)
        case .updated?:
            return GoogleSortKey(a: Int64(version.position), b: record.ordinal, c: sub)
        }
    }
}
