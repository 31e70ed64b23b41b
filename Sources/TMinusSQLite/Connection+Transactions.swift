extension Connection {
    /// Runs `body` in a transaction and returns its result: commits when `body` returns, rolls back when
    /// it throws.
    ///
    /// Called while a transaction is already open (from inside another `inTransaction`, or after a manual
    /// `BEGIN`), it runs `body` in a savepoint instead: a throw rolls back only this call's work and the
    /// outer transaction goes on. The `kind` of such an inner call is ignored.
    ///
    /// The error thrown is always the first one: the error from `body`, or from `COMMIT`/`RELEASE` when
    /// that fails. A failing rollback after it never replaces it.
    ///
    /// See <https://www.sqlite.org/lang_transaction.html> and <https://www.sqlite.org/lang_savepoint.html>.
    /// - Parameters:
    ///   - kind: How the outermost transaction takes its locks; `.immediate` (the default) for writes.
    ///   - body: The work; it may use this connection freely, including nested `inTransaction` calls.
    /// - Throws: What `body` throws, or an `SQLiteError` from `BEGIN`, `COMMIT` or `SAVEPOINT`.
    public func inTransaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction { return try inSavepoint(body) }
        try execute(kind.beginStatement, [])
        let result: T
        do {
            result = try body()
            try execute("COMMIT TRANSACTION", [])
        } catch {
            rollbackKeepingFirstError()
            throw error
        }
        return result
    }

    private func inSavepoint<T>(_ body: () throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        // One name per nesting depth: siblings at the same depth reuse it only after it was released.
        let name = "tminus_savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)", [])
        let result: T
        do {
            result = try body()
            try execute("RELEASE SAVEPOINT \(name)", [])
        } catch {
            rollbackToSavepointKeepingFirstError(name)
            throw error
        }
        return result
    }

    /// Rolls back the open transaction, if SQLite has not already done so, ignoring any failure so the
    /// caller can rethrow the error that caused the rollback.
    private func rollbackKeepingFirstError() {
        rollbackCount += 1
        guard isInTransaction else { return }
        try? execute("ROLLBACK TRANSACTION", [])
    }

    /// Undoes the work since `SAVEPOINT name` and removes the savepoint, ignoring any failure so the
    /// caller can rethrow the error that caused the rollback.
    private func rollbackToSavepointKeepingFirstError(_ name: String) {
        rollbackCount += 1
        guard isInTransaction else { return }
        try? execute("ROLLBACK TRANSACTION TO SAVEPOINT \(name)", [])
        try? execute("RELEASE SAVEPOINT \(name)", [])
    }
}
