public import TMinusCore

extension GoogleCalendarProvider {
    public func event(at address: EventAddress) async throws(ProviderError) -> ProviderEventRecord {
        let response = try await exchange.send("events.get") { credential in
            GoogleRequests.getEvent(configuration, address, credential: credential)
        }
        return try GoogleResponses.event(response.body, calendarID: address.calendarID, operation: "events.get")
    }

    /// Inserts with the deterministic ID of `key`. On 409 `duplicate` (a retry whose first
    /// response was lost, fault row 9) the existing event is fetched: if it carries our markers
    /// for the same canonical event (or is a marker-less cancelled event, a deleted mirror) it is
    /// adopted — as is when it already matches the projection, else rewritten with `If-Match`.
    /// Anything else holding the ID throws ``ProviderError/alreadyExists(_:)``.
    public func createEvent(in calendarID: String, projection: ProjectedEvent, key: MirrorKey)
        async throws(ProviderError)
        -> CreateOutcome
    {
        let id = GoogleEventID.deterministic(for: key)
        let body = try GoogleEventEncoder.body(for: projection, id: id, operation: "events.insert")
        let address = EventAddress(calendarID: calendarID, eventID: id)
        do {
            let response = try await exchange.send("events.insert") { credential in
                GoogleRequests.insertEvent(configuration, calendarID: calendarID, body: body, credential: credential)
            }
            return CreateOutcome(
                event: try written(response, address: address, operation: "events.insert"), disposition: .created)
        } catch .alreadyExists(let context) {
            #if TMINUS_SEEDED_DEFECTS
                if Defects.isActive(.googleDuplicateNotAdopted) { throw .alreadyExists(context) }
            #endif
            return try await adopt(address, projection: projection, collision: context)
        }
    }

    private func adopt(_ address: EventAddress, projection: ProjectedEvent, collision: ProviderErrorContext)
        async throws(ProviderError) -> CreateOutcome
    {
        let existing = try await event(at: address)
        let expected = projection.markers.evidence(for: .google)
        let ours =
            existing.delta.markers == expected
            || (existing.isDeletion && existing.delta.markers == .none)
            || EventClassifier.classify(existing.delta.markers, isRecordedMirror: false)
                == .managedMirror(projection.markers)
        guard ours else {
            var context = collision
            context.detail =
                "the deterministic event ID is held by an event without our markers for this canonical event"
            throw .alreadyExists(context)
        }
        if GoogleAdoption.matches(existing, projection: projection) {
            let event = WrittenEvent(address: address, version: existing.version, updatedAt: existing.updatedAt)
            return CreateOutcome(event: event, disposition: .adopted)
        }
        let precondition: WritePrecondition = existing.version.map { .ifMatch($0) } ?? .none
        let event = try await updateEvent(at: address, projection: projection, precondition: precondition)
        return CreateOutcome(event: event, disposition: .adoptedAndRewritten)
    }

    /// PUT of the whole projected field set (fields nil in the projection are cleared).
    public func updateEvent(at address: EventAddress, projection: ProjectedEvent, precondition: WritePrecondition)
        async throws(ProviderError) -> WrittenEvent
    {
        let body = try GoogleEventEncoder.body(for: projection, id: nil, operation: "events.update")
        let response = try await exchange.send("events.update") { credential in
            GoogleRequests.updateEvent(
                configuration, address, body: body, precondition: precondition, credential: credential)
        }
        return try written(response, address: address, operation: "events.update")
    }

    /// DELETE; 404 and 410 `deleted` mean the event is already gone, which counts as done (rule 4).
    public func deleteEvent(at address: EventAddress, precondition: WritePrecondition) async throws(ProviderError)
        -> DeleteOutcome
    {
        do {
            _ = try await exchange.send("events.delete") { credential in
                GoogleRequests.deleteEvent(configuration, address, precondition: precondition, credential: credential)
            }
            return .deleted
        } catch .gone, .notFound {
            return .alreadyGone
        }
    }

    private func written(_ response: HTTPResponse, address: EventAddress, operation: String) throws(ProviderError)
        -> WrittenEvent
    {
        let record = try GoogleResponses.event(response.body, calendarID: address.calendarID, operation: operation)
        let version = record.version ?? response.headers["ETag"].map(ResourceVersion.init)
        return WrittenEvent(address: record.address, version: version, updatedAt: record.updatedAt)
    }
}
