public import TMinusCore
import TMinusSQLite

extension UserGraphStore {
    /// Records an event the user created through T-Minus in a provider account (flow B write-through),
    /// after its provider accepted the create: the origin is that account's event, every field is
    /// owned by `tminus`, and it is projected to the other accounts by policy like any origin.
    ///
    /// Idempotent by canonical ID: when the event is already known (the sync consumer saw it at the
    /// provider first, by its write-through markers), the stored event is returned unchanged.
    /// - Throws: ``StoreError/invalidInput(_:)`` naming the field when `content` is invalid,
    ///   ``StoreError/accountNotLinked(accountID:)``.
    public func recordWriteThroughEvent(
        id: String, origin: EventAddressRecord, content: EventContent, source: EventSource = .api
    ) throws(StoreError) -> CanonicalEvent {
        do { try content.validate(field: "event") } catch { throw .invalidInput(error) }
        return try write {
            guard try isLinked(origin.accountID) else { throw StoreError.accountNotLinked(accountID: origin.accountID) }
            if let known = try canonical(id: id) { return known }
            return try insertWriteThrough(id: id, origin: origin, content: content, source: source, actor: source.rawValue)
                .event
        }
    }

    /// The sync consumer's half of a write-through whose create response never reached the engine:
    /// an origin carrying our write-through markers for a canonical ID we do not hold yet becomes
    /// that canonical event, owned by `tminus`. Returns its outbox entries; nil when the delta carries
    /// no such markers or they name an ID already in use (then it is an origin like any other).
    func adoptWriteThrough(_ delta: ProviderEventDelta, content: EventContent, accountID: String) throws -> Int? {
        guard let markers = EventClassifier.writeThroughMarkers(delta.markers), markers.originAccountID == accountID,
            try canonical(id: markers.canonicalEventID) == nil
        else { return nil }
        let origin = EventAddressRecord(
            accountID: accountID, calendarID: delta.calendarID, eventID: delta.providerEventID)
        return try insertWriteThrough(
            id: markers.canonicalEventID, origin: origin, content: content, source: .api,
            actor: Authority.provider(accountID: accountID).description
        ).outboxEntries
    }

    private func insertWriteThrough(
        id: String, origin: EventAddressRecord, content: EventContent, source: EventSource, actor: String
    ) throws -> (event: CanonicalEvent, outboxEntries: Int) {
        let event = CanonicalEvent(
            id: id, originAccountID: origin.accountID, originCalendarID: origin.calendarID,
            originEventID: origin.eventID, content: content, source: source, version: 1,
            authority: AuthorityMarkers(allFieldsOf: content, owner: .tminus), isDeleted: false,
            createdAt: now, updatedAt: now)
        try db.execute(CanonicalEventRow.insertSQL(), CanonicalEventRow.values(event))
        try journal(
            .created, event: id, actor: actor, patch: Self.patch(content, EventField.allCases),
            reason: "created through T-Minus in \(origin.accountID)")
        return (event, try reconcileMirrors(of: event, edges: try loadEffectiveEdges(), active: try activeAccountIDs()))
    }
}

/// Where an origin event lives: its account, provider calendar and provider event ID.
public struct EventAddressRecord: Hashable, Sendable {
    public var accountID: String
    public var calendarID: String
    public var eventID: String

    /// Creates a value.
    public init(accountID: String, calendarID: String, eventID: String) {
        self.accountID = accountID
        self.calendarID = calendarID
        self.eventID = eventID
    }
}
