public import TMinusCore
import TMinusSQLite

/// Repairs a reconcile run made in one target account, by kind (engine rule 12).
public struct ReconcileRepairs: Hashable, Sendable {
    /// Managed events of ours with no live mirror row: deleted at the provider.
    public var orphansDeleted = 0
    /// ACTIVE mirrors whose provider event was gone: tombstoned.
    public var vanishedMirrorsTombstoned = 0
    /// Mirrors the policy wants but the graph had no row for (rows created, upserts queued).
    public var missingMirrorsQueued = 0
    /// Mirrors still waiting (PENDING/DELETING) whose commands were queued again.
    public var commandsRequeued = 0
    /// Drifted mirrors rewritten (from the full listing's managed events).
    public var driftCorrected = 0
    /// Origin events the full listing showed that the graph lacked.
    public var missingCanonicalsCreated = 0
    /// Origins deleted after a positive probe.
    public var probeDeletes = 0
    /// Mirrors queued again because the calendar they lived in was deleted (the overlay).
    public var mirrorsReplaced = 0

    /// No repairs.
    public init() {}

    /// Total repairs.
    public var total: Int {
        orphansDeleted + vanishedMirrorsTombstoned + missingMirrorsQueued + commandsRequeued + driftCorrected
            + missingCanonicalsCreated + probeDeletes + mirrorsReplaced
    }

    /// The counts as stable JSON (journal patch, reports).
    public var json: JSONValue {
        .object([
            "orphans_deleted": .int(Int64(orphansDeleted)),
            "vanished_mirrors_tombstoned": .int(Int64(vanishedMirrorsTombstoned)),
            "commands_requeued": .int(Int64(commandsRequeued)),
            "missing_mirrors_queued": .int(Int64(missingMirrorsQueued)), "drift_corrected": .int(Int64(driftCorrected)),
            "missing_canonicals_created": .int(Int64(missingCanonicalsCreated)),
            "probe_deletes": .int(Int64(probeDeletes)), "mirrors_replaced": .int(Int64(mirrorsReplaced)),
        ])
    }
}

extension UserGraphStore {
    /// Every mirror row targeting one account, ordered by canonical event.
    public func mirrors(targeting accountID: String) throws(StoreError) -> [MirrorRecord] {
        try read {
            try db.query(
                "SELECT \(MirrorRecord.columns) FROM event_mirrors WHERE target_account_id = ? ORDER BY canonical_event_id",
                [.text(accountID)]
            ).map { row throws in try MirrorRecord.decode(row) }
        }
    }

    /// The mirror row recorded for a provider event in one account, or nil.
    public func recordedMirror(inAccount accountID: String, providerEventID: String) throws(StoreError) -> MirrorRecord?
    {
        try read { try mirror(inAccount: accountID, providerEventID: providerEventID) }
    }

    /// Queues again the command of every mirror targeting `accountID` that is still waiting: the
    /// current projection for PENDING rows, a delete for DELETING rows (lost messages self-heal;
    /// the write flow drops whatever turns out stale). With `unchangedSince`, only the mirrors
    /// found there in the same state waiting for the same projection (rows read before something
    /// else looked at them: one confirmed or rewritten since has its fate decided already).
    /// Returns how many were queued.
    public func requeueWaitingMirrors(targeting accountID: String, unchangedSince before: [MirrorRecord]? = nil)
        throws(StoreError) -> Int
    {
        var earlier: [String: MirrorRecord] = [:]
        for mirror in before ?? [] { earlier[mirror.canonicalEventID] = mirror }
        return try write {
            var queued = 0
            for mirror in try waitingMirrorRows(targeting: accountID) {
                if before != nil {
                    guard let then = earlier[mirror.canonicalEventID], then.state == mirror.state,
                        then.lastProjectedHash == mirror.lastProjectedHash
                    else { continue }
                }
                if mirror.state == .deleting {
                    try enqueue(
                        .delete(
                            DeleteMirror(
                                canonicalEventID: mirror.canonicalEventID, targetAccountID: accountID,
                                targetCalendarID: mirror.targetCalendarID, providerEventID: mirror.providerEventID)))
                    queued += 1
                } else if let event = try canonical(id: mirror.canonicalEventID),
                    let projection = ProjectionCompiler.project(event, detail: mirror.detail, kind: mirror.kind),
                    projection.hash == mirror.lastProjectedHash
                {
                    try enqueue(
                        .upsert(
                            UpsertMirror(
                                projection: projection, targetAccountID: accountID,
                                targetCalendarID: mirror.targetCalendarID)))
                    queued += 1
                }
            }
            return queued
        }
    }

    /// Re-derives every event's mirror rows from the current policy (missing mirrors get a PENDING
    /// row and an upsert; unwanted ones a delete). Returns the number of outbox entries written.
    ///
    /// Incremental after a first whole run (``ReprojectionInputs``): while the policy edges and the
    /// active accounts are those of the last run, a run re-derives only the events written since
    /// that run committed and the events whose mirror rows were written since; every other event
    /// would get nothing, exactly as in a whole run. Each account's daily reconcile asks for this,
    /// so a whole run over every event and mirror row happens once per process and after each
    /// policy change, not several times a day.
    public func reprojectEverything() throws(StoreError) -> Int {
        let mark = lastReprojection
        lastReprojection = nil  // until this run commits: a run that fails leaves the next one whole
        let (written, next) = try write { () throws -> (Int, ReprojectionInputs) in
            let edges = try loadEffectiveEdges()
            let active = try activeAccountIDs()
            let written: Int
            if let mark, mark.edges == edges, mark.active == active {
                written = try reprojectChanged(since: mark, edges: edges, active: active)
            } else {
                written = try reprojectAll(edges: edges, active: active)
            }
            let position = try currentChangePosition()
            return (written, ReprojectionInputs(events: position.events, mirrors: position.mirrors, edges: edges, active: active))
        }
        lastReprojection = next
        return written
    }

    /// Makes the next ``reprojectEverything()`` a whole run (tests compare the two).
    func forgetLastReprojection() { lastReprojection = nil }

    /// Re-derives the events written after `mark`'s position and those with a mirror row written
    /// after it, in canonical event ID order (the order of a whole run).
    private func reprojectChanged(since mark: ReprojectionInputs, edges: [PolicyEdge], active: [String]) throws -> Int {
        var events = try CanonicalEventRow.decodeAll(
            db.query(UserGraphSQL.canonicalsChangedAfter, [.integer(mark.events)]))
        let changed = Set(events.map(\.id))
        for row in try db.query(UserGraphSQL.eventsWithMirrorsChangedAfter, [.integer(mark.mirrors)]) {
            let id: String = try row.get("canonical_event_id")
            if !changed.contains(id), let event = try canonical(id: id) { events.append(event) }
        }
        events.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        var written = 0
        for event in events { written += try reconcileMirrors(of: event, edges: edges, active: active) }
        return written
    }

    /// The PENDING and DELETING mirrors targeting `accountID`, by canonical event ID.
    public func waitingMirrors(targeting accountID: String) throws(StoreError) -> [MirrorRecord] {
        try read { try waitingMirrorRows(targeting: accountID) }
    }

    private func waitingMirrorRows(targeting accountID: String) throws -> [MirrorRecord] {
        try db.query(
            "SELECT \(MirrorRecord.columns) FROM event_mirrors WHERE target_account_id = ? AND state IN ('PENDING', 'DELETING') "
                + "ORDER BY canonical_event_id", [.text(accountID)]
        ).map { row throws in try MirrorRecord.decode(row) }
    }

    /// Journals a reconcile run's repairs in one target account.
    public func journalReconcile(accountID: String, repairs: ReconcileRepairs) throws(StoreError) {
        try write {
            try journal(
                .reconciled, event: nil, actor: "engine",
                patch: .object(["account_id": .string(accountID), "repairs": repairs.json]),
                reason: repairs.total == 0 ? "reconcile found no drift" : "reconcile found drift and fixed it")
        }
    }
}
