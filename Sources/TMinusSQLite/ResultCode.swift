internal import CSQLite

/// An SQLite result code, primary or extended (GRDB's `ResultCode` shape).
///
/// Connections are opened with extended result codes on, so errors carry the precise code
/// (`constraintUnique` rather than `constraint`). The low byte of an extended code is its primary code,
/// and a primary code used as a pattern matches all of its extended codes:
///
/// ```swift
/// switch error.code {
/// case .constraintUnique: …   // only UNIQUE violations
/// case .constraint: …         // every other constraint violation
/// case .busy, .locked: …      // retry later
/// default: …
/// }
/// ```
/// See <https://www.sqlite.org/rescode.html>.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The numeric code as SQLite returns it.
    public var rawValue: Int32

    /// Wraps a numeric SQLite result code.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The primary code (the low byte). A primary code is its own primary.
    public var primary: ResultCode { ResultCode(rawValue: rawValue & 0xFF) }

    /// Whether this is a primary code rather than an extended one.
    public var isPrimary: Bool { rawValue == rawValue & 0xFF }

    /// A primary `pattern` matches every code with that primary; an extended `pattern` matches only
    /// itself.
    public static func ~= (pattern: ResultCode, code: ResultCode) -> Bool {
        pattern.isPrimary ? pattern == code.primary : pattern == code
    }

    /// The SQLite name and number, e.g. `SQLITE_CONSTRAINT_UNIQUE (2067)`, followed by SQLite's short
    /// English explanation.
    public var description: String {
        let name = Self.names[rawValue] ?? "\(Self.names[primary.rawValue] ?? "SQLITE_UNKNOWN") (extended)"
        let explanation = String(cString: sqlite3_errstr(rawValue))
        return "\(name) (\(rawValue)): \(explanation)"
    }

    // Primary codes.
    /// `SQLITE_OK`: success.
    public static let ok = ResultCode(rawValue: 0)
    /// `SQLITE_ERROR`: generic error, e.g. an SQL syntax error or a missing table.
    public static let error = ResultCode(rawValue: 1)
    /// `SQLITE_ABORT`: an operation was aborted, e.g. by a rollback.
    public static let abort = ResultCode(rawValue: 4)
    /// `SQLITE_BUSY`: another connection holds a conflicting lock (after the busy timeout).
    public static let busy = ResultCode(rawValue: 5)
    /// `SQLITE_LOCKED`: a conflict inside this connection or its shared cache.
    public static let locked = ResultCode(rawValue: 6)
    /// `SQLITE_READONLY`: an attempt to write a read-only database.
    public static let readonly = ResultCode(rawValue: 8)
    /// `SQLITE_INTERRUPT`: the operation was interrupted.
    public static let interrupt = ResultCode(rawValue: 9)
    /// `SQLITE_IOERR`: the operating system reported an I/O error.
    public static let ioerr = ResultCode(rawValue: 10)
    /// `SQLITE_CORRUPT`: the database file is malformed.
    public static let corrupt = ResultCode(rawValue: 11)
    /// `SQLITE_FULL`: the disk is full.
    public static let full = ResultCode(rawValue: 13)
    /// `SQLITE_CANTOPEN`: the file could not be opened.
    public static let cantopen = ResultCode(rawValue: 14)
    /// `SQLITE_CONSTRAINT`: a constraint was violated (see the extended codes).
    public static let constraint = ResultCode(rawValue: 19)
    /// `SQLITE_MISMATCH`: a value has the wrong type (also used for typed row reads).
    public static let mismatch = ResultCode(rawValue: 20)
    /// `SQLITE_MISUSE`: the API was used incorrectly, e.g. after `close()`.
    public static let misuse = ResultCode(rawValue: 21)
    /// `SQLITE_RANGE`: a parameter index is out of range (also used for a wrong argument count).
    public static let range = ResultCode(rawValue: 25)
    /// `SQLITE_NOTADB`: the file is not an SQLite database.
    public static let notadb = ResultCode(rawValue: 26)
    /// `SQLITE_ROW`: `sqlite3_step` produced a row.
    public static let row = ResultCode(rawValue: 100)
    /// `SQLITE_DONE`: `sqlite3_step` finished.
    public static let done = ResultCode(rawValue: 101)

    // Extended constraint codes: SQLITE_CONSTRAINT | (n << 8).
    /// `SQLITE_CONSTRAINT_CHECK`: a CHECK constraint failed.
    public static let constraintCheck = ResultCode(rawValue: 19 | (1 << 8))
    /// `SQLITE_CONSTRAINT_FOREIGNKEY`: a foreign key constraint failed.
    public static let constraintForeignKey = ResultCode(rawValue: 19 | (3 << 8))
    /// `SQLITE_CONSTRAINT_NOTNULL`: a NOT NULL constraint failed.
    public static let constraintNotNull = ResultCode(rawValue: 19 | (5 << 8))
    /// `SQLITE_CONSTRAINT_PRIMARYKEY`: a PRIMARY KEY constraint failed.
    public static let constraintPrimaryKey = ResultCode(rawValue: 19 | (6 << 8))
    /// `SQLITE_CONSTRAINT_TRIGGER`: a trigger raised an error with `RAISE`.
    public static let constraintTrigger = ResultCode(rawValue: 19 | (7 << 8))
    /// `SQLITE_CONSTRAINT_UNIQUE`: a UNIQUE constraint failed.
    public static let constraintUnique = ResultCode(rawValue: 19 | (8 << 8))
    /// `SQLITE_BUSY_SNAPSHOT`: a WAL read transaction cannot be upgraded to a write; restart it.
    public static let busySnapshot = ResultCode(rawValue: 5 | (2 << 8))

    private static let names: [Int32: String] = [
        0: "SQLITE_OK", 1: "SQLITE_ERROR", 2: "SQLITE_INTERNAL", 3: "SQLITE_PERM", 4: "SQLITE_ABORT",
        5: "SQLITE_BUSY", 6: "SQLITE_LOCKED", 7: "SQLITE_NOMEM", 8: "SQLITE_READONLY",
        9: "SQLITE_INTERRUPT", 10: "SQLITE_IOERR", 11: "SQLITE_CORRUPT", 12: "SQLITE_NOTFOUND",
        13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN", 15: "SQLITE_PROTOCOL", 16: "SQLITE_EMPTY",
        17: "SQLITE_SCHEMA", 18: "SQLITE_TOOBIG", 19: "SQLITE_CONSTRAINT", 20: "SQLITE_MISMATCH",
        21: "SQLITE_MISUSE", 22: "SQLITE_NOLFS", 23: "SQLITE_AUTH", 24: "SQLITE_FORMAT",
        25: "SQLITE_RANGE", 26: "SQLITE_NOTADB", 27: "SQLITE_NOTICE", 28: "SQLITE_WARNING",
        100: "SQLITE_ROW", 101: "SQLITE_DONE",
        275: "SQLITE_CONSTRAINT_CHECK", 531: "SQLITE_CONSTRAINT_COMMITHOOK",
        787: "SQLITE_CONSTRAINT_FOREIGNKEY", 1043: "SQLITE_CONSTRAINT_FUNCTION",
        1299: "SQLITE_CONSTRAINT_NOTNULL", 1555: "SQLITE_CONSTRAINT_PRIMARYKEY",
        1811: "SQLITE_CONSTRAINT_TRIGGER", 2067: "SQLITE_CONSTRAINT_UNIQUE",
        2579: "SQLITE_CONSTRAINT_ROWID", 3091: "SQLITE_CONSTRAINT_DATATYPE",
        517: "SQLITE_BUSY_SNAPSHOT", 261: "SQLITE_BUSY_RECOVERY", 262: "SQLITE_LOCKED_SHAREDCACHE",
        1032: "SQLITE_READONLY_DBMOVED", 266: "SQLITE_IOERR_READ", 778: "SQLITE_IOERR_WRITE",
        1034: "SQLITE_IOERR_FSYNC", 3338: "SQLITE_IOERR_SHORT_READ", 267: "SQLITE_CORRUPT_VTAB",
    ]
}
