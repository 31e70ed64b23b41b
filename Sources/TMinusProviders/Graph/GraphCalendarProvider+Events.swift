public import TMinusCore

extension GraphCalendarProvider {
    /// `GET` with our extended property expanded (a cancelled meeting reads as a deletion).
    public func event(at address: EventAddress) async throws(ProviderError) -> ProviderEventRecord {
        let response = try await exchange.send("events.get") { credential in
            GraphRequests.getEvent(configuration, address, credential: credential)
        }
        return try GraphResponses.event(
            response.body, calendarID: address.calendarID, propertyID: configuration.markerPropertyID,
            operation: "events.get")
    }

    /// `POST` with the deterministic `transactionId` of `key`. Graph answers a retried create
    /// with the event the first attempt made; when that event's content differs from this
    /// projection (an earlier attempt with an older payload) it is rewritten. Should the server
    /// answer 409 instead, the event carrying our marker value is searched and adopted; anything
    /// else holding the key throws ``ProviderError/alreadyExists(_:)``.
    public func createEvent(in calendarID: String, projection: ProjectedEvent, key: MirrorKey)
        async throws(ProviderError) -> CreateOutcome
    {
        #if TMINUS_SEEDED_DEFECTS
            let transactionID =
                Defects.isActive(.graphCreateWithoutTransactionID) ? nil : GraphMarkers.transactionID(for: key)
        #else
            let transactionID = GraphMarkers.transactionID(for: key)
        #endif
        let body = GraphEventEncoder.body(
            for: projection, propertyID: configuration.markerPropertyID, transactionID: transactionID)
        let response: HTTPResponse
        do {
            response = try await exchange.send("events.create") { credential in
                GraphRequests.createEvent(configuration, calendarID: calendarID, body: body, credential: credential)
            }
        } catch .alreadyExists(let context) {
            return try await adopt(in: calendarID, projection: projection, collision: context)
        }
        let record = try GraphResponses.event(
            response.body, calendarID: calendarID, propertyID: configuration.markerPropertyID,
            operation: "events.create", status: response.status)
        if GraphEventEncoder.matches(record, projection: projection, checkingMarkers: false) {
            return CreateOutcome(event: written(record), disposition: .created)
        }
        let precondition: WritePrecondition = record.version.map { .ifMatch($0) } ?? .none
        let event = try await updateEvent(at: record.address, projection: projection, precondition: precondition)
        return CreateOutcome(event: event, disposition: .adoptedAndRewritten)
    }

    private func adopt(in calendarID: String, projection: ProjectedEvent, collision: ProviderErrorContext)
        async throws(ProviderError) -> CreateOutcome
    {
        let response = try await exchange.send("events.find") { credential in
            GraphRequests.findByMarker(
                configuration, calendarID: calendarID, value: projection.markers.microsoftPropertyValue,
                credential: credential)
        }
        let candidates = try GraphResponses.eventList(
            response.body, calendarID: calendarID, propertyID: configuration.markerPropertyID, operation: "events.find"
        ).filter { !$0.isDeletion && GraphMarkers.markers(in: $0.delta.markers) == projection.markers }
        guard let existing = candidates.sorted(by: { $0.delta.providerEventID < $1.delta.providerEventID }).first
        else {
            var context = collision
            context.detail = "the create collided, and no event carries our marker for this canonical event"
            throw .alreadyExists(context)
        }
        if GraphEventEncoder.matches(existing, projection: projection, checkingMarkers: true) {
            return CreateOutcome(event: written(existing), disposition: .adopted)
        }
        let precondition: WritePrecondition = existing.version.map { .ifMatch($0) } ?? .none
        let event = try await updateEvent(at: existing.address, projection: projection, precondition: precondition)
        return CreateOutcome(event: event, disposition: .adoptedAndRewritten)
    }

    /// `PATCH` of the whole projected field set (empty body and location clear old text).
    public func updateEvent(at address: EventAddress, projection: ProjectedEvent, precondition: WritePrecondition)
        async throws(ProviderError) -> WrittenEvent
    {
        let body = GraphEventEncoder.body(
            for: projection, propertyID: configuration.markerPropertyID, transactionID: nil)
        let response = try await exchange.send("events.update") { credential in
            GraphRequests.updateEvent(
                configuration, address, body: body, precondition: precondition, credential: credential)
        }
        let record = try GraphResponses.event(
            response.body, calendarID: address.calendarID, propertyID: configuration.markerPropertyID,
            operation: "events.update")
        return written(record)
    }

    /// `DELETE`; 404 `ErrorItemNotFound` (and a 410) mean the event is already gone, which
    /// counts as done (rule 4).
    public func deleteEvent(at address: EventAddress, precondition: WritePrecondition) async throws(ProviderError)
        -> DeleteOutcome
    {
        do {
            _ = try await exchange.send("events.delete") { credential in
                GraphRequests.deleteEvent(configuration, address, precondition: precondition, credential: credential)
            }
            return .deleted
        } catch .gone, .notFound {
            return .alreadyGone
        }
    }

    private func written(_ record: ProviderEventRecord) -> WrittenEvent {
        WrittenEvent(address: record.address, version: record.version, updatedAt: record.updatedAt)
    }
}
