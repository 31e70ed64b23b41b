public import TMinusSQLite

/// The tables of a queue database, as migrations that can live in their own database or be added
/// to another store's migrator (so a producer can enqueue in the same transaction as its state change).
///
/// Tables (all names start with `queue_`):
/// - `queue_messages`: live messages. A message is *ready* when `visible_at <= now`; receiving it
///   moves `visible_at` to the end of its lease and sets `lease` to its delivery number. One
///   condition (`visible_at <= now`) therefore covers first deliveries, retries after backoff and
///   redeliveries after an expired lease.
/// - `queue_dead_letters`: messages that exhausted their attempts, with the last error.
/// - `queue_dedup_keys`: dedup keys seen per queue and until when they are remembered.
/// - `queue_counters`: running totals per queue (``QueueCounter``).
public enum QueueSchema: Sendable {
    /// Adds the queue migrations to `migrator`, after whatever it already holds. Their identifiers
    /// start with `queues-`, so they cannot clash with a store's own.
    public static func register(in migrator: inout Migrator) {
        migrator.register("queues-0001-create-tables") { db in
            try db.execute(createTables)
        }
    }

    /// A migrator holding only the queue migrations, for a database of its own.
    public static var migrator: Migrator {
        var migrator = Migrator()
        migrator.reusesFreshImages = true
        register(in: &migrator)
        return migrator
    }

    private static let createTables = """
        CREATE TABLE queue_messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            queue TEXT NOT NULL,
            type TEXT NOT NULL,
            trace_id TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            attempt INTEGER NOT NULL CHECK (attempt >= 0),
            deliveries INTEGER NOT NULL CHECK (deliveries >= 0),
            payload TEXT NOT NULL,
            dedup_key TEXT,
            visible_at INTEGER NOT NULL,
            lease INTEGER,
            last_error TEXT
        );
        CREATE INDEX queue_messages_by_visibility ON queue_messages (queue, visible_at);
        CREATE INDEX queue_messages_by_order ON queue_messages (queue, seq);
        CREATE TABLE queue_dead_letters (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            queue TEXT NOT NULL,
            type TEXT NOT NULL,
            trace_id TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            deliveries INTEGER NOT NULL,
            payload TEXT NOT NULL,
            dedup_key TEXT,
            last_error TEXT NOT NULL,
            dead_lettered_at INTEGER NOT NULL
        );
        CREATE INDEX queue_dead_letters_by_queue ON queue_dead_letters (queue, seq);
        CREATE TABLE queue_dedup_keys (
            queue TEXT NOT NULL,
            dedup_key TEXT NOT NULL,
            message_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (queue, dedup_key)
        ) WITHOUT ROWID;
        CREATE INDEX queue_dedup_keys_by_expiry ON queue_dedup_keys (expires_at);
        CREATE TABLE queue_counters (
            queue TEXT NOT NULL,
            counter TEXT NOT NULL,
            value INTEGER NOT NULL,
            PRIMARY KEY (queue, counter)
        ) WITHOUT ROWID;
        """
}
