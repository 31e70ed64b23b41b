import TMinusCore
import TMinusSQLite

extension UserGraphStore {
    /// A target calendar vanished together with every mirror in it (a person deleted the overlay
    /// calendar): every mirror placed there forgets its placement, in one transaction.
    ///
    /// - Live mirrors (PENDING, ACTIVE, ERROR) are written again: the row restarts as PENDING with
    ///   no provider event and no calendar, and an upsert is queued, so the writer places it in the
    ///   calendar of its kind (re-creating the overlay). Each one is journaled as `mirror_replaced`.
    /// - A delete in flight there is done: the calendar took the event with it.
    /// - Tombstoned and deleted rows keep their state; only their stale placement is cleared.
    ///
    /// Returns how many commands were queued. Nothing else in the graph changes, and a second call
    /// for the same calendar finds nothing placed there.
    public func resetMirrorPlacement(targetAccountID: String, calendarID: String) throws(StoreError) -> Int {
        try write {
            let rows = try db.query(
                "SELECT \(MirrorRecord.columns) FROM event_mirrors WHERE target_account_id = ? AND target_calendar_id = ? "
                    + "ORDER BY canonical_event_id", [.text(targetAccountID), .text(calendarID)]
            ).map { row throws in try MirrorRecord.decode(row) }
            let edges = try loadEffectiveEdges()
            let active = try activeAccountIDs()
            var queued = 0
            for mirror in rows {
                let live = mirror.state == .pending || mirror.state == .active || mirror.state == .error
                try db.execute(
                    """
                    UPDATE event_mirrors SET provider_event_id = NULL, target_calendar_id = NULL,
                        state = CASE WHEN ? THEN 'DELETED' ELSE state END,
                        last_projected_hash = CASE WHEN ? THEN NULL ELSE last_projected_hash END, updated_at = ?
                    WHERE canonical_event_id = ? AND target_account_id = ?
                    """,
                    [
                        .integer(live ? 1 : 0), .integer(live ? 1 : 0), .integer(now.nanosecondsSinceEpoch),
                        .text(mirror.canonicalEventID), .text(targetAccountID),
                    ])
                if mirror.state == .deleting { try confirmDelete(mirror) }
                guard live, let event = try canonical(id: mirror.canonicalEventID) else { continue }
                queued += try reconcileMirrors(of: event, edges: edges, active: active)
                try journal(
                    .mirrorReplaced, event: mirror.canonicalEventID, actor: "engine",
                    patch: .object([
                        "target_account_id": .string(targetAccountID), "vanished_calendar_id": .string(calendarID),
                    ]),
                    reason: "the calendar the mirror lived in was deleted at the provider; writing it again")
            }
            return queued
        }
    }
}
