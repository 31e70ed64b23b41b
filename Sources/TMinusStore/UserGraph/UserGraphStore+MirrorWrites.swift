public import TMinusCore
import TMinusSQLite

extension UserGraphStore {
    /// Records that the provider now holds the projection with `projectedHash` (PENDING → ACTIVE),
    /// with the provider's modification stamp of the version it made when the answer gave one.
    ///
    /// A compare-and-set: it succeeds only if the row is still PENDING with that hash, so a slow write
    /// of an older projection never marks a newer one done. Returns false when the write was stale.
    public func recordMirrorWritten(
        canonicalEventID: String, targetAccountID: String, projectedHash: String, providerEventID: String,
        targetCalendarID: String, providerUpdatedAt: Timestamp? = nil
    ) throws(StoreError) -> Bool {
        try write {
            try markMirrorWritten(
                canonicalEventID: canonicalEventID, targetAccountID: targetAccountID, projectedHash: projectedHash,
                providerEventID: providerEventID, targetCalendarID: targetCalendarID,
                providerUpdatedAt: providerUpdatedAt)
        }
    }

    /// ``recordMirrorWritten(canonicalEventID:targetAccountID:projectedHash:providerEventID:targetCalendarID:providerUpdatedAt:)``
    /// inside the caller's transaction: a PENDING row waiting for `projectedHash` becomes ACTIVE.
    func markMirrorWritten(
        canonicalEventID: String, targetAccountID: String, projectedHash: String, providerEventID: String,
        targetCalendarID: String, providerUpdatedAt: Timestamp?
    ) throws -> Bool {
        try db.execute(
            """
            UPDATE event_mirrors SET state = 'ACTIVE', provider_event_id = ?, target_calendar_id = ?,
                last_write_at = ?, provider_updated_at = ?, error_message = NULL, updated_at = ?
            WHERE canonical_event_id = ? AND target_account_id = ? AND state = 'PENDING' AND last_projected_hash = ?
            """,
            [
                .text(providerEventID), .text(targetCalendarID), .integer(now.nanosecondsSinceEpoch),
                providerUpdatedAt.map { .integer($0.nanosecondsSinceEpoch) } ?? .null,
                .integer(now.nanosecondsSinceEpoch), .text(canonicalEventID), .text(targetAccountID),
                .text(projectedHash),
            ])
        return db.changes == 1
    }

    /// Records the calendar a mirror's first create goes to, before the create is sent: every later
    /// attempt (a retry after a lost response, a newer projection of another calendar kind) goes
    /// to the same calendar and adopts what an earlier attempt made there, instead of creating a
    /// second mirror elsewhere (D). Changes only a row with no placement yet; returns whether it did.
    public func recordMirrorPlacement(
        canonicalEventID: String, targetAccountID: String, calendarID: String
    ) throws(StoreError) -> Bool {
        try write {
            try db.execute(
                """
                UPDATE event_mirrors SET target_calendar_id = ?, updated_at = ?
                WHERE canonical_event_id = ? AND target_account_id = ? AND target_calendar_id IS NULL
                    AND provider_event_id IS NULL
                """,
                [
                    .text(calendarID), .integer(now.nanosecondsSinceEpoch), .text(canonicalEventID),
                    .text(targetAccountID),
                ])
            return db.changes == 1
        }
    }

    /// Records that our delete took effect (DELETING → DELETED; a 404/410 counts as done).
    ///
    /// If the policy wants that mirror again by now (an edge removed and re-added while the delete
    /// was in flight), it is re-projected in the same transaction, so the graph still converges.
    public func recordMirrorDeleted(canonicalEventID: String, targetAccountID: String) throws(StoreError) -> Bool {
        try write {
            guard let mirror = try mirror(of: canonicalEventID, in: targetAccountID), mirror.state == .deleting else {
                return false
            }
            try confirmDelete(mirror)
            return true
        }
    }

    /// DELETING → DELETED, then re-derive the event's mirrors (a wanted mirror is recreated).
    func confirmDelete(_ mirror: MirrorRecord) throws {
        try recordMirrorState(mirror, .deleted)
        guard let event = try canonical(id: mirror.canonicalEventID) else { return }
        try reconcileMirrors(of: event, edges: try loadEffectiveEdges(), active: try activeAccountIDs())
    }

    /// Records a permanent write error (PENDING/DELETING → ERROR), retryable by replay.
    public func recordMirrorError(
        canonicalEventID: String, targetAccountID: String, message: String
    ) throws(StoreError) -> Bool {
        try write {
            try db.execute(
                """
                UPDATE event_mirrors SET state = 'ERROR', error_message = ?, updated_at = ?
                WHERE canonical_event_id = ? AND target_account_id = ? AND state IN ('PENDING', 'DELETING')
                """,
                [.text(message), .integer(now.nanosecondsSinceEpoch), .text(canonicalEventID), .text(targetAccountID)])
            return db.changes == 1
        }
    }

    /// Tombstones a mirror a human deleted at the target (journaled; the origin and other mirrors stay).
    public func markMirrorTombstoned(canonicalEventID: String, targetAccountID: String) throws(StoreError) {
        try write {
            guard let mirror = try mirror(of: canonicalEventID, in: targetAccountID) else {
                throw StoreError.notFound(kind: "mirror", id: "\(canonicalEventID)→\(targetAccountID)")
            }
            guard !mirror.state.isTerminal else { return }
            #if TMINUS_SEEDED_DEFECTS
                if Defects.isActive(.ignoreHumanMirrorDeletes) { return }
            #endif
            try setMirror(
                mirror, to: .tombstoned, hash: mirror.lastProjectedHash, detail: mirror.detail, kind: mirror.kind)
            try journal(
                .mirrorTombstoned, event: canonicalEventID, actor: "engine",
                patch: .object(["target_account_id": .string(targetAccountID)]),
                reason: "mirror deleted by a human at the target; not recreated unless asked")
        }
    }

    /// Recreates a tombstoned or errored mirror because the user asked (through the API).
    public func restoreMirror(canonicalEventID: String, targetAccountID: String) throws(StoreError) -> Int {
        try write {
            guard let event = try canonical(id: canonicalEventID) else {
                throw StoreError.notFound(kind: "event", id: canonicalEventID)
            }
            if let mirror = try mirror(of: canonicalEventID, in: targetAccountID),
                mirror.state == .tombstoned || mirror.state == .error
            {
                try db.execute(
                    "UPDATE event_mirrors SET state = 'DELETED', last_projected_hash = NULL WHERE canonical_event_id = ? "
                        + "AND target_account_id = ?", [.text(canonicalEventID), .text(targetAccountID)])
            }
            return try reconcileMirrors(of: event, edges: try loadEffectiveEdges(), active: try activeAccountIDs())
        }
    }

    func recordMirrorState(_ mirror: MirrorRecord, _ state: MirrorState) throws {
        try setMirror(mirror, to: state, hash: mirror.lastProjectedHash, detail: mirror.detail, kind: mirror.kind)
    }
}
