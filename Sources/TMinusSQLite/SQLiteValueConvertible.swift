/// A Swift type that can be written to and read from SQLite as one `SQLiteValue`.
///
/// Conformances: `SQLiteValue` itself, `Int`, `Int64`, `Int32`, `Bool`, `Double`, `String`, `[UInt8]`,
/// and `Optional` of any of them (where `nil` is NULL). A `RawRepresentable` type whose raw value
/// conforms gets both requirements for free:
///
/// ```swift
/// enum MirrorState: String, SQLiteValueConvertible { case pending, active }
/// ```
///
/// `fromSQLite` returns `nil` when the value has the wrong storage class or is out of range; callers
/// such as `Row.get(_:as:)` turn that into an error naming the column and the expected type.
public protocol SQLiteValueConvertible {
    /// The value to bind.
    var sqliteValue: SQLiteValue { get }
    /// The Swift value for a value read from SQLite, or `nil` if it has the wrong type or range.
    static func fromSQLite(_ value: SQLiteValue) -> Self?
}

extension SQLiteValueConvertible where Self: RawRepresentable, RawValue: SQLiteValueConvertible {
    /// The raw value, bound as its own SQLite value.
    public var sqliteValue: SQLiteValue { rawValue.sqliteValue }

    /// The case whose raw value was read; `nil` when the raw value is of the wrong type or names no case.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> Self? {
        RawValue.fromSQLite(value).flatMap(Self.init(rawValue:))
    }
}

extension SQLiteValue: SQLiteValueConvertible {
    /// The value itself.
    public var sqliteValue: SQLiteValue { self }
    /// The value itself; never `nil`.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> SQLiteValue? { value }
}

extension Int64: SQLiteValueConvertible {
    /// `.integer(self)`.
    public var sqliteValue: SQLiteValue { .integer(self) }
    /// The integer; `nil` unless the value is `.integer`.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> Int64? {
        if case .integer(let integer) = value { return integer }
        return nil
    }
}

extension Int: SQLiteValueConvertible {
    /// `.integer(Int64(self))`.
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
    /// The integer; `nil` unless the value is an `.integer` that fits in `Int`.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> Int? {
        Int64.fromSQLite(value).flatMap { Int(exactly: $0) }
    }
}

extension Int32: SQLiteValueConvertible {
    /// `.integer(Int64(self))`.
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
    /// The integer; `nil` unless the value is an `.integer` that fits in `Int32`.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> Int32? {
        Int64.fromSQLite(value).flatMap { Int32(exactly: $0) }
    }
}

extension Bool: SQLiteValueConvertible {
    /// `.integer(1)` for `true`, `.integer(0)` for `false`.
    public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
    /// `false` for integer 0, `true` for any other integer (SQLite's own truth rule); `nil` for
    /// non-integers.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> Bool? {
        Int64.fromSQLite(value).map { $0 != 0 }
    }
}

extension Double: SQLiteValueConvertible {
    /// `.real(self)`. SQLite stores NaN as NULL.
    public var sqliteValue: SQLiteValue { .real(self) }
    /// The number; `.integer` values are converted (SQL expressions such as `SELECT 1` yield integers).
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> Double? {
        switch value {
        case .real(let real): real
        case .integer(let integer): Double(integer)
        default: nil
        }
    }
}

extension String: SQLiteValueConvertible {
    /// `.text(self)`.
    public var sqliteValue: SQLiteValue { .text(self) }
    /// The text; `nil` unless the value is `.text`.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> String? {
        if case .text(let text) = value { return text }
        return nil
    }
}

extension Array: SQLiteValueConvertible where Element == UInt8 {
    /// `.blob(self)`.
    public var sqliteValue: SQLiteValue { .blob(self) }
    /// The bytes; `nil` unless the value is `.blob`.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> [UInt8]? {
        if case .blob(let bytes) = value { return bytes }
        return nil
    }
}

extension Optional: SQLiteValueConvertible where Wrapped: SQLiteValueConvertible {
    /// The wrapped value's SQLite value, or `.null` for `nil`.
    public var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
    /// `.some(nil)` for NULL, `.some(wrapped)` for a value `Wrapped` accepts, and `nil` (wrong type)
    /// otherwise.
    @inlinable
    public static func fromSQLite(_ value: SQLiteValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        guard let wrapped = Wrapped.fromSQLite(value) else { return nil }
        return .some(wrapped)
    }
}
