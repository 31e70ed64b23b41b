import TMinusSQLite

/// The per-user database schema: canonical events, mirrors, the append-only journal, policies,
/// calendars, constraints and the transactional outbox (engine.md "Stores").
///
/// Migrations are named and never edited once shipped: add a new one at the end of ``migrator``.
/// Instants are stored as integer nanoseconds since the epoch; all tables are STRICT.
enum UserGraphSchema {
    static var migrator: Migrator {
        var migrator = Migrator()
        migrator.reusesFreshImages = true
        migrator.register("0001_user_graph", createV1)
        migrator.register("0002_change_sequence", UserGraphChangeSequence.migrate)
        migrator.register("0003_policy_version", createPolicyVersion)
        migrator.register("0004_mirror_provider_updated_at", addMirrorProviderUpdatedAt)
        return migrator
    }

    /// The provider's modification stamp of the version our last write of a mirror made (nanoseconds,
    /// by the provider's clock; NULL when the provider gave none): a listing that shows the mirror
    /// older than that lags behind our write, and is not a person's edit (``MirrorRecord/providerUpdatedAt``).
    private static func addMirrorProviderUpdatedAt(_ db: Connection) throws {
        try db.execute("ALTER TABLE event_mirrors ADD COLUMN provider_updated_at INTEGER")
    }

    /// A counter that every change to `policy_edges` or `linked_accounts` bumps (by trigger, so in
    /// the same transaction, and undone with it), letting the store remember the policy between
    /// transactions and know when to read it again (``PolicyView``).
    private static func createPolicyVersion(_ db: Connection) throws {
        var script = """
            CREATE TABLE policy_version (
                id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL) STRICT;
            INSERT INTO policy_version VALUES (1, 0);
            """
        for table in ["policy_edges", "linked_accounts"] {
            for operation in ["INSERT", "UPDATE", "DELETE"] {
                script += """

                    CREATE TRIGGER \(table)_\(operation.lowercased())_bumps_policy_version AFTER \(operation) ON \(table)
                    BEGIN UPDATE policy_version SET version = version + 1; END;
                    """
            }
        }
        try db.execute(script)
    }

    private static func createV1(_ db: Connection) throws {
        try db.execute(
            """
            CREATE TABLE linked_accounts (
                account_id TEXT PRIMARY KEY, provider TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'active', linked_at INTEGER NOT NULL) STRICT;
            CREATE TABLE calendars (
                calendar_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, provider_calendar_id TEXT NOT NULL,
                role TEXT NOT NULL, kind TEXT NOT NULL, display_name TEXT,
                UNIQUE (account_id, provider_calendar_id)) STRICT;
            CREATE TABLE canonical_events (
                canonical_event_id TEXT PRIMARY KEY,
                origin_account_id TEXT NOT NULL, origin_calendar_id TEXT NOT NULL, origin_event_id TEXT NOT NULL,
                title TEXT, description TEXT, location TEXT,
                start_at INTEGER NOT NULL, start_tz TEXT, end_at INTEGER NOT NULL, end_tz TEXT,
                all_day INTEGER NOT NULL CHECK (all_day IN (0, 1)),
                status TEXT NOT NULL, visibility TEXT NOT NULL, transparency TEXT NOT NULL, recurrence_rule TEXT,
                source TEXT NOT NULL, version INTEGER NOT NULL CHECK (version >= 1), authority TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
                created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                UNIQUE (origin_account_id, origin_event_id)) STRICT;
            CREATE INDEX canonical_events_by_start ON canonical_events (start_at);
            CREATE TABLE event_mirrors (
                canonical_event_id TEXT NOT NULL REFERENCES canonical_events (canonical_event_id),
                target_account_id TEXT NOT NULL, target_calendar_id TEXT, provider_event_id TEXT,
                last_projected_hash TEXT, detail_level TEXT NOT NULL, calendar_kind TEXT NOT NULL,
                state TEXT NOT NULL, error_message TEXT, last_write_at INTEGER, updated_at INTEGER NOT NULL,
                PRIMARY KEY (canonical_event_id, target_account_id)) STRICT;
            CREATE INDEX event_mirrors_by_provider_id ON event_mirrors (target_account_id, provider_event_id);
            CREATE TABLE event_journal (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, journal_id TEXT NOT NULL UNIQUE, canonical_event_id TEXT,
                at INTEGER NOT NULL, actor TEXT NOT NULL, change_type TEXT NOT NULL, patch TEXT NOT NULL,
                reason TEXT NOT NULL, conflict_type TEXT NOT NULL DEFAULT 'none', resolution TEXT) STRICT;
            CREATE INDEX event_journal_by_event ON event_journal (canonical_event_id, seq);
            CREATE TRIGGER event_journal_is_append_only_update BEFORE UPDATE ON event_journal
                BEGIN SELECT RAISE(ABORT, 'event_journal is append-only'); END;
            CREATE TRIGGER event_journal_is_append_only_delete BEFORE DELETE ON event_journal
                BEGIN SELECT RAISE(ABORT, 'event_journal is append-only'); END;
            CREATE TABLE policies (
                policy_id TEXT PRIMARY KEY, name TEXT NOT NULL,
                is_default INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL) STRICT;
            CREATE TABLE policy_edges (
                policy_id TEXT NOT NULL REFERENCES policies (policy_id),
                from_account_id TEXT NOT NULL, to_account_id TEXT NOT NULL,
                detail_level TEXT NOT NULL, calendar_kind TEXT NOT NULL,
                PRIMARY KEY (policy_id, from_account_id, to_account_id),
                CHECK (from_account_id <> to_account_id)) STRICT;
            CREATE TABLE constraints (
                constraint_id TEXT PRIMARY KEY, kind TEXT NOT NULL, config TEXT NOT NULL,
                active_from INTEGER, active_to INTEGER) STRICT;
            CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, outbox_id TEXT NOT NULL UNIQUE, queue TEXT NOT NULL,
                idempotency_key TEXT NOT NULL, payload TEXT NOT NULL, created_at INTEGER NOT NULL) STRICT;
            """)
    }
}
