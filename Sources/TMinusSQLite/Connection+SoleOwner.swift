internal import CSQLite

/// What a sole-owner connection has changed so far: equal stamps taken at two moments mean that
/// nothing in the database changed in between (see ``Connection/changeStamp``).
public struct ChangeStamp: Hashable, Sendable {
    /// Rows inserted, updated or deleted through the connection, triggers included.
    let changedRows: Int64
    /// Transactions and savepoints rolled back through ``Connection/inTransaction(_:_:)``.
    let rollbacks: Int
}

extension Connection {
    /// A stamp of every change made to the database so far, or nil when another connection could
    /// change it too (``isSoleOwner`` is false) or the connection is closed.
    ///
    /// A caller that remembers a value read from the database together with the stamp of that
    /// moment may use the value again, without reading, as long as the stamp is the same: no row
    /// of any table was inserted, updated or deleted since (SQLite's count of changed rows includes
    /// the rows changed by triggers), and no transaction was rolled back (a rollback can bring an
    /// earlier state back without counting a change). Schema changes are not counted: callers
    /// remember rows, never the schema.
    ///
    /// The corresponding SQLite function is `sqlite3_total_changes64`.
    /// See <https://www.sqlite.org/c3ref/total_changes.html>.
    public var changeStamp: ChangeStamp? {
        guard isSoleOwner, let handle else { return nil }
        return ChangeStamp(changedRows: sqlite3_total_changes64(handle), rollbacks: rollbackCount)
    }

    /// Runs `body`, which only reads, so that all its statements see one state of the database.
    ///
    /// Another connection could commit between two statements, so the read runs in a deferred
    /// transaction, unless this connection is the database's sole owner (``isSoleOwner``): then
    /// nothing but `body` itself can change the database while it runs, so its statements run
    /// directly and see one state without the `BEGIN` and `COMMIT`. Inside an open transaction it
    /// runs directly too (it sees the transaction's state).
    /// - Throws: What `body` throws, or an `SQLiteError` from `BEGIN` or `COMMIT`.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        if isSoleOwner || isInTransaction { return try body() }
        return try inTransaction(.deferred, body)
    }
}
