import TMinusSQLite
import Testing

struct MigratorTests {
    /// Three migrations that build a small schema step by step.
    private func makeMigrator() -> Migrator {
        var migrator = Migrator()
        migrator.register("0001-create-accounts") { db in
            try db.execute("CREATE TABLE accounts (id TEXT PRIMARY KEY)")
        }
        migrator.register("0002-create-events") { db in
            try db.execute("CREATE TABLE events (id TEXT PRIMARY KEY, account_id TEXT REFERENCES accounts(id))")
        }
        migrator.register("0003-add-title") { db in
            try db.execute("ALTER TABLE events ADD COLUMN title TEXT")
        }
        return migrator
    }

    private func tableNames(_ db: Connection) throws -> [String] {
        try db.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .map { try $0.get("name", as: String.self) }
    }

    @Test func runsMigrationsInRegistrationOrderAndRecordsThem() throws {
        let db = try makeMemoryConnection()
        let migrator = makeMigrator()
        #expect(try migrator.appliedIdentifiers(in: db) == [])
        try migrator.migrate(db)
        #expect(try migrator.appliedIdentifiers(in: db) == migrator.identifiers)
        #expect(try tableNames(db) == ["accounts", "events", "tminus_migrations"])
        let indexes = try db.query("SELECT applied_at_index FROM tminus_migrations ORDER BY applied_at_index")
            .map { try $0.get("applied_at_index", as: Int.self) }
        #expect(indexes == [0, 1, 2])
        #expect(try db.scalar("PRAGMA foreign_keys", as: Bool.self) == true, "foreign keys are back on")
    }

    @Test func skipsMigrationsAlreadyApplied() throws {
        let db = try makeMemoryConnection()
        var migrator = Migrator()
        migrator.register("0001-create-accounts") { db in try db.execute("CREATE TABLE accounts (id TEXT)") }
        try migrator.migrate(db)
        // A newer binary: the same first migration plus one more. Running it twice is harmless too.
        migrator.register("0002-create-events") { db in try db.execute("CREATE TABLE events (id TEXT)") }
        var recorded: [String] = []
        db.sqlRecorder = { sql in if sql.hasPrefix("CREATE TABLE accounts") { recorded.append(sql) } }
        try migrator.migrate(db)
        try migrator.migrate(db)
        #expect(recorded.isEmpty)
        #expect(try migrator.appliedIdentifiers(in: db) == ["0001-create-accounts", "0002-create-events"])
    }

    @Test func refusesADatabaseMigratedByANewerVersion() throws {
        let db = try makeMemoryConnection()
        try makeMigrator().migrate(db)
        var older = Migrator()
        older.register("0001-create-accounts") { db in try db.execute("CREATE TABLE accounts (id TEXT PRIMARY KEY)") }
        older.register("0004-never-runs") { _ in Issue.record("an older binary must not migrate a newer database") }
        let error = #expect(throws: SQLiteError.self) { try older.migrate(db) }
        #expect(error?.code == .error)
        #expect(
            error?.message.hasPrefix("database was migrated by a newer version: unknown migration '0002-create-events'")
                == true)
        #expect(try older.appliedIdentifiers(in: db).count == 3)
    }

    @Test func aFailingMigrationIsRolledBackEntirelyAndLaterOnesDoNotRun() throws {
        let db = try makeMemoryConnection()
        var migrator = Migrator()
        migrator.register("0001-ok") { db in try db.execute("CREATE TABLE kept (id TEXT)") }
        migrator.register("0002-fails-half-way") { db in
            try db.execute("CREATE TABLE half (id TEXT)")
            try db.execute("INSERT INTO half VALUES (?)", ["row"])
            try db.execute("INSERT INTO missing_table VALUES (1)")
        }
        migrator.register("0003-never-runs") { db in try db.execute("CREATE TABLE never (id TEXT)") }
        let error = #expect(throws: SQLiteError.self) { try migrator.migrate(db) }
        #expect(error?.code == .error)
        #expect(error?.message.contains("migration '0002-fails-half-way' failed and was rolled back") == true)
        #expect(error?.message.contains("missing_table") == true)
        #expect(try tableNames(db) == ["kept", "tminus_migrations"])
        #expect(try migrator.appliedIdentifiers(in: db) == ["0001-ok"])
        #expect(!db.isInTransaction)
    }

    @Test func aMigrationThatThrowsItsOwnErrorIsRolledBackAndTheErrorKept() throws {
        let db = try makeMemoryConnection()
        var migrator = Migrator()
        migrator.register("0001-throws") { db in
            try db.execute("CREATE TABLE doomed (id TEXT)")
            throw BodyError(marker: 9)
        }
        let error = #expect(throws: BodyError.self) { try migrator.migrate(db) }
        #expect(error == BodyError(marker: 9))
        #expect(try tableNames(db) == ["tminus_migrations"])
    }

    @Test func aMigrationLeavingForeignKeyViolationsIsRolledBack() throws {
        let db = try makeMemoryConnection()
        var migrator = makeMigrator()
        migrator.register("0004-orphan-event") { db in
            try db.execute("INSERT INTO events (id, account_id) VALUES (?, ?)", ["e1", "no-such-account"])
        }
        let error = #expect(throws: SQLiteError.self) { try migrator.migrate(db) }
        #expect(error?.code == .constraintForeignKey)
        #expect(error?.message.contains("table 'events' referencing 'accounts'") == true)
        #expect(!(error?.description.contains("no-such-account") ?? true))
        #expect(try db.scalar("SELECT count(*) FROM events", as: Int.self) == 0)
        #expect(try migrator.appliedIdentifiers(in: db).count == 3)
    }

    @Test func aMigrationMayRebuildAReferencedTable() throws {
        let db = try makeMemoryConnection()
        var migrator = makeMigrator()
        migrator.register("0004-seed") { db in
            try db.execute("INSERT INTO accounts VALUES (?)", ["a1"])
            try db.execute("INSERT INTO events (id, account_id) VALUES (?, ?)", ["e1", "a1"])
        }
        // The SQLite-documented table rebuild: only possible while foreign keys are not enforced.
        migrator.register("0005-rebuild-accounts") { db in
            try db.execute(
                """
                CREATE TABLE accounts_new (id TEXT PRIMARY KEY, provider TEXT NOT NULL DEFAULT 'google');
                INSERT INTO accounts_new (id) SELECT id FROM accounts;
                DROP TABLE accounts;
                ALTER TABLE accounts_new RENAME TO accounts;
                """)
        }
        try migrator.migrate(db)
        #expect(try db.scalar("SELECT count(*) FROM events", as: Int.self) == 1)
        #expect(try db.scalar("SELECT provider FROM accounts", as: String.self) == "google")
    }

    @Test func refusesToRunInsideATransaction() throws {
        let db = try makeMemoryConnection()
        try db.execute("BEGIN")
        let error = #expect(throws: SQLiteError.self) { try makeMigrator().migrate(db) }
        #expect(error?.code == .misuse)
    }

    @Test func eachMigrationRunsInItsOwnImmediateTransaction() throws {
        let db = try makeMemoryConnection()
        var begins = 0
        db.sqlRecorder = { sql in if sql == "BEGIN IMMEDIATE TRANSACTION" { begins += 1 } }
        var migrator = Migrator()
        for number in 1...4 {
            migrator.register("000\(number)") { db in
                #expect(db.isInTransaction)
                try db.execute("CREATE TABLE t\(number) (x)")
            }
        }
        try migrator.migrate(db)
        #expect(begins == 4)
    }

    @Test func identifiersListsRegistrationOrder() {
        var migrator = Migrator()
        for name in ["b", "a", "c"] { migrator.register(name) { _ in } }
        #expect(migrator.identifiers == ["b", "a", "c"])
    }
}
