import Foundation
import TMinusSQLite
import Testing

/// What each `ConnectionOptions` choice sets, and that the faster one still keeps every commit
/// across a process crash.
struct ConnectionOptionsTests {
    private func pragmas(of db: Connection) throws -> (synchronous: Int?, lockingMode: String?) {
        (try db.scalar("PRAGMA synchronous", as: Int.self), try db.scalar("PRAGMA locking_mode", as: String.self))
    }

    /// Opens `path` with `options`, expects the exclusive lock and `synchronous` (0 OFF, 1 NORMAL),
    /// and commits the values 1 to 50 into a table `t`, one transaction each.
    private func openExclusiveWithFiftyCommits(
        _ path: String, options: ConnectionOptions, synchronous expected: Int
    ) throws -> Connection {
        let db = try Connection(path: path, options: options)
        let (synchronous, lockingMode) = try pragmas(of: db)
        #expect(synchronous == expected)
        #expect(lockingMode == "exclusive")
        try db.execute("CREATE TABLE t (x)")
        for value in 1...50 {
            try db.inTransaction { try db.execute("INSERT INTO t VALUES (?)", [.integer(Int64(value))]) }
        }
        return db
    }

    @Test func standardOptionsSyncEveryCommitAndShareTheFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("standard.sqlite").path
            let db = try Connection(path: path)
            defer { db.close() }
            let (synchronous, lockingMode) = try pragmas(of: db)
            #expect(synchronous == 2, "FULL")
            #expect(lockingMode == "normal")
            try db.execute("CREATE TABLE t (x)")
            try db.inTransaction { try db.execute("INSERT INTO t VALUES (?)", [1]) }
            let other = try Connection(path: path)
            defer { other.close() }
            #expect(try other.scalar("SELECT count(*) FROM t", as: Int.self) == 1)
        }
    }

    @Test func soleOwnerOptionsSyncAtCheckpointsLockExclusivelyAndKeepCommitsAcrossAnAbandonedConnection()
        throws
    {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("sole.sqlite").path
            let db = try openExclusiveWithFiftyCommits(path, options: .soleOwnerProcessCrashSafe, synchronous: 1)
            try db.execute("BEGIN IMMEDIATE")
            try db.execute("INSERT INTO t VALUES (?)", [51])
            #expect(!FileManager.default.fileExists(atPath: path + "-shm"), "the WAL index stays in memory")
            db.abandonForCrashTest()
            let reopened = try Connection(path: path, options: .soleOwnerProcessCrashSafe)
            defer { reopened.close() }
            #expect(try reopened.scalar("SELECT count(*) FROM t", as: Int.self) == 50)
        }
    }

    @Test func simulatorOptionsJournalInMemoryKeepCommitsAndDropTheOpenTransactionOfAnAbandonedConnection()
        throws
    {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("simulated.sqlite").path
            let db = try openExclusiveWithFiftyCommits(path, options: .simulatorSoleOwner, synchronous: 0)
            #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "memory")
            // A rollback still undoes (the undo log is in memory, not absent).
            #expect(throws: SQLiteError.self) {
                try db.inTransaction {
                    try db.execute("INSERT INTO t VALUES (?)", [99])
                    try db.execute("INSERT INTO missing VALUES (1)")
                }
            }
            // An open transaction big enough to spill pages into the file is undone by abandoning.
            let committedSize = try fileSize(path)
            try db.execute("PRAGMA cache_size = 2")
            try db.execute("BEGIN IMMEDIATE")
            for value in 100..<2_100 {
                try db.execute("INSERT INTO t VALUES (?)", [.text(String(repeating: "x", count: 64) + "\(value)")])
            }
            #expect(try fileSize(path) > committedSize, "the open transaction spilled pages into the file")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "no write-ahead log")
            #expect(!FileManager.default.fileExists(atPath: path + "-journal"), "no journal file")
            db.abandonForCrashTest()
            let reopened = try Connection(path: path, options: .simulatorSoleOwner)
            defer { reopened.close() }
            #expect(try reopened.scalar("SELECT count(*) FROM t", as: Int.self) == 50)
            #expect(try reopened.scalar("SELECT sum(x) FROM t", as: Int.self) == 1_275)
            #expect(try reopened.scalar("PRAGMA integrity_check", as: String.self) == "ok")
        }
    }

    private func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }

    @Test func inMemoryDatabasesIgnoreTheOptions() throws {
        let db = try Connection(path: ":memory:", options: .soleOwnerProcessCrashSafe)
        defer { db.close() }
        #expect(try pragmas(of: db).lockingMode == "normal")
    }
}
