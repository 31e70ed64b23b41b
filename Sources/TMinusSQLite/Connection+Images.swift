internal import CSQLite

extension Connection {
    /// Whether the database's bytes may be copied in and out whole (``serializedImage()``,
    /// ``restore(image:)``): an in-memory database, or a file with the simulator's memory journal.
    /// A WAL database never is (its header and log are not a plain page image).
    var takesImages: Bool {
        isInMemory || options.durability == .crashBetweenCalls
    }

    /// Whether the database holds no schema object at all (a file just created).
    func isEmptyDatabase() throws(SQLiteError) -> Bool {
        try scalar("SELECT count(*) FROM sqlite_master", as: Int.self) == 0
    }

    /// The bytes of the whole database, as its file would hold them.
    ///
    /// The corresponding SQLite function is `sqlite3_serialize`.
    /// See <https://www.sqlite.org/c3ref/serialize.html>.
    func serializedImage() throws(SQLiteError) -> [UInt8] {
        let handle = try openHandle(for: nil)
        var size: sqlite3_int64 = 0
        guard let bytes = sqlite3_serialize(handle, "main", &size, 0) else {
            throw SQLiteError(code: ResultCode(rawValue: SQLITE_NOMEM), message: "cannot serialize '\(path)'")
        }
        defer { sqlite3_free(bytes) }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(size)))
    }

    /// Replaces the whole database with `image` (bytes ``serializedImage()`` returned), page by page,
    /// in one step of the online backup API, so the result has every page of the database the image
    /// was taken from (the header's schema cookie excepted, which the backup bumps).
    ///
    /// The corresponding SQLite functions are `sqlite3_deserialize` (into a private in-memory source)
    /// and `sqlite3_backup_init`, `sqlite3_backup_step`, `sqlite3_backup_finish`.
    /// See <https://www.sqlite.org/c3ref/deserialize.html> and <https://www.sqlite.org/backup.html>.
    func restore(image: [UInt8]) throws(SQLiteError) {
        let destination = try openHandle(for: nil)
        let source = try Connection(path: ":memory:")
        defer { source.close() }
        let sourceHandle = try source.openHandle(for: nil)
        let allocated = sqlite3_malloc64(sqlite3_uint64(image.count))
        guard let buffer = allocated?.assumingMemoryBound(to: UInt8.self) else {
            throw SQLiteError(
                code: ResultCode(rawValue: SQLITE_NOMEM), message: "cannot allocate \(image.count) bytes for a database image")
        }
        image.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: image.count) }
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        let loaded = sqlite3_deserialize(
            sourceHandle, "main", buffer, sqlite3_int64(image.count), sqlite3_int64(image.count), flags)
        guard loaded == SQLITE_OK else {
            throw SQLiteError(code: ResultCode(rawValue: loaded), message: "cannot load a database image")
        }
        guard let backup = sqlite3_backup_init(destination, "main", sourceHandle, "main") else {
            throw SQLiteError(
                code: ResultCode(rawValue: sqlite3_extended_errcode(destination)),
                message: "cannot copy a database image into '\(path)': \(String(cString: sqlite3_errmsg(destination)))")
        }
        let stepped = sqlite3_backup_step(backup, -1)
        let finished = sqlite3_backup_finish(backup)
        guard stepped == SQLITE_DONE, finished == SQLITE_OK else {
            throw SQLiteError(
                code: ResultCode(rawValue: stepped == SQLITE_DONE ? finished : stepped),
                message: "cannot copy a database image into '\(path)': \(String(cString: sqlite3_errmsg(destination)))")
        }
        // Statements prepared against the old schema must not be reused, and what a caller read
        // before may no longer hold: like a rollback, a restore changes rows without counting changes.
        statementCache.removeAll()
        rollbackCount += 1
    }
}
