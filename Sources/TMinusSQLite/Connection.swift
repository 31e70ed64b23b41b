internal import CSQLite

/// One open SQLite database: the only way the rest of T-Minus reads and writes SQLite.
///
/// A connection is confined to its owner (one actor, one task or one thread at a time): it is not
/// `Sendable`, and it opens SQLite in multi-thread mode (`SQLITE_OPEN_NOMUTEX`) because confinement makes
/// SQLite's own locking redundant. Give each owner its own connection; several connections to one file
/// are safe (SQLite's file locks and the busy timeout arbitrate between them).
///
/// What opening guarantees:
/// - extended result codes in every error (`SQLITE_OPEN_EXRESCODE`);
/// - foreign keys enforced (`PRAGMA foreign_keys = ON`);
/// - a busy timeout of `busyTimeoutMilliseconds`, so a writer waits for another instead of failing;
/// - for a file: the journal mode (WAL unless the simulator's options ask for a memory journal),
///   `synchronous` and the locking mode chosen by `ConnectionOptions`
///   (by default `synchronous = FULL` and shared locks, so a committed transaction survives a crash of
///   the process or of the machine, and other connections may open the file).
///
/// Statements run with arguments go through a per-connection cache of prepared statements. The handle
/// is closed by `close()` or when the connection is deinitialized.
/// See <https://www.sqlite.org/c3ref/sqlite3.html>.
public final class Connection {
    /// How long a statement waits for another connection's lock before failing with `.busy`.
    public static let busyTimeoutMilliseconds: Int32 = 5000

    /// The path this connection was opened with (`":memory:"` or `""` for a private in-memory database).
    public let path: String
    /// How the file is synced and locked (ignored for an in-memory database).
    public let options: ConnectionOptions
    /// Whether no other connection can reach the database while this one is open: a private
    /// in-memory database, or a file opened with ``ConnectionOptions/exclusiveLock``. Only then does
    /// every change to the database go through this connection (see ``changeStamp``).
    public let isSoleOwner: Bool
    /// Whether this is a private in-memory database (`":memory:"` or `""`), which ignores `options`.
    public let isInMemory: Bool

    /// Called with the text of every SQL statement just before it runs (with bound arguments left as
    /// `?`), including `BEGIN`, `COMMIT` and savepoint statements. `nil` (the default) records nothing.
    /// Store tests use it to assert the SQL that was run.
    public var sqlRecorder: ((String) -> Void)?

    /// The open handle; `nil` once closed.
    var handle: SQLiteConnectionHandle?
    /// Prepared statements keyed by SQL text.
    var statementCache = StatementCache(capacity: 256)
    /// How many savepoints `inTransaction` has open inside the outermost transaction.
    var savepointDepth = 0
    /// How many transactions and savepoints `inTransaction` has rolled back on this connection (and
    /// how many database images were restored into it, which replace rows the same way). A
    /// rollback undoes changes, so a value read earlier (a counter kept in a table) may come back;
    /// callers that remember what they read use this to know that it may no longer hold.
    public internal(set) var rollbackCount = 0
    /// How many statements this connection has prepared (cached or not); lets tests observe cache reuse.
    package internal(set) var preparedStatementCount = 0

    /// Opens (creating if needed) the database at `path`.
    ///
    /// `":memory:"` or `""` opens a private in-memory database; any other path opens or creates a file
    /// and switches it to WAL mode with `options`. The handle is closed again if opening or configuring
    /// fails.
    ///
    /// The corresponding SQLite function is `sqlite3_open_v2`.
    /// See <https://www.sqlite.org/c3ref/open.html>.
    /// - Throws: `SQLiteError`, e.g. `.cantopen` for a missing directory or `.notadb` for a file that is
    ///   not a database.
    public init(path: String, options: ConnectionOptions = .standard) throws(SQLiteError) {
        self.path = path
        self.options = options
        let isInMemory = path.isEmpty || path == ":memory:"
        self.isInMemory = isInMemory
        isSoleOwner = isInMemory || options.exclusiveLock
        var opened: SQLiteConnectionHandle?
        var flags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        var target = isInMemory ? ":memory:" : path
        if options.inProcessMemory && !isInMemory {
            target = try ProcessMemoryFiles.keep(path, options: options)
            flags |= SQLITE_OPEN_URI
        }
        SQLiteLibrary.prepare()
        let code = sqlite3_open_v2(target, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let reason = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            // SQLite allocates a handle even when opening fails; it must still be closed.
            sqlite3_close_v2(opened)
            throw SQLiteError(code: ResultCode(rawValue: code), message: "cannot open '\(path)': \(reason)")
        }
        handle = opened
        do {
            try configure(isInMemory: isInMemory)
        } catch {
            close()
            throw error
        }
    }

    private func configure(isInMemory: Bool) throws(SQLiteError) {
        guard let handle else { return }
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
        try execute("PRAGMA foreign_keys = ON")
        guard !isInMemory else { return }
        // Before the first access in WAL mode, so that SQLite never creates the shared-memory index.
        if options.exclusiveLock { try execute("PRAGMA locking_mode = EXCLUSIVE") }
        let switchJournal = "PRAGMA journal_mode = \(options.journalMode)"
        let mode = try runUncached(switchJournal, [], rows: .first).first.flatMap { String.fromSQLite($0[0]) }
        guard mode == options.journalMode else {
            throw SQLiteError(
                code: .error,
                message: "cannot switch '\(path)' to \(options.journalMode) journal mode (it stays in '\(mode ?? "?")' mode)",
                sql: switchJournal)
        }
        try execute("PRAGMA synchronous = \(options.synchronousPragma)")
    }

    /// Closes the connection if it is still open.
    deinit { close() }

    /// The number of rows changed by the most recent INSERT, UPDATE or DELETE (0 when closed).
    ///
    /// The corresponding SQLite function is `sqlite3_changes64`.
    /// See <https://www.sqlite.org/c3ref/changes.html>.
    public var changes: Int {
        guard let handle else { return 0 }
        return Int(sqlite3_changes64(handle))
    }

    /// The rowid of the most recent successful INSERT (0 when there was none or the connection is closed).
    ///
    /// The corresponding SQLite function is `sqlite3_last_insert_rowid`.
    /// See <https://www.sqlite.org/c3ref/last_insert_rowid.html>.
    public var lastInsertRowID: Int64 {
        guard let handle else { return 0 }
        return sqlite3_last_insert_rowid(handle)
    }

    /// Whether a transaction is open (false when closed).
    ///
    /// The corresponding SQLite function is `sqlite3_get_autocommit`.
    /// See <https://www.sqlite.org/c3ref/get_autocommit.html>.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Whether `close()` (or `abandonForCrashTest()`) has been called.
    public var isClosed: Bool { handle == nil }

    /// The number of prepared statements currently held by the statement cache.
    package var cachedStatementCount: Int { statementCache.count }

    /// Closes the handle now, finalizing cached statements. An open transaction is rolled back. Calling it
    /// again does nothing; any other use afterwards throws `.misuse`.
    ///
    /// The corresponding SQLite function is `sqlite3_close_v2`.
    /// See <https://www.sqlite.org/c3ref/close.html>.
    public func close() {
        guard let handle else { return }
        statementCache.removeAll()
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// Closes the connection the way a killed process would leave it, for crash tests.
    ///
    /// An open transaction is not committed, and the WAL is not checkpointed into the database file
    /// (`SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE`), so the next connection must recover the database from the
    /// WAL exactly as after a crash: committed transactions are there, the abandoned one is not.
    ///
    /// The corresponding SQLite function is `sqlite3_db_config`.
    /// See <https://www.sqlite.org/c3ref/c_dbconfig_defensive.html#sqlitedbconfignockptonclose>.
    public func abandonForCrashTest() {
        guard let handle else { return }
        var ignored: Int32 = 0
        _ = csqlite_db_config_int(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &ignored)
        close()
    }

    /// The open handle, or a `.misuse` error naming the closed connection.
    func openHandle(for sql: String?) throws(SQLiteError) -> SQLiteConnectionHandle {
        guard let handle else {
            throw SQLiteError(code: .misuse, message: "the connection to '\(path)' is closed", sql: sql)
        }
        return handle
    }
}

/// A connection is confined to one owner at a time; it must not be shared across concurrency domains.
@available(*, unavailable)
extension Connection: Sendable {}
