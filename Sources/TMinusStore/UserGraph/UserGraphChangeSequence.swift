public import TMinusCore
import TMinusSQLite

/// Migration `0002_change_sequence`: every canonical event row and every mirror row carries a
/// `change_seq`, larger than that of any row of its table written before it, so a reader that
/// remembers the highest sequence it saw can read only the rows written since (the simulator's
/// invariant checker does, after every step).
///
/// Triggers keep the column, so no statement of the store changes: after a row is inserted, or
/// updated by a statement that did not set `change_seq` itself, its `change_seq` becomes one more
/// than the table's highest (found through the new index). Rows of these tables are never deleted,
/// so the highest sequence only grows. Rows written before the migration keep sequence 0.
enum UserGraphChangeSequence {
    static func migrate(_ db: Connection) throws {
        for (table, key) in [("canonical_events", "events"), ("event_mirrors", "mirrors")] {
            let stamp = """
                UPDATE \(table) SET change_seq = 1 + (SELECT max(change_seq) FROM \(table)) WHERE rowid = NEW.rowid;
                """
            try db.execute(
                """
                ALTER TABLE \(table) ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX \(table)_by_change ON \(table) (change_seq);
                CREATE TRIGGER \(key)_change_seq_on_insert AFTER INSERT ON \(table)
                    BEGIN \(stamp) END;
                CREATE TRIGGER \(key)_change_seq_on_update AFTER UPDATE ON \(table)
                    WHEN NEW.change_seq = OLD.change_seq BEGIN \(stamp) END;
                """)
        }
    }
}

/// Rows written after a known point (``UserGraphChangeSequence``): what a change-reading checker
/// reads instead of the whole store.
public struct UserGraphChanges: Sendable {
    /// Canonical events inserted or updated after the given sequence, ordered by ID.
    public var events: [CanonicalEvent]
    /// Mirror rows inserted or updated after the given sequence, ordered by (canonical event, target).
    public var mirrors: [MirrorRecord]
    /// The highest sequences now: pass them to the next read.
    public var position: UserGraphChangePosition
    /// How many canonical events and mirror rows the store held at this read: a reader that kept
    /// every row it read holds as many, unless a row was deleted or re-keyed (which the engine
    /// never does; a defective one might), and must then read everything again.
    public var eventCount = 0
    public var mirrorCount = 0
}

/// How far a reader of ``UserGraphChanges`` has read (zeros: nothing read yet, the next read
/// returns every row), and the journal's highest sequence (its entries are read with
/// `journalEntries(after:)`).
public struct UserGraphChangePosition: Hashable, Sendable {
    public var events: Int64
    public var mirrors: Int64
    public var journal: Int64

    /// A position; the default is the start.
    public init(events: Int64 = 0, mirrors: Int64 = 0, journal: Int64 = 0) {
        self.events = events
        self.mirrors = mirrors
        self.journal = journal
    }
}

extension UserGraphStore {
    /// The highest change sequences now (three index lookups): equal to a reader's position when no
    /// canonical event, mirror row or journal entry was written since.
    public func changePosition() throws(StoreError) -> UserGraphChangePosition {
        try read { try currentChangePosition() }
    }

    /// The canonical events and mirror rows written after `position`, and the position to read from
    /// next time (read in one transaction).
    public func changes(after position: UserGraphChangePosition) throws(StoreError) -> UserGraphChanges {
        try read {
            let now = try currentChangePosition()
            let events =
                now.events == position.events
                ? []
                : try CanonicalEventRow.decodeAll(
                    db.query(UserGraphSQL.canonicalsChangedAfter, [.integer(position.events)]))
            let mirrors =
                now.mirrors == position.mirrors
                ? []
                : try db.query(UserGraphSQL.mirrorsChangedAfter, [.integer(position.mirrors)]).map { row throws in
                    try MirrorRecord.decode(row)
                }
            let counts = try db.query(
                "SELECT (SELECT count(*) FROM canonical_events) AS events, (SELECT count(*) FROM event_mirrors) AS mirrors")[0]
            return UserGraphChanges(
                events: events, mirrors: mirrors, position: now, eventCount: try counts.get("events"),
                mirrorCount: try counts.get("mirrors"))
        }
    }

    func currentChangePosition() throws -> UserGraphChangePosition {
        let row = try db.query(
            """
            SELECT (SELECT coalesce(max(change_seq), 0) FROM canonical_events) AS events,
                (SELECT coalesce(max(change_seq), 0) FROM event_mirrors) AS mirrors,
                (SELECT coalesce(max(seq), 0) FROM event_journal) AS journal
            """)[0]
        return UserGraphChangePosition(
            events: try row.get("events"), mirrors: try row.get("mirrors"), journal: try row.get("journal"))
    }
}
