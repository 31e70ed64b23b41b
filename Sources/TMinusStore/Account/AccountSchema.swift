import TMinusSQLite

/// Schema of one account's database. Add migrations at the end; never edit a shipped one.
enum AccountSchema {
    static var migrator: Migrator {
        var migrator = Migrator()
        migrator.reusesFreshImages = true
        migrator.register("0001_account") { db in
            try db.execute(
                """
                CREATE TABLE tokens (
                    id INTEGER PRIMARY KEY CHECK (id = 1), access_token TEXT NOT NULL, access_expires_at INTEGER NOT NULL,
                    refresh_token TEXT NOT NULL, scopes TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT;
                CREATE TABLE calendar_scopes (
                    provider_calendar_id TEXT PRIMARY KEY, role TEXT NOT NULL,
                    sync_enabled INTEGER NOT NULL CHECK (sync_enabled IN (0, 1))) STRICT;
                CREATE TABLE cursors (
                    provider_calendar_id TEXT PRIMARY KEY, cursor TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT;
                CREATE TABLE watches (
                    provider_calendar_id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, resource_id TEXT, token TEXT NOT NULL,
                    expires_at INTEGER NOT NULL, state TEXT NOT NULL, last_notification_at INTEGER) STRICT;
                CREATE TABLE sync_health (
                    id INTEGER PRIMARY KEY CHECK (id = 1), last_sync_at INTEGER, last_success_at INTEGER,
                    consecutive_errors INTEGER NOT NULL DEFAULT 0, last_error TEXT) STRICT;
                INSERT INTO sync_health (id) VALUES (1);
                CREATE TABLE rate_limiter (
                    id INTEGER PRIMARY KEY CHECK (id = 1), milli_tokens INTEGER NOT NULL, refilled_at INTEGER NOT NULL) STRICT;
                """)
        }
        migrator.register("0002_account_metadata") { db in
            try db.execute("CREATE TABLE account_metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
        }
        return migrator
    }
}
