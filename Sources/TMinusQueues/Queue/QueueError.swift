public import TMinusSQLite

/// Why a queue operation was refused. Each case says what the caller can do about it.
///
/// Nothing is written when an operation throws: every operation runs in one transaction (or in a
/// savepoint of the caller's transaction).
public enum QueueError: Error, Sendable, CustomStringConvertible {
    /// The database refused the operation (I/O, busy, closed connection, constraint).
    case database(SQLiteError)
    /// The queue has no ``QueueConfiguration`` in this ``DurableQueue``.
    case unknownQueue(QueueName, known: [QueueName])
    /// An operation that must join the caller's transaction was called outside one.
    case notInTransaction(operation: String)
    /// A stored message could not be read back (e.g. its payload is not valid JSON).
    case corruptMessage(id: String, reason: String)
    /// The database has no queue tables: it was not migrated with ``QueueSchema``.
    case schemaMissing(path: String)

    public var description: String {
        switch self {
        case .database(let error):
            return "queue database error: \(error)"
        case .unknownQueue(let name, let known):
            let list = known.map(\.rawValue).joined(separator: ", ")
            return "no queue named '\(name)' is configured (configured: \(list)); add a QueueConfiguration for it"
        case .notInTransaction(let operation):
            return "\(operation) must run inside the caller's transaction; wrap it in connection.inTransaction { … }"
        case .corruptMessage(let id, let reason):
            return "stored message \(id) is unreadable (\(reason)); dead-letter or delete it by hand"
        case .schemaMissing(let path):
            return "database '\(path)' has no queue tables; "
                + "migrate it with QueueSchema (or register QueueSchema in the store's migrator)"
        }
    }

    /// Maps any error thrown inside a queue transaction to a ``QueueError``.
    static func wrap(_ error: any Error) -> QueueError {
        switch error {
        case let error as QueueError: return error
        case let error as SQLiteError: return .database(error)
        default: return .database(SQLiteError(code: .error, message: "unexpected error: \(error)", sql: nil))
        }
    }
}
