/// A connection's prepared statements, keyed by their SQL text (byte for byte, ``SQLKey``), so a store that runs the same few
/// statements many times prepares each once.
///
/// A statement that failed is evicted (the next use prepares it afresh), and the cache is emptied when it
/// reaches `capacity`, so dynamically built SQL cannot grow it without bound. Emptying is all-or-nothing,
/// which keeps behaviour independent of dictionary order.
struct StatementCache {
    /// The most statements kept at once.
    let capacity: Int
    private var statements: [SQLKey: Statement] = [:]

    /// Creates an empty cache holding at most `capacity` statements.
    init(capacity: Int) {
        precondition(capacity > 0, "statement cache capacity must be positive")
        self.capacity = capacity
    }

    /// The number of cached statements.
    var count: Int { statements.count }

    /// The statement prepared for exactly `sql`, if cached.
    func statement(for sql: String) -> Statement? { statements[SQLKey(sql)] }

    /// Caches `statement` under `sql`, first emptying the cache if it is full.
    mutating func insert(_ statement: Statement, for sql: String) {
        if statements.count >= capacity { statements.removeAll() }
        statements[SQLKey(sql)] = statement
    }

    /// Drops the statement for `sql` (finalized once no call uses it any more).
    mutating func evict(_ sql: String) { statements[SQLKey(sql)] = nil }

    /// Drops every statement, finalizing them.
    mutating func removeAll() { statements.removeAll() }
}
