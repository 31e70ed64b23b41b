/// One SQLite value, in one of SQLite's five storage classes.
///
/// This is what statements bind and what rows hold. It is a plain value: it can be compared, hashed and
/// sent across tasks. Text is UTF-8 and may contain any Unicode scalar (including NUL); blobs are raw
/// bytes. A `.real(.nan)` is stored by SQLite as NULL, so it reads back as `.null`.
///
/// The values are user data (event titles, e-mail addresses): `SQLiteError` never prints them.
/// See <https://www.sqlite.org/datatype3.html>.
public enum SQLiteValue: Hashable, Sendable {
    /// SQL NULL.
    case null
    /// A signed 64-bit integer (storage class INTEGER).
    case integer(Int64)
    /// An IEEE 754 double (storage class REAL).
    case real(Double)
    /// UTF-8 text (storage class TEXT).
    case text(String)
    /// Raw bytes (storage class BLOB).
    case blob([UInt8])

    /// The storage class name as SQLite spells it (`NULL`, `INTEGER`, `REAL`, `TEXT`, `BLOB`): safe to
    /// put in an error message because it does not reveal the value.
    public var storageClassName: String {
        switch self {
        case .null: "NULL"
        case .integer: "INTEGER"
        case .real: "REAL"
        case .text: "TEXT"
        case .blob: "BLOB"
        }
    }

    /// Whether this is `.null`.
    @inlinable
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    /// `"abc"` is `.text("abc")`.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    /// `42` is `.integer(42)`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLiteValue: ExpressibleByFloatLiteral {
    /// `1.5` is `.real(1.5)`.
    public init(floatLiteral value: Double) { self = .real(value) }
}

extension SQLiteValue: ExpressibleByBooleanLiteral {
    /// `true` is `.integer(1)` and `false` is `.integer(0)`, as SQLite stores booleans.
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}
