/// Brings a database schema up to date with an ordered list of named, forward-only migrations
/// (GRDB's `DatabaseMigrator` shape).
///
/// Applied migrations are recorded in the table
/// `tminus_migrations(id TEXT PRIMARY KEY, applied_at_index INTEGER)`, where `applied_at_index` counts
/// migrations in the order they were applied (0, 1, 2, …). `migrate(_:)` then guarantees:
/// - migrations run in registration order, each at most once; already-applied ones are skipped;
/// - each runs in its own IMMEDIATE transaction together with the row that records it, so a migration
///   is either applied and recorded, or not applied at all;
/// - foreign-key enforcement is switched off while a migration runs (so tables can be rebuilt as the
///   SQLite documentation describes) and `PRAGMA foreign_key_check` must find no violation before it
///   commits;
/// - a database that records a migration this migrator does not know (a newer binary applied it) is
///   refused before anything runs.
///
/// Shipped migrations are never edited; change a schema by registering a new migration.
///
/// ```swift
/// var migrator = Migrator()
/// migrator.register("0001-create-events") { db in
///     try db.execute("CREATE TABLE events (id TEXT PRIMARY KEY, title TEXT NOT NULL)")
/// }
/// try migrator.migrate(connection)
/// ```
public struct Migrator: Sendable {
    private var migrations: [Migration] = []

    /// When true, an empty database that can be copied whole (in memory, or a file with the
    /// simulator's memory journal) is brought up to date by copying the bytes of the first empty
    /// database this process migrated with the same identifiers (``FreshImages``), and not by
    /// running each migration again: the result is the same database, page for page (only the
    /// header's schema cookie differs, which SQLite bumps so prepared statements notice). Off by
    /// default; the shipped schemas turn it on.
    public var reusesFreshImages = false

    /// Creates a migrator with no migrations.
    public init() {}

    /// The registered identifiers, in the order they run.
    public var identifiers: [String] { migrations.map(\.identifier) }

    /// Appends a migration.
    ///
    /// - Precondition: `identifier` is not empty and not already registered (a programmer error).
    public mutating func register(_ identifier: String, _ migrate: @escaping @Sendable (Connection) throws -> Void) {
        precondition(!identifier.isEmpty, "a migration needs a non-empty identifier")
        precondition(!identifiers.contains(identifier), "migration '\(identifier)' is registered twice")
        migrations.append(Migration(identifier: identifier, migrate: migrate))
    }

    /// Applies every registered migration the database has not recorded yet, in registration order.
    ///
    /// - Throws: `SQLiteError` with code `.error` when the database records a migration this migrator
    ///   does not know; `.misuse` when called inside a transaction; otherwise the first error of the
    ///   failing migration (an `SQLiteError` gets the migration's identifier prefixed to its message).
    ///   Migrations applied before the failing one stay applied.
    public func migrate(_ db: Connection) throws {
        guard !db.isInTransaction else {
            throw SQLiteError(
                code: .misuse, message: "migrate(_:) must run outside a transaction (it opens its own)")
        }
        guard reusesFreshImages, db.takesImages, try db.isEmptyDatabase() else {
            try migrateOneByOne(db)
            return
        }
        if let image = FreshImages.shared.image(for: identifiers) {
            try db.restore(image: image)
            // Checks the copy like any database: every migration is recorded, nothing unknown.
            try migrateOneByOne(db)
            return
        }
        try migrateOneByOne(db)
        FreshImages.shared.keep(try db.serializedImage(), for: identifiers)
    }

    private func migrateOneByOne(_ db: Connection) throws {
        try db.execute(
            "CREATE TABLE IF NOT EXISTS tminus_migrations (id TEXT PRIMARY KEY NOT NULL, applied_at_index INTEGER NOT NULL)"
        )
        let applied = try appliedIdentifiers(in: db)
        try refuseUnknown(applied)
        let alreadyApplied = Set(applied)
        for migration in migrations where !alreadyApplied.contains(migration.identifier) {
            try apply(migration, to: db)
        }
    }

    /// The identifiers the database records as applied, in the order they were applied (empty when the
    /// database has never been migrated).
    public func appliedIdentifiers(in db: Connection) throws(SQLiteError) -> [String] {
        let tableExists = try db.scalar(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tminus_migrations'", as: Int.self)
        guard tableExists != nil else { return [] }
        var identifiers: [String] = []
        for row in try db.query("SELECT id FROM tminus_migrations ORDER BY applied_at_index, id") {
            identifiers.append(try row.get("id", as: String.self))
        }
        return identifiers
    }

    private func refuseUnknown(_ applied: [String]) throws(SQLiteError) {
        let known = Set(identifiers)
        guard let unknown = applied.first(where: { !known.contains($0) }) else { return }
        let newestKnown = identifiers.last.map { "'\($0)'" } ?? "none"
        throw SQLiteError(
            code: .error,
            message: "database was migrated by a newer version: unknown migration '\(unknown)' "
                + "(this version knows \(identifiers.count) migrations, the newest being \(newestKnown)); "
                + "run a newer tminus, or restore a backup made by this version")
    }

    private func apply(_ migration: Migration, to db: Connection) throws {
        let foreignKeysWereOn = try db.scalar("PRAGMA foreign_keys", as: Bool.self) ?? false
        if foreignKeysWereOn { try db.execute("PRAGMA foreign_keys = OFF") }
        defer { if foreignKeysWereOn { try? db.execute("PRAGMA foreign_keys = ON") } }
        do {
            try db.inTransaction(.immediate) {
                // Another connection may have applied it since we looked.
                let isRecorded = try db.scalar(
                    "SELECT 1 FROM tminus_migrations WHERE id = ?", [.text(migration.identifier)], as: Int.self)
                guard isRecorded == nil else { return }
                try migration.migrate(db)
                try checkForeignKeys(in: db)
                let index =
                    try db.scalar(
                        "SELECT COALESCE(MAX(applied_at_index) + 1, 0) FROM tminus_migrations", as: Int64.self) ?? 0
                try db.execute(
                    "INSERT INTO tminus_migrations (id, applied_at_index) VALUES (?, ?)",
                    [.text(migration.identifier), .integer(index)])
            }
        } catch var error as SQLiteError {
            error.message = "migration '\(migration.identifier)' failed and was rolled back: \(error.message)"
            throw error
        }
    }

    /// Fails when the schema or data now break a foreign key, naming the first offending table.
    ///
    /// See <https://www.sqlite.org/pragma.html#pragma_foreign_key_check>.
    private func checkForeignKeys(in db: Connection) throws(SQLiteError) {
        let check = "PRAGMA foreign_key_check"
        let violations = try db.query(check)
        guard let first = violations.first else { return }
        let table = (try? first.get("table", as: String.self)) ?? "?"
        let parent = (try? first.get("parent", as: String.self)) ?? "?"
        throw SQLiteError(
            code: .constraintForeignKey,
            message: "\(violations.count) foreign key violation(s), the first in table '\(table)' "
                + "referencing '\(parent)'; fix the migration so every reference points at an existing row",
            sql: check)
    }
}
