import Foundation
import TMinusSQLite
import Testing

/// A connection that owns its database alone knows every change made to it (`changeStamp`) and
/// reads without a transaction (`reading`); a shared one does neither.
struct SoleOwnerTests {
    private struct Abort: Error {}

    private func table(_ db: Connection) throws {
        try db.execute(
            """
            CREATE TABLE t (x INTEGER);
            CREATE TABLE audit (n INTEGER);
            CREATE TRIGGER t_audit AFTER INSERT ON t BEGIN INSERT INTO audit VALUES (new.x); END;
            """)
    }

    @Test func theStampMovesWithEveryChangeAndRollbackAndNotWithReads() throws {
        let db = try Connection(path: ":memory:")
        try table(db)
        let start = try #require(db.changeStamp)
        _ = try db.query("SELECT * FROM t")
        _ = try db.reading { try db.scalar("SELECT count(*) FROM t", as: Int.self) }
        #expect(db.changeStamp == start)
        try db.execute("INSERT INTO t VALUES (?)", [1])
        let afterInsert = try #require(db.changeStamp)
        #expect(afterInsert != start)
        try db.execute("UPDATE t SET x = 2 WHERE x = 99", [])
        #expect(db.changeStamp == afterInsert, "a statement that changed no row changes nothing")
        _ = try? db.inTransaction {
            try db.execute("DELETE FROM t", [])
            throw Abort()
        }
        let afterRollback = try #require(db.changeStamp)
        #expect(afterRollback != afterInsert)
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 1)
        try db.execute("UPDATE audit SET n = n", [])
        #expect(db.changeStamp != afterRollback)
    }

    @Test func aSharedFileHasNoStampAndReadsInADeferredTransaction() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("shared.sqlite").path
            let db = try Connection(path: path)
            defer { db.close() }
            #expect(!db.isSoleOwner)
            #expect(db.changeStamp == nil)
            var sql: [String] = []
            db.sqlRecorder = { sql.append($0) }
            _ = try db.reading { try db.scalar("SELECT 1", as: Int.self) }
            #expect(sql == ["BEGIN DEFERRED TRANSACTION", "SELECT 1", "COMMIT TRANSACTION"])
        }
    }

    @Test func anExclusiveFileHasAStampAndReadsWithoutATransaction() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("sole.sqlite").path
            let db = try Connection(path: path, options: .soleOwnerProcessCrashSafe)
            defer { db.close() }
            #expect(db.isSoleOwner)
            #expect(db.changeStamp != nil)
            var sql: [String] = []
            db.sqlRecorder = { sql.append($0) }
            _ = try db.reading { try db.scalar("SELECT 1", as: Int.self) }
            #expect(sql == ["SELECT 1"])
        }
    }
}
