public import TMinusCore
import TMinusSQLite

extension UserGraphStore {
    /// Applies one batch of deltas read from `accountID`, in order, in one transaction.
    ///
    /// Each delta is classified first (engine rule 1): managed mirrors are only compared with their
    /// projection (drift is rewritten, a human delete tombstones, our own delete is confirmed) and
    /// never become origins (E). Origin deltas upsert the canonical event by origin identity (B),
    /// journal the change with authority conflicts (F, I), and project every outgoing edge into the
    /// outbox (C). A repeated delta changes nothing and writes no outbox entry (D).
    ///
    /// - Throws: ``StoreError/invalidInput(_:)`` naming `deltas[i].field` when any delta is malformed
    ///   (nothing of the batch is applied), ``StoreError/accountNotLinked(accountID:)``.
    ///
    /// An empty batch (a poll that found nothing) writes nothing, so it only reads whether the
    /// account is linked, without a write transaction.
    public func applyProviderDeltas(accountID: String, _ deltas: [ProviderEventDelta]) throws(StoreError) -> ApplyResult
    {
        if deltas.isEmpty {
            return try read {
                guard try isLinked(accountID) else { throw StoreError.accountNotLinked(accountID: accountID) }
                return ApplyResult()
            }
        }
        for (index, delta) in deltas.enumerated() {
            do { try delta.validate(field: "deltas[\(index)]") } catch { throw .invalidInput(error) }
        }
        return try write {
            guard try isLinked(accountID) else { throw StoreError.accountNotLinked(accountID: accountID) }
            let edges = try loadEffectiveEdges()
            let active = try activeAccountIDs()
            var result = ApplyResult()
            for delta in deltas {
                let recorded = try mirror(inAccount: accountID, providerEventID: delta.providerEventID)
                #if TMINUS_SEEDED_DEFECTS
                    let evidence =
                        Defects.isActive(.classifyByRecordedIDOnly)
                        ? MarkerEvidence.none
                        : Defects.isActive(.classifyByOneMarker) ? Self.oneMarker(delta.markers) : delta.markers
                #else
                    let evidence = delta.markers
                #endif
                switch EventClassifier.classify(evidence, isRecordedMirror: recorded != nil) {
                case .managedMirror(let markers):
                    let mirror =
                        try recorded ?? markers.flatMap { try self.mirror(of: $0.canonicalEventID, in: accountID) }
                    try applyManaged(delta, mirror: mirror, edges: edges, active: active, result: &result)
                case .origin, .foreignManaged:
                    try applyOrigin(delta, accountID: accountID, edges: edges, active: active, result: &result)
                }
            }
            return result
        }
    }

    private func applyOrigin(
        _ delta: ProviderEventDelta, accountID: String, edges: [PolicyEdge], active: [String], result: inout ApplyResult
    ) throws {
        let existing = try canonical(originAccountID: accountID, originEventID: delta.providerEventID)
        let actor = Authority.provider(accountID: accountID).description
        guard let content = delta.content, delta.kind != .deleted else {
            // A deletion seen in a calendar the event no longer lives in is the old half of a move
            // (an event keeps its ID across an account's calendars, and the two calendars sync in any order).
            guard var event = existing, !event.isDeleted, event.originCalendarID == delta.calendarID else {
                result.unchanged += 1
                return
            }
            event.isDeleted = true
            event.version += 1
            event.updatedAt = now
            try saveCanonical(event)
            #if TMINUS_SEEDED_DEFECTS
                if !Defects.isActive(.journalSkipsOriginDeletes) {
                    try journal(.deleted, event: event.id, actor: actor, reason: "origin deleted at provider")
                }
            #else
                try journal(.deleted, event: event.id, actor: actor, reason: "origin deleted at provider")
            #endif
            result.deleted += 1
            result.outboxEntries += try reconcileMirrors(of: event, edges: edges, active: active)
            return
        }
        guard var event = existing else {
            if let outboxEntries = try adoptWriteThrough(delta, content: content, accountID: accountID) {
                result.created += 1
                result.outboxEntries += outboxEntries
                return
            }
            let event = CanonicalEvent(
                id: environment.ids.make(.event), originAccountID: accountID, originCalendarID: delta.calendarID,
                originEventID: delta.providerEventID, content: content, source: .provider, version: 1,
                authority: AuthorityMarkers(allFieldsOf: content, owner: .provider(accountID: accountID)),
                isDeleted: false, createdAt: now, updatedAt: now)
            try db.execute(CanonicalEventRow.insertSQL(), CanonicalEventRow.values(event))
            try journal(
                .created, event: event.id, actor: actor, patch: Self.patch(content, EventField.allCases),
                reason: "origin created at provider")
            result.created += 1
            result.outboxEntries += try reconcileMirrors(of: event, edges: edges, active: active)
            return
        }
        let changed = content.changedFields(comparedTo: event.content)
        let moved = event.originCalendarID != delta.calendarID
        #if TMINUS_SEEDED_DEFECTS
            let seen = Defects.isActive(.originMovesLookUnchanged) ? changed.filter { $0 != .start && $0 != .end } : changed
        #else
            let seen = changed
        #endif
        if seen.isEmpty && !moved && !event.isDeleted {
            result.unchanged += 1
            return
        }
        let owner = Authority.provider(accountID: accountID)
        let conflicts = changed.filter { field in event.authority[field].map { $0 != owner } ?? false }
        #if TMINUS_SEEDED_DEFECTS
            let journalsConflicts = !conflicts.isEmpty && !Defects.isActive(.silentFieldOverride)
        #else
            let journalsConflicts = !conflicts.isEmpty
        #endif
        if journalsConflicts {
            try journalFieldOverride(
                event: event.id, fields: conflicts, content: content, previousAuthority: event.authority,
                strategy: "provider_wins", actor: actor,
                reason: "provider overwrote fields owned by another authority")
            result.conflicts += 1
        }
        let wasDeleted = event.isDeleted
        for field in changed { event.authority[field] = owner }
        event.content = content
        event.originCalendarID = delta.calendarID
        event.isDeleted = false
        event.version += 1
        event.updatedAt = now
        #if TMINUS_SEEDED_DEFECTS
            if Defects.isActive(.remintCanonicalIDOnUpdate) {
                let old = event.id
                event.id = environment.ids.make(.event)
                try db.execute("PRAGMA defer_foreign_keys = ON")
                for table in ["canonical_events", "event_mirrors"] {
                    try db.execute(
                        "UPDATE \(table) SET canonical_event_id = ? WHERE canonical_event_id = ?",
                        [.text(event.id), .text(old)])
                }
            }
        #endif
        try saveCanonical(event)
        try journal(
            wasDeleted ? .restored : .updated, event: event.id, actor: actor, patch: Self.patch(content, changed),
            reason: wasDeleted ? "origin reappeared at provider" : "origin changed at provider")
        result.updated += 1
        result.outboxEntries += try reconcileMirrors(of: event, edges: edges, active: active)
    }

    private func applyManaged(
        _ delta: ProviderEventDelta, mirror: MirrorRecord?, edges: [PolicyEdge], active: [String],
        result: inout ApplyResult
    ) throws {
        guard let mirror else {
            result.orphans += 1  // ours by its markers, but no row: reconcile deletes orphans.
            return
        }
        let actor = Authority.provider(accountID: mirror.targetAccountID).description
        guard let content = delta.content, delta.kind != .deleted else {
            switch mirror.state {
            case .deleting:
                try confirmDelete(mirror)
                result.deleteConfirmed += 1
            case .active, .pending, .error:
                #if TMINUS_SEEDED_DEFECTS
                    if Defects.isActive(.ignoreHumanMirrorDeletes) {
                        result.managedEchoes += 1
                        return
                    }
                #endif
                try setMirror(
                    mirror, to: .tombstoned, hash: mirror.lastProjectedHash, detail: mirror.detail, kind: mirror.kind)
                try journal(
                    .mirrorTombstoned, event: mirror.canonicalEventID, actor: actor,
                    patch: .object(["target_account_id": .string(mirror.targetAccountID)]),
                    reason: "mirror deleted by a human at the target; not recreated unless asked")
                result.tombstoned += 1
            case .deleted, .tombstoned:
                result.managedEchoes += 1
            }
            return
        }
        if mirror.state == .pending, mirror.providerEventID == delta.providerEventID,
            let waitingFor = mirror.lastProjectedHash, observedHash(content, mirror: mirror) == waitingFor
        {
            // The provider already holds what the row waits for: an update whose every answer was
            // lost (a timeout after it applied, an unreadable body), or dead-lettered after such
            // attempts, did land. Confirm it rather than send the same content again (J); the
            // queued command finds the row settled and writes nothing.
            _ = try markMirrorWritten(
                canonicalEventID: mirror.canonicalEventID, targetAccountID: mirror.targetAccountID,
                projectedHash: waitingFor, providerEventID: delta.providerEventID,
                targetCalendarID: mirror.targetCalendarID ?? delta.calendarID, providerUpdatedAt: delta.providerUpdatedAt)
            result.managedEchoes += 1
            return
        }
        #if TMINUS_SEEDED_DEFECTS
            let observed =
                Defects.isActive(.dropDriftCorrection)
                ? mirror.lastProjectedHash
                : Defects.isActive(.everyEchoIsDrift) ? "" : observedHash(content, mirror: mirror)
        #else
            let observed = observedHash(content, mirror: mirror)
        #endif
        guard mirror.state == .active, observed != mirror.lastProjectedHash, !Self.lagsBehindOurWrite(delta, mirror, now: now),
            let event = try canonical(id: mirror.canonicalEventID), event.isProjectable,
            let projection = ProjectionCompiler.project(event, detail: mirror.detail, kind: mirror.kind)
        else {
            result.managedEchoes += 1  // our echo, or a write of ours is already in flight.
            return
        }
        try setMirror(mirror, to: .pending, hash: projection.hash, detail: projection.detail, kind: projection.kind)
        try enqueue(
            .upsert(
                UpsertMirror(
                    projection: projection, targetAccountID: mirror.targetAccountID,
                    targetCalendarID: mirror.targetCalendarID)))
        try journal(
            .driftCorrected, event: mirror.canonicalEventID, actor: actor,
            patch: .object(["target_account_id": .string(mirror.targetAccountID)]),
            reason: "mirror edited by a human at the target; rewritten to the projection")
        result.driftCorrected += 1
        result.outboxEntries += 1
    }

    /// How long after our write a listing may still lag behind it (replication lag is seconds to
    /// minutes in practice; the simulator's `eventual-consistency` fault draws at most 11 minutes).
    static let replicationLagAllowance = Duration.seconds(30 * 60)

    /// Whether `delta` shows the mirror as it was before our last write: the provider stamped the
    /// version it lists earlier than the one our write made, and the write is recent. A listing
    /// answered from a replica that has not caught up yet (Google's and Graph's lists lag behind
    /// writes; a `get` does not) shows the previous projection, which is not a person's edit:
    /// rewriting it would be a second write of the same content (C), and while the lag lasts, a
    /// loop. A person's edit is stamped after our write, so it is still corrected. Both stamps are
    /// the provider's own clock; past ``replicationLagAllowance`` (by the engine's clock) content
    /// alone decides again, so a provider clock that stepped back cannot hide an edit for good.
    static func lagsBehindOurWrite(_ delta: ProviderEventDelta, _ mirror: MirrorRecord, now: Timestamp) -> Bool {
        guard let listed = delta.providerUpdatedAt, let ours = mirror.providerUpdatedAt, listed < ours,
            let wroteAt = mirror.lastWriteAt
        else { return false }
        let elapsed = now.duration(since: wroteAt)
        return elapsed >= .zero && elapsed <= replicationLagAllowance
    }

    #if TMINUS_SEEDED_DEFECTS
        /// The `classify-by-one-marker` defect's reading: Google's `managed=true` alone makes an event ours.
        static func oneMarker(_ evidence: MarkerEvidence) -> MarkerEvidence {
            guard case .google(var tags) = evidence, tags[ManagedMarkers.GoogleKey.managed] == "true" else {
                return evidence
            }
            tags[ManagedMarkers.GoogleKey.tminus] = "true"
            return .google(privateProperties: tags)
        }
    #endif

    /// The projected hash of what the provider shows for a mirror, read back through the same compiler.
    func observedHash(_ content: EventContent, mirror: MirrorRecord) -> String {
        let payload = ProjectedEvent(
            summary: content.title ?? "", description: content.description, location: content.location,
            start: content.start, end: content.end, transparency: content.transparency,
            visibility: content.visibility == .private ? .private : .default,
            markers: ManagedMarkers(canonicalEventID: mirror.canonicalEventID, originAccountID: ""))
        return observedHashMemo.hash(
            payload, detail: mirror.detail, kind: mirror.kind, canonicalEventID: mirror.canonicalEventID,
            targetAccountID: mirror.targetAccountID)
    }

    static func patch(_ content: EventContent, _ fields: [EventField]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for field in fields { object[field.rawValue] = content.value(of: field).map(JSONValue.string) ?? .null }
        return .object(object)
    }
}
