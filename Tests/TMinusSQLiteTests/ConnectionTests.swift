import Foundation
import TMinusSQLite
import Testing

struct ConnectionTests {
    @Test func opensAnInMemoryDatabaseForMemoryPathAndEmptyPath() throws {
        for path in [":memory:", ""] {
            let db = try Connection(path: path)
            #expect(db.path == path)
            #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "memory")
            #expect(try db.scalar("SELECT 1 + 1", as: Int.self) == 2)
        }
    }

    @Test func enablesForeignKeys() throws {
        let db = try makeMemoryConnection()
        #expect(try db.scalar("PRAGMA foreign_keys", as: Bool.self) == true)
    }

    @Test func fileDatabaseIsInWALModeWithFullSync() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("wal.sqlite").path
            let db = try Connection(path: path)
            #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "wal")
            #expect(try db.scalar("PRAGMA synchronous", as: Int.self) == 2)
            try db.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
            #expect(FileManager.default.fileExists(atPath: path + "-wal"))
            db.close()
        }
    }

    @Test func openingAMissingDirectoryThrowsCantOpen() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("missing/dir/db.sqlite").path
            let error = #expect(throws: SQLiteError.self) { try Connection(path: path) }
            #expect(error?.code == .cantopen)
            #expect(error?.message.contains("missing/dir/db.sqlite") == true)
        }
    }

    @Test func openingAFileThatIsNotADatabaseThrowsNotADB() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("text.sqlite")
            try Data(repeating: 0x41, count: 4096).write(to: url)
            let error = #expect(throws: SQLiteError.self) { try Connection(path: url.path) }
            #expect(error?.code == .notadb)
        }
    }

    @Test func closedConnectionThrowsMisuseAndCloseIsIdempotent() throws {
        let db = try makeMemoryConnection()
        #expect(!db.isClosed)
        db.close()
        db.close()
        #expect(db.isClosed)
        #expect(!db.isInTransaction)
        #expect(db.changes == 0)
        #expect(db.lastInsertRowID == 0)
        for run in [
            { try db.execute("SELECT 1") }, { try db.execute("SELECT ?", [1]) }, { _ = try db.query("SELECT 1") },
        ] {
            let error = #expect(throws: SQLiteError.self) { try run() }
            #expect(error?.code == .misuse)
        }
    }

    @Test func executeRunsEveryStatementOfAScript() throws {
        let db = try makeMemoryConnection()
        try db.execute(
            """
            -- a comment before
            CREATE TABLE t (x INTEGER);
            INSERT INTO t VALUES (1); INSERT INTO t VALUES (2);
            /* a trailing comment */
            """)
        #expect(try db.scalar("SELECT sum(x) FROM t", as: Int.self) == 3)
    }

    @Test func scriptStopsAtTheFirstFailingStatement() throws {
        let db = try makeMemoryConnection()
        let error = #expect(throws: SQLiteError.self) {
            try db.execute("CREATE TABLE t (x); INSERT INTO nope VALUES (1); INSERT INTO t VALUES (1)")
        }
        #expect(error?.code == .error)
        #expect(error?.message.contains("nope") == true)
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 0)
    }

    @Test func executeWithArgumentsRefusesMoreThanOneStatement() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (x)")
        for sql in ["INSERT INTO t VALUES (?); INSERT INTO t VALUES (2)", "INSERT INTO t VALUES (?); garbage"] {
            let error = #expect(throws: SQLiteError.self) { try db.execute(sql, [1]) }
            #expect(error?.code == .misuse)
        }
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 0)
        // A trailing semicolon or comment is not a second statement.
        try db.execute("INSERT INTO t VALUES (?); -- done", [1])
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 1)
    }

    @Test func emptySQLWithArgumentsIsMisuse() throws {
        let db = try makeMemoryConnection()
        let error = #expect(throws: SQLiteError.self) { try db.execute("  -- nothing", []) }
        #expect(error?.code == .misuse)
    }

    @Test func wrongArgumentCountThrowsRange() throws {
        let db = try makeMemoryConnection()
        let error = #expect(throws: SQLiteError.self) { try db.query("SELECT ?, ?", [1]) }
        #expect(error?.code == .range)
        #expect(error?.message.contains("2 argument(s) but 1") == true)
    }

    @Test func queryOneAndScalarHandleEmptyResults() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (x)")
        #expect(try db.queryOne("SELECT x FROM t") == nil)
        #expect(try db.scalar("SELECT x FROM t", as: Int.self) == nil)
        try db.execute("INSERT INTO t VALUES (NULL)")
        #expect(try db.scalar("SELECT x FROM t", as: Int.self) == nil)
        let error = #expect(throws: SQLiteError.self) { try db.scalar("SELECT 'text' AS label", as: Int.self) }
        #expect(error?.code == .mismatch)
        #expect(error?.message.contains("label") == true)
    }

    @Test func queryReturnsAllRowsInOrderWithColumnNames() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)")
        for name in ["a", "b", "c"] { try db.execute("INSERT INTO t (name) VALUES (?)", [.text(name)]) }
        let rows = try db.query("SELECT id, name FROM t WHERE id >= ? ORDER BY id", [2])
        #expect(rows.map(\.columnNames) == [["id", "name"], ["id", "name"]])
        #expect(try rows.map { try $0.get("name", as: String.self) } == ["b", "c"])
    }

    @Test func changesAndLastInsertRowIDReportTheLastStatement() throws {
        let db = try makeMemoryConnection()
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x)")
        try db.execute("INSERT INTO t (x) VALUES (?)", [10])
        #expect(db.lastInsertRowID == 1)
        try db.execute("INSERT INTO t (x) VALUES (?)", [20])
        #expect(db.lastInsertRowID == 2)
        #expect(db.changes == 1)
        try db.execute("UPDATE t SET x = x + 1", [])
        #expect(db.changes == 2)
    }

    @Test func sqlRecorderSeesEveryStatementWithPlaceholdersOnly() throws {
        let db = try makeMemoryConnection()
        var recorded: [String] = []
        db.sqlRecorder = { recorded.append($0) }
        try db.execute("CREATE TABLE t (x);  INSERT INTO t VALUES (1)")
        try db.execute("INSERT INTO t VALUES (?)", [.text(secretUserText)])
        _ = try db.query("SELECT x FROM t")
        #expect(
            recorded == [
                "CREATE TABLE t (x);", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (?)", "SELECT x FROM t",
            ])
        db.sqlRecorder = nil
        _ = try db.query("SELECT x FROM t")
        #expect(recorded.count == 4)
    }
}
