public import TMinusCore
import TMinusSQLite

/// Where one canonical event should be mirrored: a target account with the edge's detail and kind.
struct ProjectionTarget {
    var accountID: String
    var detail: DetailLevel
    var kind: CalendarKind
}

extension UserGraphStore {
    /// The detail level and calendar kind given to events created through T-Minus in every linked account.
    public static let internalEventDetail = DetailLevel.full
    public static let internalEventKind = CalendarKind.trueMirror

    /// The effective policy edges: one per (from, to), the highest detail among all policies, sorted.
    public func effectiveEdges() throws(StoreError) -> [PolicyEdge] {
        try read { try loadEffectiveEdges() }
    }

    /// The effective policy edges (remembered between transactions; see ``PolicyView``).
    func loadEffectiveEdges() throws -> [PolicyEdge] { try policyView().edges }

    /// Linked accounts that can receive mirrors, sorted (remembered; see ``PolicyView``).
    func activeAccountIDs() throws -> [String] { try policyView().active }

    /// Reads the effective edges from `policy_edges`.
    func readEffectiveEdges() throws -> [PolicyEdge] {
        let rows = try db.query(
            "SELECT from_account_id, to_account_id, detail_level, calendar_kind FROM policy_edges "
                + "ORDER BY from_account_id, to_account_id, policy_id")
        var edges: [PolicyEdge] = []
        for row in rows {
            let edge = PolicyEdge(
                from: try row.get("from_account_id"), to: try row.get("to_account_id"),
                detail: try DetailLevel.parse(try row.get("detail_level"), field: "policy_edges.detail_level"),
                kind: try CalendarKind.parse(try row.get("calendar_kind"), field: "policy_edges.calendar_kind"))
            if let last = edges.last, last.fromAccountID == edge.fromAccountID, last.toAccountID == edge.toAccountID {
                if edge.detail > last.detail { edges[edges.count - 1] = edge }
            } else {
                edges.append(edge)
            }
        }
        return edges
    }

    /// Reads the active linked accounts from `linked_accounts`.
    func readActiveAccountIDs() throws -> [String] {
        try db.query("SELECT account_id FROM linked_accounts WHERE status = 'active' ORDER BY account_id")
            .map { try $0.get("account_id", as: String.self) }
    }

    func projectionTargets(for event: CanonicalEvent, edges: [PolicyEdge], active: [String]) -> [ProjectionTarget] {
        if event.originAccountID == CanonicalEvent.internalOrigin {
            return active.map {
                ProjectionTarget(accountID: $0, detail: Self.internalEventDetail, kind: Self.internalEventKind)
            }
        }
        guard active.contains(event.originAccountID) else { return [] }
        let outgoing = edges.filter { $0.fromAccountID == event.originAccountID && active.contains($0.toAccountID) }
        #if TMINUS_SEEDED_DEFECTS
            if Defects.isActive(.widestDetailForAllTargets), let widest = outgoing.map(\.detail).max() {
                return outgoing.map { ProjectionTarget(accountID: $0.toAccountID, detail: widest, kind: $0.kind) }
            }
        #endif
        return outgoing.map { ProjectionTarget(accountID: $0.toAccountID, detail: $0.detail, kind: $0.kind) }
    }

    /// Brings `event`'s mirror rows in line with the policy: upserts for new or changed projections,
    /// deletes for mirrors that should no longer exist. Writes outbox entries in the current
    /// transaction and returns how many. An unchanged projection produces nothing (invariant C).
    /// `mirrors`, when given, must be exactly the event's mirror rows ordered by target account (what
    /// ``mirrors(ofEvent:)`` reads); a caller that read every event's mirrors at once passes them.
    @discardableResult
    func reconcileMirrors(
        of event: CanonicalEvent, edges: [PolicyEdge], active: [String], mirrors known: [MirrorRecord]? = nil
    ) throws -> Int {
        let targets = event.isProjectable ? projectionTargets(for: event, edges: edges, active: active) : []
        var existing = try known ?? mirrors(ofEvent: event.id)
        var written = 0
        for target in targets {
            guard let projection = projectionMemo.project(event, detail: target.detail, kind: target.kind) else {
                continue
            }
            let index = existing.firstIndex { $0.targetAccountID == target.accountID }
            let current = index.map { existing.remove(at: $0) }
            written += try upsertMirrorIfNeeded(current, projection: projection, target: target.accountID)
        }
        for mirror in existing where !mirror.state.isTerminal && mirror.state != .deleting {
            #if TMINUS_SEEDED_DEFECTS
                if Defects.isActive(.keepMirrorsOfDeletedOrigins), event.isDeleted { continue }
            #endif
            try beginMirrorDelete(mirror)
            written += 1
        }
        return written
    }

    private func upsertMirrorIfNeeded(_ current: MirrorRecord?, projection: Projection, target: String) throws -> Int {
        // The command (and its idempotency key, a hash) is made only when it is enqueued.
        guard let current else {
            try db.execute(
                UserGraphSQL.insertPendingMirror,
                [
                    .text(projection.payload.markers.canonicalEventID), .text(target), .text(projection.hash),
                    .text(projection.detail.rawValue), .text(projection.kind.rawValue),
                    .text(MirrorState.pending.rawValue), .integer(now.nanosecondsSinceEpoch),
                ])
            try enqueue(.upsert(UpsertMirror(projection: projection, targetAccountID: target, targetCalendarID: nil)))
            return 1
        }
        switch current.state {
        case .tombstoned, .deleting:
            // A human deleted it (not recreated unless asked), or a delete is in flight.
            return 0
        case .active, .pending, .error:
            if current.lastProjectedHash == projection.hash {
                #if TMINUS_SEEDED_DEFECTS
                    if !(Defects.isActive(.rewriteEqualProjections) && current.state == .active) { return 0 }
                #else
                    return 0
                #endif
            }
            #if TMINUS_SEEDED_DEFECTS
                if Defects.isActive(.neverUpdateExistingMirrors), current.state == .active { return 0 }
            #endif
            if current.state == .active, current.kind != projection.kind,
                ProjectionCompiler.hash(projection.payload, projection.detail, current.kind) == current.lastProjectedHash
            {
                // Only the edge's kind changed: a confirmed mirror keeps its calendar across kind
                // changes and already holds this payload, so the row takes the new kind and hash and
                // nothing is written (C: an equal projection is never written again; fuzz 49582).
                try recordKindChange(current, to: projection)
                return 0
            }
        case .deleted:
            break
        }
        try setMirror(current, to: .pending, hash: projection.hash, detail: projection.detail, kind: projection.kind)
        try enqueue(
            .upsert(
                UpsertMirror(projection: projection, targetAccountID: target, targetCalendarID: current.targetCalendarID)))
        return 1
    }

    func beginMirrorDelete(_ mirror: MirrorRecord) throws {
        try setMirror(mirror, to: .deleting, hash: mirror.lastProjectedHash, detail: mirror.detail, kind: mirror.kind)
        try enqueue(
            .delete(
                DeleteMirror(
                    canonicalEventID: mirror.canonicalEventID, targetAccountID: mirror.targetAccountID,
                    targetCalendarID: mirror.targetCalendarID, providerEventID: mirror.providerEventID)))
    }

    /// Compare-and-set on the row's current state and hash, so a stale decision never overwrites a newer one.
    func setMirror(
        _ mirror: MirrorRecord, to state: MirrorState, hash: String?, detail: DetailLevel, kind: CalendarKind
    ) throws {
        precondition(
            MirrorTransition.isAllowed(from: mirror.state, to: state),
            "mirror \(mirror.canonicalEventID)→\(mirror.targetAccountID): \(mirror.state) → \(state) is not a valid transition"
        )
        try db.execute(
            """
            UPDATE event_mirrors SET state = ?, last_projected_hash = ?, detail_level = ?, calendar_kind = ?,
                error_message = NULL, updated_at = ?
            WHERE canonical_event_id = ? AND target_account_id = ? AND state = ? AND last_projected_hash IS ?
            """,
            [
                .text(state.rawValue), hash.map(SQLiteValue.text) ?? .null, .text(detail.rawValue),
                .text(kind.rawValue),
                .integer(now.nanosecondsSinceEpoch), .text(mirror.canonicalEventID), .text(mirror.targetAccountID),
                .text(mirror.state.rawValue), mirror.lastProjectedHash.map(SQLiteValue.text) ?? .null,
            ])
        precondition(db.changes == 1, "mirror row changed under a serialized transaction")
    }

    /// Gives a confirmed mirror `projection`'s kind and hash without changing its state (nothing to
    /// write: its payload and detail are those it holds). Compare-and-set like ``setMirror``.
    private func recordKindChange(_ mirror: MirrorRecord, to projection: Projection) throws {
        try db.execute(
            """
            UPDATE event_mirrors SET last_projected_hash = ?, calendar_kind = ?, updated_at = ?
            WHERE canonical_event_id = ? AND target_account_id = ? AND state = ? AND last_projected_hash IS ?
            """,
            [
                .text(projection.hash), .text(projection.kind.rawValue), .integer(now.nanosecondsSinceEpoch),
                .text(mirror.canonicalEventID), .text(mirror.targetAccountID), .text(mirror.state.rawValue),
                mirror.lastProjectedHash.map(SQLiteValue.text) ?? .null,
            ])
        precondition(db.changes == 1, "mirror row changed under a serialized transaction")
    }

    /// Appends a command to the transactional outbox.
    func enqueue(_ command: MirrorCommand) throws {
        try db.execute(
            "INSERT INTO outbox (outbox_id, queue, idempotency_key, payload, created_at) VALUES (?, ?, ?, ?, ?)",
            [
                .text(environment.ids.make(.outbox)), .text(OutboxEntry.writeQueue), .text(command.idempotencyKey),
                .text(command.serializedJSON), .integer(now.nanosecondsSinceEpoch),
            ])
    }

    func mirrors(ofEvent canonicalEventID: String) throws -> [MirrorRecord] {
        try db.query(
            UserGraphSQL.mirrorsOfEvent,
            [.text(canonicalEventID)]
        ).map { row throws in try MirrorRecord.decode(row) }
    }
}
