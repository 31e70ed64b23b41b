public import TMinusCore
import TMinusSQLite

extension UserGraphStore {
    /// A canonical event by ID (deleted ones included), or nil.
    public func event(id: String) throws(StoreError) -> CanonicalEvent? {
        try read { try canonical(id: id) }
    }

    /// The canonical event of an origin, or nil.
    public func event(originAccountID: String, originEventID: String) throws(StoreError) -> CanonicalEvent? {
        try read { try canonical(originAccountID: originAccountID, originEventID: originEventID) }
    }

    /// Live (not deleted, not cancelled) events overlapping `[from, to)`, ordered by start then ID.
    public func events(from: Timestamp, to: Timestamp) throws(StoreError) -> [CanonicalEvent] {
        try read {
            try CanonicalEventRow.decodeAll(
                db.query(
                    """
                    SELECT \(CanonicalEventRow.columns) FROM canonical_events
                    WHERE deleted = 0 AND status <> 'cancelled' AND start_at < ? AND end_at > ?
                    ORDER BY start_at, canonical_event_id
                    """, [.integer(to.nanosecondsSinceEpoch), .integer(from.nanosecondsSinceEpoch)]))
        }
    }

    /// Every canonical event (deleted included), ordered by ID: for checkers and reconcile.
    public func allEvents() throws(StoreError) -> [CanonicalEvent] {
        try read {
            try CanonicalEventRow.decodeAll(
                db.query("SELECT \(CanonicalEventRow.columns) FROM canonical_events ORDER BY canonical_event_id"))
        }
    }

    /// Live (not deleted) events whose origin is one calendar of one account, ordered by ID: the
    /// candidates a full listing must account for before anything may be probed (engine rule 3).
    public func liveEvents(originAccountID: String, calendarID: String) throws(StoreError) -> [CanonicalEvent] {
        try read {
            try CanonicalEventRow.decodeAll(
                db.query(
                    """
                    SELECT \(CanonicalEventRow.columns) FROM canonical_events
                    WHERE origin_account_id = ? AND origin_calendar_id = ? AND deleted = 0 ORDER BY canonical_event_id
                    """, [.text(originAccountID), .text(calendarID)]))
        }
    }

    /// Every mirror row, ordered by (canonical event, target account).
    public func allMirrors() throws(StoreError) -> [MirrorRecord] {
        try read {
            try db.query(
                "SELECT \(MirrorRecord.columns) FROM event_mirrors ORDER BY canonical_event_id, target_account_id"
            )
            .map { row throws in try MirrorRecord.decode(row) }
        }
    }

    /// The mirror of a canonical event in one target account, or nil.
    public func mirror(canonicalEventID: String, targetAccountID: String) throws(StoreError) -> MirrorRecord? {
        try read { try mirror(of: canonicalEventID, in: targetAccountID) }
    }

    /// Mirror counts for one target account and the resulting health.
    public func projectionStatus(accountID: String) throws(StoreError) -> ProjectionStatus {
        try read {
            let rows = try db.query(
                "SELECT state, COUNT(*) AS n FROM event_mirrors WHERE target_account_id = ? GROUP BY state",
                [.text(accountID)])
            var counts: [(MirrorState, Int)] = MirrorState.allCases.map { ($0, 0) }
            for row in rows {
                let state = try MirrorState.parse(try row.get("state"), field: "event_mirrors.state")
                let index = counts.firstIndex { $0.0 == state }!
                counts[index].1 = Int(try row.get("n", as: Int64.self))
            }
            return ProjectionStatus(accountID: accountID, counts: counts)
        }
    }

    // MARK: - Inside a transaction

    func canonical(id: String) throws -> CanonicalEvent? {
        try db.queryOne(
            UserGraphSQL.canonicalByID, [.text(id)]
        )
        .map { row throws in try CanonicalEventRow.decode(row) }
    }

    func canonical(originAccountID: String, originEventID: String) throws -> CanonicalEvent? {
        try db.queryOne(
            UserGraphSQL.canonicalByOrigin,
            [.text(originAccountID), .text(originEventID)]
        ).map { row throws in try CanonicalEventRow.decode(row) }
    }

    func saveCanonical(_ event: CanonicalEvent) throws {
        let values = CanonicalEventRow.values(event)
        try db.execute(
            """
            UPDATE canonical_events SET origin_calendar_id = ?, title = ?, description = ?, location = ?,
                start_at = ?, start_tz = ?, end_at = ?, end_tz = ?, all_day = ?, status = ?, visibility = ?,
                transparency = ?, recurrence_rule = ?, version = ?, authority = ?, deleted = ?, updated_at = ?
            WHERE canonical_event_id = ?
            """,
            [values[2]] + Array(values[4..<16]) + [values[17], values[18], values[19], values[21], values[0]])
    }

    func mirror(of canonicalEventID: String, in targetAccountID: String) throws -> MirrorRecord? {
        try db.queryOne(
            UserGraphSQL.mirrorByTarget,
            [.text(canonicalEventID), .text(targetAccountID)]
        ).map { row throws in try MirrorRecord.decode(row) }
    }

    func mirror(inAccount accountID: String, providerEventID: String) throws -> MirrorRecord? {
        try db.queryOne(
            UserGraphSQL.mirrorByProviderEvent,
            [.text(accountID), .text(providerEventID)]
        ).map { row throws in try MirrorRecord.decode(row) }
    }

    /// Whether `accountID` is linked and active: one of the remembered policy's active accounts.
    func isLinked(_ accountID: String) throws -> Bool {
        try activeAccountIDs().contains(accountID)
    }
}
