/// One result row: the column names of the statement and the values of this row, in the same order.
///
/// Rows are plain values, copied out of SQLite before the statement moves on, so they can be kept and
/// sent across tasks. Column lookup by name is exact first, then ASCII case-insensitive (SQL names are
/// case-insensitive); the first matching column wins.
public struct Row: Sendable {
    /// The result column names, as SQLite reports them (`sqlite3_column_name`).
    public var columnNames: [String]
    /// The values, one per column.
    public var values: [SQLiteValue]

    /// Creates a row. `columnNames` and `values` must have the same count.
    public init(columnNames: [String], values: [SQLiteValue]) {
        precondition(columnNames.count == values.count, "a row needs one value per column")
        self.columnNames = columnNames
        self.values = values
    }

    /// The value of `column`, or `.null` when the row has no such column.
    public subscript(_ column: String) -> SQLiteValue {
        guard let index = index(of: column) else { return .null }
        return values[index]
    }

    /// The value at a zero-based column position.
    /// - Precondition: `index` is in `0..<values.count`.
    public subscript(_ index: Int) -> SQLiteValue { values[index] }

    /// Whether the row has a column called `column`.
    public func hasColumn(_ column: String) -> Bool { index(of: column) != nil }

    /// Reads `column` as a `T`.
    ///
    /// - Throws: `SQLiteError` with code `.mismatch` when the column is missing, NULL (unless `T` is
    ///   itself optional) or of the wrong type. The message names the column, the expected type and the
    ///   stored storage class, never the value.
    @inlinable
    public func get<T: SQLiteValueConvertible>(_ column: String, as type: T.Type = T.self) throws(SQLiteError) -> T {
        guard let index = index(of: column) else {
            throw Self.mismatch("column '\(column)' is not in the result (columns: \(columnList)); expected \(T.self)")
        }
        let value = values[index]
        guard let converted = T.fromSQLite(value) else {
            if value.isNull {
                throw Self.mismatch(
                    "column '\(column)' is NULL; expected \(T.self) (read it with optional(_:as:) if NULL is allowed)")
            }
            throw Self.mismatch("column '\(column)' holds \(value.storageClassName); expected \(T.self)")
        }
        return converted
    }

    /// Reads `column` as a `T`, where NULL gives `nil`.
    ///
    /// - Throws: `SQLiteError` with code `.mismatch` when the column is missing or holds a non-NULL value
    ///   of the wrong type.
    @inlinable
    public func optional<T: SQLiteValueConvertible>(
        _ column: String, as type: T.Type = T.self
    ) throws(SQLiteError) -> T? {
        guard let index = index(of: column) else {
            throw Self.mismatch("column '\(column)' is not in the result (columns: \(columnList)); expected \(T.self)?")
        }
        let value = values[index]
        if value.isNull { return nil }
        guard let converted = T.fromSQLite(value) else {
            throw Self.mismatch("column '\(column)' holds \(value.storageClassName); expected \(T.self)")
        }
        return converted
    }

    @usableFromInline
    var columnList: String { columnNames.joined(separator: ", ") }

    @inlinable
    func index(of column: String) -> Int? {
        // Comparing the UTF-8 lengths first (stored, O(1)) skips the string comparison for most
        // columns; decoding a row looks up every one of its columns by name.
        let length = column.utf8.count
        if let exact = columnNames.firstIndex(where: { $0.utf8.count == length && $0 == column }) { return exact }
        let folded = column.lowercased()
        return columnNames.firstIndex { $0.lowercased() == folded }
    }

    @usableFromInline
    static func mismatch(_ message: String) -> SQLiteError {
        SQLiteError(code: .mismatch, message: message, sql: nil)
    }
}
