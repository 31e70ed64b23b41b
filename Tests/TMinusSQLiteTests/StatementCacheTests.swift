import TMinusSQLite
import Testing

struct StatementCacheTests {
    @Test func repeatedStatementsArePreparedOnce() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (x)")
        let before = db.preparedStatementCount
        for value in 0..<10 {
            try db.execute("INSERT INTO t VALUES (?)", [.integer(Int64(value))])
            _ = try db.query("SELECT count(*) FROM t WHERE x >= ?", [0])
        }
        #expect(db.preparedStatementCount - before == 2)
        #expect(db.cachedStatementCount == 2)
        #expect(try db.scalar("SELECT count(*) FROM t WHERE x >= ?", [0], as: Int.self) == 10)
    }

    @Test func statementsThatDifferOnlyInTheMiddleGetTheirOwnStatements() throws {
        // The cache's key hashes only the ends of long SQL; texts equal there must still be told apart.
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (x, y)")
        try db.execute("INSERT INTO t VALUES (1, 2)")
        let padding = String(repeating: " ", count: 60)
        let first = "SELECT /* pad */ x\(padding) AS v FROM t WHERE 1 = 1\(padding) LIMIT 1"
        let second = "SELECT /* pad */ y\(padding) AS v FROM t WHERE 1 = 1\(padding) LIMIT 1"
        for _ in 0..<3 {
            #expect(try db.scalar(first, as: Int.self) == 1)
            #expect(try db.scalar(second, as: Int.self) == 2)
        }
        #expect(db.cachedStatementCount >= 2)
    }

    @Test func aStatementBuiltAgainAtRunTimeFindsTheCachedOne() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (x)")
        let before = db.preparedStatementCount
        for value in 0..<5 {
            let table = String("t".reversed())  // a new string each time, equal bytes
            try db.execute("INSERT INTO \(table) VALUES (?)", [.integer(Int64(value))])
        }
        #expect(db.preparedStatementCount - before == 1)
    }

    @Test func scriptsAreNotCached() throws {
        let db = try makeMemoryConnection()
        let before = db.cachedStatementCount
        try db.execute("CREATE TABLE t (x); CREATE TABLE u (y)")
        #expect(db.cachedStatementCount == before)
    }

    @Test func aFailedStatementIsEvictedAndPreparedAgainNextTime() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (x UNIQUE)")
        let insert = "INSERT INTO t VALUES (?)"
        try db.execute(insert, [1])
        let cachedBefore = db.cachedStatementCount
        let preparedBefore = db.preparedStatementCount
        #expect(throws: SQLiteError.self) { try db.execute(insert, [1]) }
        #expect(db.cachedStatementCount == cachedBefore - 1)
        try db.execute(insert, [2])
        #expect(db.preparedStatementCount == preparedBefore + 1)
        #expect(db.cachedStatementCount == cachedBefore)
    }

    @Test func aReusedStatementKeepsNoBindingsFromItsLastUse() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (a, b)")
        try db.execute("INSERT INTO t VALUES (?, ?)", [1, "x"])
        try db.execute("INSERT INTO t VALUES (?, ?)", [2, .null])
        let rows = try db.query("SELECT a, b FROM t ORDER BY a")
        #expect(rows.map { $0["b"] } == [.text("x"), .null])
    }

    @Test func statementsStillWorkAfterTheSchemaChanges() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (x)")
        _ = try db.query("SELECT * FROM t")
        try db.execute("ALTER TABLE t ADD COLUMN y")
        try db.execute("INSERT INTO t VALUES (1, 2)")
        #expect(try db.queryOne("SELECT * FROM t")?.columnNames == ["x", "y"])
    }

    @Test func aFullCacheStartsOverInsteadOfGrowing() throws {
        let db = try makeMemoryConnection()
        for number in 0..<256 { _ = try db.query("SELECT \(number)") }
        #expect(db.cachedStatementCount == 256)
        _ = try db.query("SELECT 'one more'")
        #expect(db.cachedStatementCount == 1)
    }

    @Test func closingFinalizesCachedStatements() throws {
        let db = try makeMemoryConnection()
        _ = try db.query("SELECT 1")
        #expect(db.cachedStatementCount == 1)
        db.close()
        #expect(db.cachedStatementCount == 0)
    }
}
