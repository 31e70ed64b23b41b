import TMinusSQLite

/// The SQLite database behind one store: opened and migrated once, then used through `write`
/// (one IMMEDIATE transaction) and `read` (a consistent snapshot), with
/// every error mapped to ``StoreError``. Shared by the user-graph, registry and account stores.
struct StoreDatabase {
    let connection: Connection

    /// Opens (creating if needed) the database at `path` with `options` and runs `migrator` forward.
    init(path: String, migrator: Migrator, options: ConnectionOptions) throws(StoreError) {
        do {
            connection = try Connection(path: path, options: options)
            try migrator.migrate(connection)
        } catch {
            throw StoreError.wrap(error)
        }
    }

    /// Runs `body` in one IMMEDIATE transaction; nothing of it is kept when it throws.
    func write<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try connection.inTransaction(.immediate, body) } catch { throw StoreError.wrap(error) }
    }

    /// Drops the connection the way a killed process would (no checkpoint, nothing more written), so
    /// another connection can open the file, even one that takes it exclusively.
    func abandonForCrashTest() { connection.abandonForCrashTest() }

    /// Runs a read so that multi-statement reads see one snapshot (``Connection/reading(_:)``: one
    /// deferred transaction, or none when the connection owns the file alone).
    func read<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try connection.reading(body) } catch { throw StoreError.wrap(error) }
    }
}
