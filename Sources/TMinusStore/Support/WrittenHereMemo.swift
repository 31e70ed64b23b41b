import TMinusSQLite

/// What a store read from a table that only its own methods write, remembered until one of them
/// writes it again, on a connection that owns its file alone (``Connection/isSoleOwner``).
///
/// Guarantees: the value is used only while the connection rolled nothing back since it was
/// remembered (a rollback could undo the write it came from); every method that writes the table
/// calls ``forget()`` (or ``remember(_:on:)`` with what it stored once the write succeeded). On a
/// shared connection, which another could write, nothing is remembered and every call reads.
struct WrittenHereMemo<Value> {
    private var known: Value?
    private var rollbacks = 0

    /// The remembered value, or the one `read` returns (which must not change the database).
    mutating func value<E: Error>(on db: Connection, read: () throws(E) -> Value) throws(E) -> Value {
        if let known, rollbacks == db.rollbackCount { return known }
        let value = try read()
        remember(value, on: db)
        return value
    }

    /// Remembers `value` as the table's current content.
    mutating func remember(_ value: Value, on db: Connection) {
        known = db.isSoleOwner ? value : nil
        rollbacks = db.rollbackCount
    }

    /// Forgets the value: the table is being written.
    mutating func forget() { known = nil }
}
