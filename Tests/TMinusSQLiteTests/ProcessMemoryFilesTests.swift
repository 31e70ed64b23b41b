import Foundation
import TMinusSQLite
import Testing

/// The simulator's in-memory disk: databases kept in the process under paths, shared by the
/// connections that open them, surviving an abandoned connection, and gone once released.
struct ProcessMemoryFilesTests {
    /// A directory no other test uses.
    private static func directory(_ name: String) -> String { "/tminus-tests/process-memory/\(name)" }

    @Test func commitsSurviveAnAbandonedConnectionAndItsOpenTransactionDoesNot() throws {
        let directory = Self.directory("abandoned")
        defer { ProcessMemoryFiles.release(under: directory) }
        let path = directory + "/db.sqlite"
        let db = try Connection(path: path, options: .simulatorMemoryDisk)
        #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "memory")
        #expect(try db.scalar("PRAGMA locking_mode", as: String.self) == "exclusive")
        try db.execute("CREATE TABLE t (x)")
        for value in 1...20 {
            try db.inTransaction { try db.execute("INSERT INTO t VALUES (?)", [.integer(Int64(value))]) }
        }
        try db.execute("BEGIN IMMEDIATE")
        try db.execute("INSERT INTO t VALUES (?)", [21])
        db.abandonForCrashTest()
        #expect(ProcessMemoryFiles.contains(path))
        #expect(!FileManager.default.fileExists(atPath: path), "nothing is written to the file system")
        let reopened = try Connection(path: path, options: .simulatorMemoryDisk)
        defer { reopened.close() }
        #expect(try reopened.scalar("SELECT count(*) FROM t", as: Int.self) == 20)
        #expect(try reopened.scalar("PRAGMA integrity_check", as: String.self) == "ok")
    }

    @Test func releasingADirectoryDropsItsDatabasesOnly() throws {
        let (first, second) = (Self.directory("release-a"), Self.directory("release-b"))
        defer { ProcessMemoryFiles.release(under: second) }
        for directory in [first, second] {
            let db = try Connection(path: directory + "/db.sqlite", options: .simulatorMemoryDisk)
            try db.execute("CREATE TABLE t (x)")
            db.close()
        }
        #expect(ProcessMemoryFiles.release(under: first) == 1)
        #expect(!ProcessMemoryFiles.contains(first + "/db.sqlite"))
        let fresh = try Connection(path: first + "/db.sqlite", options: .simulatorMemoryDisk)
        #expect(try fresh.scalar("SELECT count(*) FROM sqlite_master", as: Int.self) == 0, "a new, empty database")
        fresh.close()
        ProcessMemoryFiles.release(under: first)
        let kept = try Connection(path: second + "/db.sqlite", options: .simulatorMemoryDisk)
        defer { kept.close() }
        #expect(try kept.scalar("SELECT count(*) FROM sqlite_master", as: Int.self) == 1)
    }

    @Test func pathsWithURICharactersNameTheirOwnDatabases() throws {
        let directory = Self.directory("uri chars")
        defer { ProcessMemoryFiles.release(under: directory) }
        let names = ["a b.sqlite", "a%20b.sqlite", "q?x=1.sqlite", "h#1.sqlite", "ü.sqlite"]
        for (index, name) in names.enumerated() {
            let db = try Connection(path: directory + "/" + name, options: .simulatorMemoryDisk)
            try db.execute("CREATE TABLE t (x)")
            try db.execute("INSERT INTO t VALUES (?)", [.integer(Int64(index))])
            db.close()
        }
        for (index, name) in names.enumerated() {
            let db = try Connection(path: directory + "/" + name, options: .simulatorMemoryDisk)
            #expect(try db.scalar("SELECT x FROM t", as: Int.self) == index, "\(name)")
            db.close()
        }
        #expect(ProcessMemoryFiles.release(under: directory) == names.count)
    }

    @Test func relativePathsAndWriteAheadLogsAreRefused() {
        #expect(throws: SQLiteError.self) { _ = try Connection(path: "db.sqlite", options: .simulatorMemoryDisk) }
        var wal = ConnectionOptions.soleOwnerProcessCrashSafe
        wal.inProcessMemory = true
        do {
            _ = try Connection(path: Self.directory("wal") + "/db.sqlite", options: wal)
            Issue.record("a write-ahead log in memory was accepted")
        } catch {
            #expect(error.code == .misuse)
            #expect(error.message.contains("crashBetweenCalls"))
        }
        #expect(!ProcessMemoryFiles.contains(Self.directory("wal") + "/db.sqlite"))
    }
}
