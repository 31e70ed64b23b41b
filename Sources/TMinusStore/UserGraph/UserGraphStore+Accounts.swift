public import TMinusCore
import TMinusSQLite

/// What unlinking an account asked of the providers (engine rule 9).
public struct UnlinkPlan: Hashable, Sendable {
    /// Deletes of our mirrors inside the unlinked account (issued while its tokens still work).
    public var mirrorsInAccount = 0
    /// Deletes of the mirrors of its origin events in other accounts.
    public var mirrorsOfItsEvents = 0
    /// Its canonical events, now marked deleted.
    public var eventsRemoved = 0
    /// Policy edges removed.
    public var edgesRemoved = 0
}

extension UserGraphStore {
    /// Links an account to this user (idempotent; relinking an unlinked account reactivates it).
    /// New accounts get the default policy's BUSY edges both ways with every other linked account,
    /// and existing events are projected into it.
    /// - Returns: the number of outbox entries written.
    @discardableResult
    public func linkAccount(_ accountID: String, provider: ProviderKind, addDefaultEdges: Bool = true)
        throws(StoreError) -> Int
    {
        try write {
            let existing = try db.queryOne(
                "SELECT status FROM linked_accounts WHERE account_id = ?", [.text(accountID)])
            if existing == nil {
                try db.execute(
                    "INSERT INTO linked_accounts (account_id, provider, status, linked_at) VALUES (?, ?, 'active', ?)",
                    [.text(accountID), .text(provider.rawValue), .integer(now.nanosecondsSinceEpoch)])
            } else {
                try db.execute("UPDATE linked_accounts SET status = 'active' WHERE account_id = ?", [.text(accountID)])
            }
            try journal(
                .accountLinked, event: nil, actor: "engine",
                patch: .object(["account_id": .string(accountID), "provider": .string(provider.rawValue)]),
                reason: "account linked")
            if addDefaultEdges {
                let policyID = try ensureDefaultPolicy()
                let others = try activeAccountIDs().filter { $0 != accountID }
                for other in others {
                    for edge in [PolicyEdge(from: accountID, to: other), PolicyEdge(from: other, to: accountID)] {
                        try db.execute(
                            "INSERT OR IGNORE INTO policy_edges VALUES (?, ?, ?, ?, ?)",
                            [
                                .text(policyID), .text(edge.fromAccountID), .text(edge.toAccountID),
                                .text(edge.detail.rawValue), .text(edge.kind.rawValue),
                            ])
                    }
                }
            }
            return try reprojectAll()
        }
    }

    /// Starts unlinking an account (engine rule 9): stops projecting into and out of it, asks the
    /// write queue to delete our mirrors inside it and the mirrors of its events elsewhere, marks its
    /// events deleted and removes its edges, journaling everything. Its tokens are revoked only after
    /// those deletes are done (see ``finishUnlink(_:)``), so nothing of ours is left behind.
    public func unlinkAccount(_ accountID: String) throws(StoreError) -> UnlinkPlan {
        try write {
            guard try isLinked(accountID) else { throw StoreError.accountNotLinked(accountID: accountID) }
            var plan = UnlinkPlan()
            try db.execute("UPDATE linked_accounts SET status = 'unlinking' WHERE account_id = ?", [.text(accountID)])
            let rows = try db.query(
                "SELECT \(MirrorRecord.columns) FROM event_mirrors WHERE target_account_id = ? ORDER BY canonical_event_id",
                [.text(accountID)])
            for mirror in try rows.map({ row throws in try MirrorRecord.decode(row) })
            where !mirror.state.isTerminal && mirror.state != .deleting {
                try beginMirrorDelete(mirror)
                plan.mirrorsInAccount += 1
            }
            let events = try db.query(
                "SELECT \(CanonicalEventRow.columns) FROM canonical_events WHERE origin_account_id = ? AND deleted = 0 "
                    + "ORDER BY canonical_event_id", [.text(accountID)])
            for var event in try CanonicalEventRow.decodeAll(events) {
                event.isDeleted = true
                event.version += 1
                event.updatedAt = now
                try saveCanonical(event)
                try journal(.deleted, event: event.id, actor: "engine", reason: "origin account \(accountID) unlinked")
                plan.mirrorsOfItsEvents += try reconcileMirrors(of: event, edges: [], active: [])
                plan.eventsRemoved += 1
            }
            try db.execute(
                "DELETE FROM policy_edges WHERE from_account_id = ? OR to_account_id = ?",
                [.text(accountID), .text(accountID)])
            plan.edgesRemoved = db.changes
            try journal(
                .unlinkStarted, event: nil, actor: "engine",
                patch: .object([
                    "account_id": .string(accountID),
                    "mirror_deletes": .int(Int64(plan.mirrorsInAccount + plan.mirrorsOfItsEvents)),
                ]),
                reason: "account unlink requested")
            return plan
        }
    }

    /// True when every delete that unlinking `accountID` asked for is confirmed.
    public func unlinkDeletesDone(_ accountID: String) throws(StoreError) -> Bool {
        try read {
            try db.queryOne(
                """
                SELECT 1 FROM event_mirrors m JOIN canonical_events e USING (canonical_event_id)
                WHERE m.state = 'DELETING' AND (m.target_account_id = ? OR e.origin_account_id = ?) LIMIT 1
                """, [.text(accountID), .text(accountID)]) == nil
        }
    }

    /// Completes an unlink once its deletes are done: drops the account's calendars and marks it
    /// unlinked. The caller then revokes its tokens and drops its account store.
    public func finishUnlink(_ accountID: String) throws(StoreError) {
        try write {
            try db.execute("DELETE FROM calendars WHERE account_id = ?", [.text(accountID)])
            try db.execute("UPDATE linked_accounts SET status = 'unlinked' WHERE account_id = ?", [.text(accountID)])
            try journal(
                .accountUnlinked, event: nil, actor: "engine", patch: .object(["account_id": .string(accountID)]),
                reason: "account unlinked; its mirrors are gone")
        }
    }

    /// Linked account IDs with their status, sorted. Read from SQLite once between changes to the
    /// graph when the connection owns the file alone (``StampedValue``): cron looks for unlinks to
    /// finish at every tick.
    public func linkedAccounts() throws(StoreError) -> [(accountID: String, provider: ProviderKind, status: String)] {
        try linkedAccountsMemo.value(on: db) { () throws(StoreError) in
            try read {
                try db.query("SELECT account_id, provider, status FROM linked_accounts ORDER BY account_id").map { row in
                    (
                        try row.get("account_id"), try ProviderKind.parse(try row.get("provider"), field: "provider"),
                        try row.get("status")
                    )
                }
            }
        }
    }

    /// Re-derives every live event's mirrors from the current policy; returns outbox entries written.
    ///
    /// Every mirror row is read once, up front, instead of once per event: reconciling an event
    /// writes only that event's mirrors, so each event still sees exactly its own current rows, in
    /// target-account order.
    func reprojectAll() throws -> Int {
        try reprojectAll(edges: try loadEffectiveEdges(), active: try activeAccountIDs())
    }

    /// ``reprojectAll()`` with the policy edges and active accounts already read.
    func reprojectAll(edges: [PolicyEdge], active: [String]) throws -> Int {
        let rows = try db.query(
            "SELECT \(CanonicalEventRow.columns) FROM canonical_events ORDER BY canonical_event_id")
        let mirrorRows = try db.query(
            "SELECT \(MirrorRecord.columns) FROM event_mirrors ORDER BY canonical_event_id, target_account_id")
        let mirrorsByEvent = Dictionary(
            grouping: try mirrorRows.map { row throws in try MirrorRecord.decode(row) }, by: \.canonicalEventID)
        var written = 0
        for event in try CanonicalEventRow.decodeAll(rows) {
            written += try reconcileMirrors(
                of: event, edges: edges, active: active, mirrors: mirrorsByEvent[event.id] ?? [])
        }
        return written
    }
}
