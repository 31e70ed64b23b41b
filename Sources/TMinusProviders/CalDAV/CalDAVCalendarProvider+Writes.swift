public import TMinusCore

extension CalDAVCalendarProvider {
    /// PUTs the mirror of `key` to the resource named after its deterministic UID with
    /// `If-None-Match: *` (engine rule 6). A 412 (the resource exists: a retry whose first answer
    /// was lost, fault row 44) or a `no-uid-conflict` (the UID lives under another name, row 45)
    /// leads to adoption: the existing resource is read, and when it carries our markers for the
    /// same canonical event it is kept as is (``CreateOutcome/Disposition/adopted``) or rewritten
    /// with `If-Match` (``CreateOutcome/Disposition/adoptedAndRewritten``). Anything else holding
    /// the name or UID is ``ProviderError/alreadyExists(_:)``.
    public func createEvent(in calendarID: String, projection: ProjectedEvent, key: MirrorKey)
        async throws(ProviderError) -> CreateOutcome
    {
        let collection = Self.collectionPath(calendarID)
        #if TMINUS_SEEDED_DEFECTS
            let uid =
                Defects.isActive(.caldavFreshUIDPerAttempt)
                ? CalDAVEventID.uid(
                    for: MirrorKey(
                        canonicalEventID: key.canonicalEventID,
                        targetAccountID: key.targetAccountID + "#\(Defects.nextNonce())"))
                : CalDAVEventID.uid(for: key)
        #else
            let uid = CalDAVEventID.uid(for: key)
        #endif
        let url = resourceURL(collection: collection, uid: uid)
        let body = mirrorBody(projection, uid: uid)
        let address = EventAddress(calendarID: collection, eventID: uid)
        do {
            let response = try await exchange.send("put.create") { credential in
                DAVRequests.put(
                    url: url, calendar: body, condition: .createOnly, authorization: credential.authorizationHeader)
            }
            let version = try await versionAfterWrite(response, url: url)
            return CreateOutcome(event: WrittenEvent(address: address, version: version), disposition: .created)
        } catch .preconditionFailed(let context), .alreadyExists(let context) {
            return try await adopt(uid: uid, address: address, projection: projection, collision: context)
        }
    }

    private func adopt(uid: String, address: EventAddress, projection: ProjectedEvent, collision: ProviderErrorContext)
        async throws(ProviderError) -> CreateOutcome
    {
        guard let existing = try await locate(uid: uid, collection: address.calendarID, operation: "get.adopt") else {
            var context = collision
            context.detail =
                "the resource name or UID is taken, but no resource holds the mirror's UID; retry the create"
            throw .transient(context)
        }
        let record: ProviderEventRecord
        do {
            record = try CalDAVAdoption.record(of: existing.body, uid: uid, calendarID: address.calendarID)
        } catch {
            var context = collision
            context.detail =
                "the existing resource cannot be read: \(error.line > 0 ? "line \(error.line)" : "no VEVENT")"
            throw .alreadyExists(context)
        }
        guard CalDAVAdoption.isOurs(record, projection: projection) else {
            var context = collision
            context.detail = "the mirror's resource is held by an event without our markers for this canonical event"
            throw .alreadyExists(context)
        }
        let current = existing.etag.map(ResourceVersion.init)
        if CalDAVAdoption.matches(record, projection: projection), current != nil {
            return CreateOutcome(event: WrittenEvent(address: address, version: current), disposition: .adopted)
        }
        let precondition: WritePrecondition = current.map { .ifMatch($0) } ?? .none
        let written = try await put(
            url: existing.url, address: address, projection: projection, precondition: precondition)
        return CreateOutcome(event: written, disposition: .adoptedAndRewritten)
    }

    /// Replaces the whole mirror resource (PUT: fields nil in the projection disappear) with
    /// `If-Match` (``WritePrecondition/none`` is sent as `If-Match: *`, so an update never creates).
    /// A 412 is ``ProviderError/preconditionFailed(_:)`` (re-read, fault row 43) unless the
    /// resource is not under its own name, in which case it is found by UID and written there;
    /// a resource that is nowhere is ``ProviderError/notFound(_:)``. Only whole events are written:
    /// an instance address is ``ProviderError/invalidRequest(_:)``.
    public func updateEvent(at address: EventAddress, projection: ProjectedEvent, precondition: WritePrecondition)
        async throws(ProviderError) -> WrittenEvent
    {
        let collection = Self.collectionPath(address.calendarID)
        let uid = try wholeEventUID(address, operation: "put.update")
        let target = EventAddress(calendarID: collection, eventID: uid)
        let url = resourceURL(collection: collection, uid: uid)
        do {
            return try await put(url: url, address: target, projection: projection, precondition: precondition)
        } catch .preconditionFailed(let context) {
            guard let elsewhere = try await relocated(uid: uid, collection: collection, url: url, context: context)
            else {
                throw .notFound(context)
            }
            return try await put(url: elsewhere, address: target, projection: projection, precondition: precondition)
        }
    }

    /// `DELETE` with `If-Match`; 404 / 410 mean already gone (engine rule 4) — after checking the
    /// UID does not live under another name. A 412 is ``ProviderError/preconditionFailed(_:)``.
    public func deleteEvent(at address: EventAddress, precondition: WritePrecondition) async throws(ProviderError)
        -> DeleteOutcome
    {
        let collection = Self.collectionPath(address.calendarID)
        let uid = try wholeEventUID(address, operation: "delete")
        let url = resourceURL(collection: collection, uid: uid)
        do {
            try await delete(url: url, precondition: precondition)
            return .deleted
        } catch .notFound, .gone {
            guard let elsewhere = try await query(uid: uid, collection: collection) else { return .alreadyGone }
            return try await deleteRelocated(elsewhere.url, precondition: precondition)
        } catch .preconditionFailed(let context) {
            guard let elsewhere = try await relocated(uid: uid, collection: collection, url: url, context: context)
            else {
                return .alreadyGone
            }
            return try await deleteRelocated(elsewhere, precondition: precondition)
        }
    }

    private func deleteRelocated(_ url: String, precondition: WritePrecondition) async throws(ProviderError)
        -> DeleteOutcome
    {
        do {
            try await delete(url: url, precondition: precondition)
            return .deleted
        } catch .notFound, .gone {
            return .alreadyGone
        }
    }

    private func delete(url: String, precondition: WritePrecondition) async throws(ProviderError) {
        _ = try await exchange.send("delete") { credential in
            CalDAVRequests.delete(url: url, precondition: precondition, authorization: credential.authorizationHeader)
        }
    }

    /// After a 412 on `url`: nil when the resource is there (a real version conflict is rethrown
    /// as ``ProviderError/preconditionFailed(_:)``) — otherwise the URL of the resource holding
    /// `uid` under another name, or nil when none does.
    private func relocated(uid: String, collection: String, url: String, context: ProviderErrorContext)
        async throws(ProviderError) -> String?
    {
        do throws(ProviderError) {
            _ = try await fetchETag(url: url, operation: "propfind.etag")
            throw ProviderError.preconditionFailed(context)
        } catch .notFound, .gone {
            return try await query(uid: uid, collection: collection)?.url
        }
    }

    private func put(url: String, address: EventAddress, projection: ProjectedEvent, precondition: WritePrecondition)
        async throws(ProviderError) -> WrittenEvent
    {
        let body = mirrorBody(projection, uid: address.eventID)
        let response = try await exchange.send("put.update") { credential in
            CalDAVRequests.update(
                url: url, calendar: body, precondition: precondition, authorization: credential.authorizationHeader)
        }
        return WrittenEvent(address: address, version: try await versionAfterWrite(response, url: url))
    }

    /// The ETag a write answered, or — when it sent none or a weak one (the server normalised
    /// the data, RFC 4791 §5.3.4, fault row 47) — the one a `PROPFIND getetag` reports now.
    private func versionAfterWrite(_ response: HTTPResponse, url: String) async throws(ProviderError)
        -> ResourceVersion?
    {
        if let etag = Self.strongETag(response) { return etag }
        return try await fetchETag(url: url, operation: "propfind.etag")
    }

    /// The mirror's calendar data, stamped by the injected clock.
    func mirrorBody(_ projection: ProjectedEvent, uid: String) -> [UInt8] {
        ICalendarMapping.mirrorCalendar(for: projection, uid: uid, stamp: clock.now()).bytes
    }

    private func wholeEventUID(_ address: EventAddress, operation: String) throws(ProviderError) -> String {
        let parsed = CalDAVEventID.parse(address.eventID)
        guard parsed.recurrenceID == nil else {
            throw .invalidRequest(
                ProviderErrorContext(
                    provider: .caldav, operation: operation,
                    detail: "one instance of a recurring CalDAV series cannot be written; mirrors are single events"))
        }
        return parsed.uid
    }
}
