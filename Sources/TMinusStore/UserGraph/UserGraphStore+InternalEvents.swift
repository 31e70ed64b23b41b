public import TMinusCore
import TMinusSQLite

extension UserGraphStore {
    /// Creates an event through T-Minus (API/MCP origin). Its origin is ``CanonicalEvent/internalOrigin``,
    /// every field is owned by `tminus`, and it is mirrored into every linked account
    /// (``internalEventDetail`` unless the event is private).
    /// - Returns: the new event.
    /// - Throws: ``StoreError/invalidInput(_:)`` naming the field when `content` is invalid.
    public func createInternalEvent(_ content: EventContent, source: EventSource = .api) throws(StoreError)
        -> CanonicalEvent
    {
        do { try content.validate(field: "event") } catch { throw .invalidInput(error) }
        return try write {
            let id = environment.ids.make(.event)
            let event = CanonicalEvent(
                id: id, originAccountID: CanonicalEvent.internalOrigin, originCalendarID: CanonicalEvent.internalOrigin,
                originEventID: id, content: content, source: source, version: 1,
                authority: AuthorityMarkers(allFieldsOf: content, owner: .tminus), isDeleted: false,
                createdAt: now, updatedAt: now)
            try db.execute(CanonicalEventRow.insertSQL(), CanonicalEventRow.values(event))
            try journal(
                .created, event: id, actor: source.rawValue, patch: Self.patch(content, EventField.allCases),
                reason: "created through T-Minus")
            try reconcileMirrors(of: event, edges: [], active: try activeAccountIDs())
            return event
        }
    }

    /// Changes an event created through T-Minus: an internal one, or a write-through origin after its
    /// provider took the change (the engine writes the provider first). Every changed field becomes
    /// `tminus`'s. Provider-authored events are refused (invariant G).
    /// - Throws: ``StoreError/notOwnedByTMinus(canonicalEventID:)``, ``StoreError/notFound(kind:id:)``.
    public func updateInternalEvent(id: String, _ content: EventContent, source: EventSource = .api) throws(StoreError)
        -> CanonicalEvent
    {
        do { try content.validate(field: "event") } catch { throw .invalidInput(error) }
        return try write {
            var event = try tminusAuthoredEvent(id)
            let changed = content.changedFields(comparedTo: event.content)
            guard !changed.isEmpty else { return event }
            // Fields a person took over at the provider since (their authority is the provider's)
            // change hands again: that is an authority conflict too, journaled as one (F).
            let takenBack = changed.filter { field in event.authority[field].map { $0 != .tminus } ?? false }
            let previousAuthority = event.authority
            for field in changed { event.authority[field] = .tminus }
            event.content = content
            event.version += 1
            event.updatedAt = now
            try saveCanonical(event)
            try journal(
                .updated, event: id, actor: source.rawValue, patch: Self.patch(content, changed),
                reason: "changed through T-Minus")
            if !takenBack.isEmpty {
                try journalFieldOverride(
                    event: id, fields: takenBack, content: content, previousAuthority: previousAuthority,
                    strategy: "tminus_wins", actor: source.rawValue,
                    reason: "the user changed through T-Minus fields a provider owned")
            }
            try reconcileMirrors(of: event, edges: try loadEffectiveEdges(), active: try activeAccountIDs())
            return event
        }
    }

    /// Deletes an event created through T-Minus (internal, or a write-through origin its provider
    /// already deleted), and with it every mirror.
    public func deleteInternalEvent(id: String, source: EventSource = .api) throws(StoreError) {
        try write {
            var event = try tminusAuthoredEvent(id)
            guard !event.isDeleted else { return }
            event.isDeleted = true
            event.version += 1
            event.updatedAt = now
            try saveCanonical(event)
            try journal(.deleted, event: id, actor: source.rawValue, reason: "deleted through T-Minus")
            try reconcileMirrors(of: event, edges: [], active: [])
        }
    }

    /// An event the user created through T-Minus (internal or write-through), which T-Minus may change.
    func tminusAuthoredEvent(_ id: String) throws -> CanonicalEvent {
        guard let event = try canonical(id: id) else { throw StoreError.notFound(kind: "event", id: id) }
        guard event.isTMinusAuthored else { throw StoreError.notOwnedByTMinus(canonicalEventID: id) }
        return event
    }
}
