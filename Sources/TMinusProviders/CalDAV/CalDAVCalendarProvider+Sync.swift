import TMinusCore

extension CalDAVCalendarProvider {
    /// Every event of the collection. The collection's `DAV:sync-token` is read first (PROPFIND
    /// Depth 0), then every VEVENT resource with its data in one `calendar-query` REPORT — the
    /// cheapest full read a CalDAV server offers (on Radicale an initial sync-collection costs about
    /// twice the query, and Xandikos sends no data in it). Reading the token first makes it no newer
    /// than the data, so a change in between is reported again by the next round, never lost. A
    /// server without the property gets an initial `sync-collection` instead.
    ///
    /// Single events are reported when they overlap `window` (all of them when it is nil); series
    /// are expanded within the window, or within the configured default horizons around the clock
    /// for an open bound.
    public func fullListing(calendarID: String, window: ListingWindow?) async throws(ProviderError) -> EventListing {
        let now = clock.now()
        let cursor = CalDAVCursor(
            collection: Self.collectionPath(calendarID), syncToken: "", singlesStart: window?.start,
            singlesEnd: window?.end,
            expandStart: window?.start ?? now.adding(.zero - configuration.defaultExpansionPast),
            expandEnd: window?.end ?? now.adding(configuration.defaultExpansionFuture))
        return try await listing(from: cursor, isFull: true)
    }

    /// The changes since `cursor` (RFC 6578 incremental sync). A cursor minted for another
    /// calendar, or not by this adapter, is ``ProviderError/cursorInvalid(_:)`` at once; so is a
    /// token the server no longer accepts (403 / 409 / 412 `valid-sync-token`, fault rows 40, 50).
    public func changes(calendarID: String, since cursor: SyncCursor) async throws(ProviderError) -> EventListing {
        let collection = Self.collectionPath(calendarID)
        guard let stored = cursorMemo.decode(cursor), stored.collection == collection, !stored.syncToken.isEmpty else {
            throw .cursorInvalid(
                ProviderErrorContext(
                    provider: .caldav, operation: CalDAVErrorMapper.syncOperation, reason: "valid-sync-token",
                    detail: "the cursor was not issued by the CalDAV adapter for this calendar"))
        }
        return try await listing(from: stored, isFull: false)
    }

    /// Runs sync rounds until the answer is no longer truncated, fetches missing bodies, and turns
    /// the result into records: deletions first, then upserts; a deletion of an ID that is also
    /// upserted in the same listing (a UID moved between resources) is dropped.
    func listing(from start: CalDAVCursor, isFull: Bool) async throws(ProviderError) -> EventListing {
        var cursor = start
        var changes: CalDAVSyncResult
        if isFull, let token = try await currentSyncToken(collection: cursor.collection) {
            changes = try await queryAll(collection: cursor.collection)
            changes.token = token
        } else {
            changes = try await syncRounds(collection: cursor.collection, token: isFull ? nil : cursor.syncToken)
        }
        try await fetchMissingBodies(&changes, collection: cursor.collection)
        let reader = CalDAVResourceReader(cursor: cursor, floatingTimeZone: configuration.floatingTimeZone)
        var deletions: [ProviderEventRecord] = []
        var upserts: [ProviderEventRecord] = []
        for name in changes.removed {
            guard let previous = cursor.members.removeValue(forKey: name) else { continue }
            deletions += reader.deletions(previous.flatMap(\.eventIDs), version: nil)
        }
        for change in changes.changes {
            guard let data = change.calendarData else {
                trace.record(component: "caldav", event: "no calendar data for \(cursor.collection)\(change.name)")
                continue
            }
            do {
                let result = try reader.read(
                    Array(data.utf8), etag: change.etag, previous: cursor.members[change.name] ?? [])
                for record in result.records {
                    if record.isDeletion { deletions.append(record) } else { upserts.append(record) }
                }
                cursor.members[change.name] = result.members.isEmpty ? nil : result.members
            } catch {
                trace.record(
                    component: "caldav",
                    event: "skipped unreadable resource \(cursor.collection)\(change.name): line \(error.line)")
            }
        }
        let upserted = Set(upserts.map(\.delta.providerEventID))
        cursor.syncToken = changes.token
        return EventListing(
            calendarID: cursor.collection,
            records: deletions.filter { !upserted.contains($0.delta.providerEventID) } + upserts,
            cursor: cursorMemo.encode(cursor), isFullListing: isFull, pageCount: changes.rounds)
    }

    /// `REPORT sync-collection` from `token`, repeated with each returned token while the server
    /// marks its answer truncated (507, fault row 41).
    func syncRounds(collection: String, token: String?) async throws(ProviderError) -> CalDAVSyncResult {
        var result = CalDAVSyncResult()
        var next = token
        let operation = CalDAVErrorMapper.syncOperation
        while result.rounds < configuration.maximumSyncRounds {
            result.rounds += 1
            let response = try await exchange.send(operation) { [next] credential in
                DAVRequests.syncCollection(
                    url: configuration.url(forPath: collection), CalDAVRequests.syncCollection(token: next),
                    authorization: credential.authorizationHeader)
            }
            guard response.status == 207 else {
                throw malformed(operation, "expected 207 Multi-Status", status: response.status)
            }
            let page: CalDAVSyncPage
            do {
                page = try CalDAVSyncPage.parse(response.body, collection: collection)
            } catch {
                throw malformed(operation, error.description, status: response.status)
            }
            result.apply(page)
            guard page.isTruncated else { return result }
            next = page.syncToken
        }
        throw malformed(operation, "still truncated (507) after \(configuration.maximumSyncRounds) rounds")
    }

    /// The collection's current `DAV:sync-token`, or nil when the server does not offer one.
    func currentSyncToken(collection: String) async throws(ProviderError) -> String? {
        let answer = try await propfind("propfind.sync-token", path: collection, depth: 0, CalDAVRequests.syncTokenOnly)
        let token = answer.responses.lazy.compactMap { $0.property(.syncToken)?.trimmedText }.first
        return token.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every VEVENT resource of the collection with ETag and data (`calendar-query`, Depth 1).
    func queryAll(collection: String) async throws(ProviderError) -> CalDAVSyncResult {
        let operation = "calendar-query"
        let response = try await exchange.send(operation) { credential in
            DAVRequests.calendarQuery(
                url: configuration.url(forPath: collection), DAVCalendarQuery(),
                authorization: credential.authorizationHeader)
        }
        var result = CalDAVSyncResult()
        result.rounds = 1
        for member in try multistatus(response, operation: operation).responses where member.status != 404 {
            guard let name = CalDAVSyncPage.memberName(member.href, collection: collection), let etag = member.etag
            else { continue }
            result.record(CalDAVSyncPage.Change(name: name, etag: etag, calendarData: member.calendarData))
        }
        return result
    }

    /// Fetches the bodies the sync answer left out (Xandikos) by `calendar-multiget`, in batches;
    /// a member the multiget reports 404 was deleted in between (RFC 6578 §3.1) and becomes a removal.
    func fetchMissingBodies(_ result: inout CalDAVSyncResult, collection: String) async throws(ProviderError) {
        let missing = result.changes.filter { $0.calendarData == nil }.map(\.name)
        var start = 0
        while start < missing.count {
            let batch = Array(missing[start..<min(start + configuration.multigetBatchSize, missing.count)])
            start += batch.count
            let body = DAVCalendarMultiget(hrefs: batch.map { DAVHref.encode(path: collection + $0) })
            let response = try await exchange.send("calendar-multiget") { credential in
                DAVRequests.calendarMultiget(
                    url: configuration.url(forPath: collection), body, authorization: credential.authorizationHeader)
            }
            for member in try multistatus(response, operation: "calendar-multiget").responses {
                guard let name = CalDAVSyncPage.memberName(member.href, collection: collection) else { continue }
                if member.status == 404 {
                    result.remove(name)
                } else if let data = member.calendarData {
                    result.fill(name, calendarData: data, etag: member.etag)
                }
            }
        }
    }
}
