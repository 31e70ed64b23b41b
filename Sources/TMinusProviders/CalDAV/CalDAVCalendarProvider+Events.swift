import TMinusCore

extension CalDAVCalendarProvider {
    /// The current state of one event: `GET` of its resource (found by UID), then the VEVENT of
    /// that UID — or, for an instance, its override or the occurrence the master generates. A
    /// cancelled event, and an instance the series no longer generates (EXDATE), read as deletion
    /// records; a resource that is gone is ``ProviderError/notFound(_:)``.
    public func event(at address: EventAddress) async throws(ProviderError) -> ProviderEventRecord {
        let collection = Self.collectionPath(address.calendarID)
        let (uid, recurrenceID) = CalDAVEventID.parse(address.eventID)
        guard let resource = try await locate(uid: uid, collection: collection, operation: "get") else {
            throw .notFound(ProviderErrorContext(provider: .caldav, operation: "get", status: 404))
        }
        let reader = CalDAVResourceReader(
            calendarID: collection, singlesStart: nil, singlesEnd: nil,
            expandStart: Timestamp(nanosecondsSinceEpoch: 0),
            expandEnd: Timestamp(nanosecondsSinceEpoch: 0), floatingTimeZone: configuration.floatingTimeZone)
        do {
            let calendar = try ICalendarCalendar.parse(resource.body, floatingTimeZone: configuration.floatingTimeZone)
            guard let series = try calendar.series().first(where: { $0.uid == uid }) else {
                throw ProviderError.notFound(
                    ProviderErrorContext(
                        provider: .caldav, operation: "get", detail: "the resource no longer holds the UID"))
            }
            let version = resource.etag.map(ResourceVersion.init)
            guard let recurrenceID else {
                guard let master = series.master, !master.isRecurring else {
                    throw ProviderError.notFound(
                        ProviderErrorContext(
                            provider: .caldav, operation: "get", detail: "the UID names a recurring series"))
                }
                let zones = calendar.timeZones
                let content = try ICalendarMapping.content(of: master, timeZones: zones)
                let instance = ICalendarInstance(
                    uid: uid, recurrenceID: nil, start: content.start, end: content.end,
                    isFloating: master.start.isFloating,
                    event: master)
                return try reader.instanceRecord(
                    instance, series: ICalendarEventSeries(uid: uid), zones: zones, version: version)
            }
            let zones = calendar.timeZones
            guard let instance = try CalDAVResourceReader.instance(of: series, recurrenceID: recurrenceID, zones: zones)
            else {
                return reader.deletions([address.eventID], version: version)[0]
            }
            return try reader.instanceRecord(instance, series: series, zones: zones, version: version)
        } catch let error as ProviderError {
            throw error
        } catch let error as ICalendarError {
            throw malformed("get", "unreadable calendar data: \(error.description)")
        } catch {
            throw malformed("get", "unreadable calendar data")
        }
    }

    /// A resource read by UID: its href, ETag and body.
    struct LocatedResource {
        var url: String
        var etag: String?
        var body: [UInt8]
    }

    /// Finds the resource holding `uid`: `GET` of the UID's own resource name first (where
    /// T-Minus and most clients store it), then a `calendar-query` on the UID for resources named
    /// otherwise. Nil when no resource holds the UID.
    func locate(uid: String, collection: String, operation: String) async throws(ProviderError) -> LocatedResource? {
        let url = resourceURL(collection: collection, uid: uid)
        do {
            let response = try await exchange.send(operation) { credential in
                DAVRequests.get(url: url, authorization: credential.authorizationHeader)
            }
            let found = LocatedResource(url: url, etag: Self.strongETag(response)?.rawValue, body: response.body)
            if let calendar = try? ICalendarCalendar.parse(found.body), calendar.uids.contains(uid) { return found }
        } catch .notFound, .gone {
            // Not under its own name: search by UID below.
        }
        return try await query(uid: uid, collection: collection)
    }

    /// The resource of `uid` found by `calendar-query` (text-match is a substring match, so only
    /// an exact UID counts), or nil.
    func query(uid: String, collection: String) async throws(ProviderError) -> LocatedResource? {
        let operation = "calendar-query.uid"
        let response = try await exchange.send(operation) { credential in
            CalDAVRequests.report(
                url: configuration.url(forPath: collection), CalDAVRequests.uidQuery(uid), depth: 1,
                authorization: credential.authorizationHeader)
        }
        let candidates = try multistatus(response, operation: operation).responses
            .filter { $0.status != 404 }
            .sorted { $0.path < $1.path }
        for candidate in candidates {
            guard let name = CalDAVSyncPage.memberName(candidate.href, collection: collection),
                let data = candidate.calendarData, let calendar = try? ICalendarCalendar.parse(data),
                calendar.uids.contains(uid)
            else { continue }
            return LocatedResource(
                url: configuration.url(forPath: collection + name), etag: candidate.etag, body: Array(data.utf8))
        }
        return nil
    }
}
