import Foundation
import TMinusSQLite
import Testing

/// The basis of durability invariant L: what a crash leaves is exactly the committed transactions.
struct CrashTests {
    private func count(in path: String) throws -> Int {
        let reopened = try Connection(path: path)
        defer { reopened.close() }
        return try reopened.scalar("SELECT count(*) FROM t", as: Int.self) ?? -1
    }

    @Test func abandoningMidTransactionLeavesNothingOfItAfterReopening() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("crash.sqlite").path
            let db = try Connection(path: path)
            try db.execute("CREATE TABLE t (x)")
            try db.inTransaction { try db.execute("INSERT INTO t VALUES (?)", [1]) }
            try db.execute("BEGIN IMMEDIATE")
            for value in 2...500 {
                try db.execute("INSERT INTO t VALUES (?)", [.blob(Array(repeating: UInt8(value % 256), count: 512))])
            }
            db.abandonForCrashTest()
            #expect(db.isClosed)
            #expect(FileManager.default.fileExists(atPath: path + "-wal"), "the WAL is left for recovery")
            #expect(try count(in: path) == 1)
        }
    }

    @Test func abandoningInsideInTransactionFailsTheCommitAndKeepsEarlierCommits() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("crash.sqlite").path
            let db = try Connection(path: path)
            try db.execute("CREATE TABLE t (x)")
            for value in 1...3 {
                try db.inTransaction { try db.execute("INSERT INTO t VALUES (?)", [.integer(Int64(value))]) }
            }
            let error = #expect(throws: SQLiteError.self) {
                try db.inTransaction {
                    try db.execute("INSERT INTO t VALUES (?)", [4])
                    db.abandonForCrashTest()
                }
            }
            #expect(error?.code == .misuse)
            #expect(try count(in: path) == 3)
        }
    }

    @Test func committedWorkSurvivesAnAbandonedConnection() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("crash.sqlite").path
            let db = try Connection(path: path)
            try db.execute("CREATE TABLE t (x)")
            try db.inTransaction {
                for value in 1...100 { try db.execute("INSERT INTO t VALUES (?)", [.integer(Int64(value))]) }
            }
            db.abandonForCrashTest()
            #expect(try count(in: path) == 100)
        }
    }

    @Test func aSecondConnectionSeesOnlyCommittedWork() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("readers.sqlite").path
            let writer = try Connection(path: path)
            try writer.execute("CREATE TABLE t (x)")
            let reader = try Connection(path: path)
            try writer.execute("BEGIN IMMEDIATE")
            try writer.execute("INSERT INTO t VALUES (?)", [1])
            #expect(try reader.scalar("SELECT count(*) FROM t", as: Int.self) == 0)
            try writer.execute("COMMIT")
            #expect(try reader.scalar("SELECT count(*) FROM t", as: Int.self) == 1)
        }
    }
}
