/// An error reported by SQLite or by this wrapper, in SQLite's own terms (GRDB's `DatabaseError` shape).
///
/// It carries the extended result code, SQLite's message (or ours) and the SQL text being run. It never
/// carries bound values: event titles and addresses are user data and must not reach logs. Match on
/// `code` with `ResultCode`'s patterns (`case .constraint:` matches every constraint violation).
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code.
    public var code: ResultCode
    /// `sqlite3_errmsg`, or this wrapper's explanation; never contains bound values.
    public var message: String
    /// The SQL statement text being run, if any (never the bound values).
    public var sql: String?

    /// Creates an error.
    public init(code: ResultCode, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The code, the message, the statement (if any) and what to do about it.
    public var description: String {
        var text = "SQLite error \(code.description) — \(message)"
        if let sql { text += " — while running: \(sql)" }
        if let advice { text += " — \(advice)" }
        return text
    }

    /// A hint for the operator or caller, by primary code.
    private var advice: String? {
        switch code {
        case .busy, .locked:
            "another connection holds the database lock; retry later or raise the busy timeout"
        case .constraint:
            "the change violates a schema constraint; check the data being written"
        case .corrupt, .notadb:
            "the file is damaged or is not an SQLite database; restore it from a backup"
        case .full:
            "the disk is full; free space and retry"
        case .cantopen, .readonly:
            "check that the path exists and is writable by this process"
        case .ioerr:
            "the operating system reported an I/O error; check the disk"
        case .misuse, .range:
            "this is a bug in the calling code"
        case .mismatch:
            "the stored value does not have the type the code expects; check the schema and the read"
        default:
            nil
        }
    }
}
