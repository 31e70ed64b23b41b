internal import CSQLite

/// How many rows a run copies out of SQLite.
enum RowLimit {
    /// Steps to completion and keeps no rows (`execute`).
    case none
    /// Keeps the first row and stops stepping (`queryOne`, `scalar`).
    case first
    /// Steps to completion and keeps every row (`query`).
    case all
}

extension Connection {
    /// Runs one or more SQL statements separated by semicolons, without arguments (schema scripts,
    /// pragmas). The statements are prepared one at a time and not cached; the first failure stops the
    /// script and is thrown.
    ///
    /// The corresponding SQLite functions are `sqlite3_prepare_v3` and `sqlite3_step`.
    /// See <https://www.sqlite.org/c3ref/prepare.html>.
    public func execute(_ sql: String) throws(SQLiteError) {
        let script = CStringBuffer(sql)
        defer { script.deallocate() }
        var offset = 0
        while offset < script.length {
            let (statement, next) = try prepareNext(
                script, from: offset, sql: sql, persistent: false, statementText: nil)
            guard let statement else { return }
            offset = next
            _ = try run(statement, [], rows: .none)
        }
    }

    /// Runs one SQL statement with `arguments` bound to its `?` parameters in order, through the
    /// statement cache. Any rows it returns are discarded.
    ///
    /// - Throws: `SQLiteError`; `.range` when the argument count does not match, `.misuse` when `sql`
    ///   holds more than one statement. Errors carry the SQL, never the arguments.
    public func execute(_ sql: String, _ arguments: [SQLiteValue]) throws(SQLiteError) {
        _ = try runCached(sql, arguments, rows: .none)
    }

    /// Runs one SQL statement through the statement cache and returns all of its rows.
    public func query(_ sql: String, _ arguments: [SQLiteValue] = []) throws(SQLiteError) -> [Row] {
        try runCached(sql, arguments, rows: .all)
    }

    /// Runs one SQL statement through the statement cache and returns its first row, or `nil` when it
    /// returns none. Rows after the first are not computed.
    public func queryOne(_ sql: String, _ arguments: [SQLiteValue] = []) throws(SQLiteError) -> Row? {
        try runCached(sql, arguments, rows: .first).first
    }

    /// The first column of the first row as a `T`; `nil` when there is no row or the value is NULL.
    ///
    /// - Throws: `SQLiteError` with code `.mismatch` when the value is not a `T` (the message names the
    ///   column and the expected type, never the value).
    public func scalar<T: SQLiteValueConvertible>(
        _ sql: String, _ arguments: [SQLiteValue] = [], as type: T.Type = T.self
    ) throws(SQLiteError) -> T? {
        guard let row = try queryOne(sql, arguments), let value = row.values.first, !value.isNull else {
            return nil
        }
        guard let converted = T.fromSQLite(value) else {
            throw SQLiteError(
                code: .mismatch,
                message: "column '\(row.columnNames[0])' holds \(value.storageClassName); expected \(T.self)",
                sql: sql)
        }
        return converted
    }

    /// Runs `sql` with the cached statement for it, preparing and caching it first if needed. A
    /// statement whose run fails is evicted, so the next use prepares it afresh.
    func runCached(_ sql: String, _ arguments: [SQLiteValue], rows limit: RowLimit) throws(SQLiteError) -> [Row] {
        let statement: Statement
        if let cached = statementCache.statement(for: sql) {
            statement = cached
        } else {
            statement = try prepareSingle(sql, persistent: true)
            statementCache.insert(statement, for: sql)
        }
        do {
            return try run(statement, arguments, rows: limit)
        } catch {
            statementCache.evict(sql)
            throw error
        }
    }

    /// Runs `sql` (one statement) with a statement prepared for this run only.
    func runUncached(_ sql: String, _ arguments: [SQLiteValue], rows limit: RowLimit) throws(SQLiteError) -> [Row] {
        try run(prepareSingle(sql, persistent: false), arguments, rows: limit)
    }

    /// Binds, records, steps and resets `statement`, copying out the rows `limit` asks for.
    private func run(_ statement: Statement, _ arguments: [SQLiteValue], rows limit: RowLimit) throws(SQLiteError)
        -> [Row]
    {
        _ = try openHandle(for: statement.sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        sqlRecorder?(statement.sql)
        var rows: [Row] = []
        var columnNames: [String]?
        while try statement.step() {
            if limit == .none { continue }
            let names = columnNames ?? statement.columnNames()
            columnNames = names
            rows.append(statement.currentRow(columnNames: names))
            if limit == .first { break }
        }
        return rows
    }

    /// Prepares `sql`, which must hold exactly one statement.
    private func prepareSingle(_ sql: String, persistent: Bool) throws(SQLiteError) -> Statement {
        let text = CStringBuffer(sql)
        defer { text.deallocate() }
        let (first, next) = try prepareNext(text, from: 0, sql: sql, persistent: persistent, statementText: sql)
        guard let statement = first else {
            throw SQLiteError(code: .misuse, message: "the SQL holds no statement", sql: sql)
        }
        guard next >= text.length || remainderIsEmpty(text, from: next, sql: sql) else {
            throw SQLiteError(
                code: .misuse,
                message: "the SQL holds more than one statement; run scripts with execute(_:) and no arguments",
                sql: sql)
        }
        return statement
    }

    /// Whether only whitespace and comments follow byte `offset` (anything else, even invalid SQL, is a
    /// second statement).
    private func remainderIsEmpty(_ text: CStringBuffer, from offset: Int, sql: String) -> Bool {
        do {
            return try prepareNext(text, from: offset, sql: sql, persistent: false, statementText: nil).0 == nil
        } catch {
            return false
        }
    }

    /// Prepares the statement that starts at byte `offset` of `text`. Returns `nil` for the statement when
    /// only whitespace or comments remain, and the byte offset just after the statement. The statement
    /// reports `statementText`, or when that is `nil` its own trimmed text.
    ///
    /// The corresponding SQLite function is `sqlite3_prepare_v3`.
    /// See <https://www.sqlite.org/c3ref/prepare.html>.
    private func prepareNext(
        _ text: CStringBuffer, from offset: Int, sql: String, persistent: Bool, statementText: String?
    ) throws(SQLiteError) -> (Statement?, Int) {
        let handle = try openHandle(for: sql)
        let start = text.pointer + offset
        var prepared: SQLiteStatementHandle?
        var tail: UnsafePointer<CChar>?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(handle, start, Int32(text.length - offset + 1), flags, &prepared, &tail)
        guard code == SQLITE_OK else {
            sqlite3_finalize(prepared)
            throw SQLiteError(
                code: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        let next = tail.map { $0 - UnsafePointer(text.pointer) } ?? text.length
        guard let prepared else { return (nil, text.length) }
        preparedStatementCount += 1
        let reported = statementText ?? String(cString: sqlite3_sql(prepared)).trimmingSQLWhitespace()
        return (Statement(handle: prepared, connection: handle, sql: reported), next)
    }
}

/// A NUL-terminated UTF-8 copy of a Swift string that stays put until `deallocate()`, so SQLite's tail
/// pointers into it stay valid while a script is prepared statement by statement.
struct CStringBuffer {
    /// The first byte.
    let pointer: UnsafeMutablePointer<CChar>
    /// The length in bytes, not counting the terminating NUL.
    let length: Int

    init(_ string: String) {
        let bytes = string.utf8CString
        pointer = .allocate(capacity: bytes.count)
        for (index, byte) in bytes.enumerated() { (pointer + index).initialize(to: byte) }
        length = bytes.count - 1
    }

    func deallocate() { pointer.deallocate() }
}

extension String {
    /// The string without leading and trailing ASCII whitespace (no Foundation needed).
    fileprivate func trimmingSQLWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
