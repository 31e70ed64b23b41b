import TMinusCore

extension CalDAVCalendarProvider {
    /// An initial `sync-collection` (empty token) of the whole collection. Single events are
    /// reported when they overlap `window` (all of them when it is nil); series are expanded within
    /// the window, or within the configured default horizons around the clock for an open bound.
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
        guard let stored = CalDAVCursor(cursor), stored.collection == collection, !stored.syncToken.isEmpty else {
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
        var changes = try await syncRounds(collection: cursor.collection, token: isFull ? nil : cursor.syncToken)
        try await fetchMissingBodies(&changes, collection: cursor.collection)
        let reader = CalDAVResourceReader(cursor: cursor, floatingTimeZone: configuration.floatingTimeZone)
        var deletions: [ProviderEventRecord] = []
        var upserts: [ProviderEventRecord] = []
        for name in changes.removed {
            guard let previous = cursor.members.removeValue(forKey: name) else { continue }
            deletions += reader.deletions(previous.flatMap(\.eventIDs), version: nil)
        }
        for change in changes.changes {
            guard let data = change.calendarData else { continue }
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
            cursor: cursor.cursor, isFullListing: isFull, pageCount: changes.rounds)
    }

    /// What the sync rounds reported, merged in order (a later round wins for the same member).
    struct SyncResult {
        private(set) var changed: [CalDAVSyncPage.Change] = []
        private(set) var removed: [String] = []
        var token = ""
        var rounds = 0
        private var changedIndex: [String: Int] = [:]
        private var removedNames: Set<String> = []

        /// The live changes, in order of first report.
        var changes: [CalDAVSyncPage.Change] { changed.filter { changedIndex[$0.name] != nil } }

        mutating func apply(_ page: CalDAVSyncPage) {
            for name in page.removals { remove(name) }
            for change in page.changes { record(change) }
            token = page.syncToken
        }

        mutating func remove(_ name: String) {
            if let index = changedIndex.removeValue(forKey: name) { changed[index].name = "" }
            if removedNames.insert(name).inserted { removed.append(name) }
        }

        mutating func record(_ change: CalDAVSyncPage.Change) {
            if removedNames.remove(change.name) != nil { removed.removeAll { $0 == change.name } }
            if let index = changedIndex[change.name] {
                changed[index] = change
            } else {
                changedIndex[change.name] = changed.count
                changed.append(change)
            }
        }

        /// Fills in a body fetched later (and its ETag when the answer carried one).
        mutating func fill(_ name: String, calendarData: String, etag: String?) {
            guard let index = changedIndex[name] else { return }
            changed[index].calendarData = calendarData
            if let etag { changed[index].etag = etag }
        }
    }

    /// `REPORT sync-collection` from `token`, repeated with each returned token while the server
    /// marks its answer truncated (507, fault row 41).
    func syncRounds(collection: String, token: String?) async throws(ProviderError) -> SyncResult {
        var result = SyncResult()
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

    /// Fetches the bodies the sync answer left out (Xandikos) by `calendar-multiget`, in batches;
    /// a member the multiget reports 404 was deleted in between (RFC 6578 §3.1) and becomes a removal.
    func fetchMissingBodies(_ result: inout SyncResult, collection: String) async throws(ProviderError) {
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
