import TMinusSQLite

/// Values read from a database that one connection owns alone, remembered while nothing in the
/// database changed (``Connection/changeStamp``), so a row read again and again between changes
/// (an account's registration, read for every message handled) is read from SQLite once.
///
/// Guarantees: a value is returned only when no row of the database was inserted, updated or
/// deleted and no transaction was rolled back since it was read, so it is exactly what reading
/// again would return. On a connection that others may share (no change stamp) every call reads.
struct StampedMemo<Key: Hashable, Value> {
    private var stamp: ChangeStamp?
    private var values: [Key: Value] = [:]

    /// The value for `key`: remembered, or read with `read` (which must not change the database).
    mutating func value<E: Error>(
        for key: Key, on db: Connection, read: () throws(E) -> Value
    ) throws(E) -> Value {
        guard let now = db.changeStamp else { return try read() }
        if now != stamp {
            values.removeAll(keepingCapacity: true)
            stamp = now
        }
        if let value = values[key] { return value }
        let value = try read()
        values[key] = value
        return value
    }
}

/// One value read from a database that one connection owns alone (every registration, say),
/// remembered while nothing in the database changed: a ``StampedMemo`` with a single entry, with
/// the same guarantees.
struct StampedValue<Value> {
    private enum Only: Hashable { case value }
    private var memo = StampedMemo<Only, Value>()

    /// The value: remembered, or read with `read` (which must not change the database).
    mutating func value<E: Error>(on db: Connection, read: () throws(E) -> Value) throws(E) -> Value {
        try memo.value(for: .value, on: db, read: read)
    }
}
