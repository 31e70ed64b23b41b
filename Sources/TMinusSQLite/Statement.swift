internal import CSQLite

/// A raw `sqlite3 *` handle. Internal: no C type appears in the public API.
typealias SQLiteConnectionHandle = OpaquePointer
/// A raw `sqlite3_stmt *` handle. Internal: no C type appears in the public API.
typealias SQLiteStatementHandle = OpaquePointer

/// One prepared statement, owned by the connection that prepared it (often through its cache).
///
/// A statement is finalized when the last reference goes away. It is used by one call at a time: the
/// connection binds it, steps it to the rows it needs, copies them out as `Row` values and resets it.
final class Statement {
    /// The prepared statement.
    let handle: SQLiteStatementHandle
    /// The connection the statement belongs to, for error messages.
    let connection: SQLiteConnectionHandle
    /// The SQL text of this one statement (what errors and the SQL recorder show).
    let sql: String
    /// How many `?` parameters the statement takes.
    let parameterCount: Int
    /// The result column names read by ``columnNames()``, and the re-preparation count they belong to.
    private var knownColumnNames: [String]?
    private var namesPreparation: Int32 = 0

    /// Wraps a freshly prepared statement.
    init(handle: SQLiteStatementHandle, connection: SQLiteConnectionHandle, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
        parameterCount = Int(sqlite3_bind_parameter_count(handle))
    }

    /// Finalizes the statement.
    ///
    /// The corresponding SQLite function is `sqlite3_finalize`.
    /// See <https://www.sqlite.org/c3ref/finalize.html>.
    deinit { sqlite3_finalize(handle) }

    /// Binds `arguments` to the parameters by position (first argument to `?1`).
    ///
    /// The corresponding SQLite functions are `sqlite3_bind_*`; text and blobs are copied by SQLite
    /// (`SQLITE_TRANSIENT`) before the call returns.
    /// See <https://www.sqlite.org/c3ref/bind_blob.html>.
    /// - Throws: `SQLiteError` with code `.range` when the number of arguments is not the number of
    ///   parameters, or SQLite's code when a bind fails. Never includes the values.
    func bind(_ arguments: [SQLiteValue]) throws(SQLiteError) {
        guard arguments.count == parameterCount else {
            throw SQLiteError(
                code: .range,
                message: "statement takes \(parameterCount) argument(s) but \(arguments.count) were given",
                sql: sql)
        }
        for (offset, value) in arguments.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    private func bind(_ value: SQLiteValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .text(var text):
            return text.withUTF8 { bytes in
                // A NULL pointer would bind NULL, so the empty string gets a real (empty) C string.
                guard let base = bytes.baseAddress, bytes.count > 0 else {
                    return sqlite3_bind_text(handle, index, "", 0, csqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                    sqlite3_bind_text64(
                        handle, index, characters, UInt64(bytes.count), csqlite_transient(), UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            // A NULL pointer would bind NULL, so the empty blob is bound as a zero-length blob.
            guard !bytes.isEmpty else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), csqlite_transient())
            }
        }
    }

    /// Advances to the next row. Returns `true` when a row is ready, `false` when the statement is done.
    ///
    /// The corresponding SQLite function is `sqlite3_step`.
    /// See <https://www.sqlite.org/c3ref/step.html>.
    /// - Throws: `SQLiteError` with the extended result code and `sqlite3_errmsg`.
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw error(code)
        }
    }

    /// The result column names. Read them after a step: a schema change makes SQLite re-prepare the
    /// statement inside `sqlite3_step`, and `SELECT *` may then have different columns.
    ///
    /// The corresponding SQLite function is `sqlite3_column_name`.
    /// See <https://www.sqlite.org/c3ref/column_name.html>.
    ///
    /// The names are read from SQLite once and kept until SQLite re-prepares the statement
    /// (`SQLITE_STMTSTATUS_REPREPARE` counts that), so every run and row of a cached statement shares
    /// one array instead of making new strings per run.
    /// See <https://www.sqlite.org/c3ref/stmt_status.html>.
    func columnNames() -> [String] {
        let preparations = sqlite3_stmt_status(handle, SQLITE_STMTSTATUS_REPREPARE, 0)
        if let names = knownColumnNames, preparations == namesPreparation { return names }
        let names = (0..<sqlite3_column_count(handle)).map { String(cString: sqlite3_column_name(handle, $0)) }
        knownColumnNames = names
        namesPreparation = preparations
        return names
    }

    /// Copies the current row out of SQLite. Call only after `step()` returned `true`, with the
    /// `columnNames()` read during this run.
    ///
    /// The corresponding SQLite functions are `sqlite3_column_*`.
    /// See <https://www.sqlite.org/c3ref/column_blob.html>.
    func currentRow(columnNames: [String]) -> Row {
        Row(columnNames: columnNames, values: (0..<Int32(columnNames.count)).map(columnValue(at:)))
    }

    private func columnValue(at index: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            // Ask for the text first, then its length in bytes (the order SQLite documents).
            let characters = sqlite3_column_text(handle, index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let characters, count > 0 else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: characters, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(handle, index)
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes, count > 0 else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    /// Makes the statement ready to run again and drops its bindings, so that no user data stays
    /// referenced between uses. Errors are ignored: `sqlite3_reset` only repeats the last step's error.
    ///
    /// The corresponding SQLite functions are `sqlite3_reset` and `sqlite3_clear_bindings`.
    /// See <https://www.sqlite.org/c3ref/reset.html>.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// An error for `code` with the connection's current message and this statement's SQL.
    func error(_ code: Int32) -> SQLiteError {
        SQLiteError(code: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
    }
}
