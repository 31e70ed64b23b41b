import Foundation
import Synchronization
import Testing

@testable import TMinusSQLite

/// Bringing an empty database up to date from the image of the first one: the same bytes, each
/// migration run once per process, and never on a database that is not empty or not copyable.
struct FreshImagesTests {
    /// Counts how often the migrations of a test ran.
    private final class Runs: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
    }

    /// A migrator with a table, an index, a trigger and a row, named uniquely for `test` (the
    /// images are kept per process, keyed by identifiers).
    private func migrator(_ test: String, reusing: Bool, runs: Runs, failSecond: Bool = false) -> Migrator {
        var migrator = Migrator()
        migrator.reusesFreshImages = reusing
        migrator.register("\(test)-0001") { db in
            runs.count.withLock { $0 += 1 }
            try db.execute(
                """
                CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                CREATE INDEX items_by_name ON items (name);
                CREATE TABLE item_count (n INTEGER NOT NULL);
                INSERT INTO item_count VALUES (0);
                CREATE TRIGGER items_counted AFTER INSERT ON items BEGIN UPDATE item_count SET n = n + 1; END;
                """)
        }
        migrator.register("\(test)-0002") { db in
            runs.count.withLock { $0 += 1 }
            if failSecond { throw SQLiteError(code: .error, message: "planned failure") }
            try db.execute("ALTER TABLE items ADD COLUMN note TEXT")
        }
        return migrator
    }

    @Test func aSecondEmptyDatabaseIsCopiedFromTheFirstAndEqualsOneMigratedStepByStep() throws {
        let runs = Runs()
        let reusing = migrator(#function, reusing: true, runs: runs)
        let first = try Connection(path: ":memory:")
        try reusing.migrate(first)
        #expect(runs.value == 2)
        let second = try Connection(path: ":memory:")
        try reusing.migrate(second)
        #expect(runs.value == 2, "the second database was copied, not migrated")

        let plain = try Connection(path: ":memory:")
        try migrator(#function, reusing: false, runs: Runs()).migrate(plain)
        let (copied, migrated) = (try second.serializedImage(), try plain.serializedImage())
        #expect(copied.count == migrated.count)
        let differing = zip(copied, migrated).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        // Every page is the same; only the schema cookie (header bytes 40–43) differs: the backup
        // bumps it so that statements prepared against the old schema are prepared again.
        #expect(differing.allSatisfy { (40..<44).contains($0) }, "bytes differ at \(differing.prefix(40))")
        #expect(!copied.isEmpty && copied.count % 4096 == 0)
        #expect(try reusing.appliedIdentifiers(in: second) == ["\(#function)-0001", "\(#function)-0002"])
        // The copy works like the original: its trigger fires, its new column is there.
        try second.execute("INSERT INTO items (name, note) VALUES (?, ?)", [.text("a"), .text("n")])
        #expect(try second.scalar("SELECT n FROM item_count", as: Int.self) == 1)
        #expect(try first.scalar("SELECT n FROM item_count", as: Int.self) == 0, "databases share nothing")
    }

    @Test func aSimulatorFileIsCopiedAndKeepsWhatIsWrittenAfterwards() throws {
        let runs = Runs()
        let reusing = migrator(#function, reusing: true, runs: runs)
        try withTemporaryDirectory { directory in
            for name in ["a", "b"] {
                let path = directory.appendingPathComponent("\(name).sqlite").path
                let db = try Connection(path: path, options: .simulatorSoleOwner)
                try reusing.migrate(db)
                try db.inTransaction { try db.execute("INSERT INTO items (name) VALUES (?)", [.text(name)]) }
                db.abandonForCrashTest()
                let reopened = try Connection(path: path, options: .simulatorSoleOwner)
                defer { reopened.close() }
                try reusing.migrate(reopened)
                #expect(try reopened.scalar("SELECT group_concat(name) FROM items", as: String.self) == name)
                #expect(try reopened.scalar("PRAGMA integrity_check", as: String.self) == "ok")
            }
        }
        #expect(runs.value == 2, "only the first file ran the migrations")
    }

    @Test func databasesThatAreNotEmptyOrNotCopyableAreMigratedStepByStep() throws {
        let runs = Runs()
        let reusing = migrator(#function, reusing: true, runs: runs)
        try reusing.migrate(try Connection(path: ":memory:"))
        #expect(runs.value == 2)
        let notEmpty = try Connection(path: ":memory:")
        try notEmpty.execute("CREATE TABLE other (x)")
        try reusing.migrate(notEmpty)
        #expect(runs.value == 4)
        #expect(try notEmpty.scalar("SELECT count(*) FROM other", as: Int.self) == 0, "nothing was overwritten")
        try withTemporaryDirectory { directory in
            let wal = try Connection(path: directory.appendingPathComponent("wal.sqlite").path)
            defer { wal.close() }
            #expect(!wal.takesImages)
            try reusing.migrate(wal)
        }
        #expect(runs.value == 6, "a WAL database is never copied whole")
    }

    @Test func aFailedMigrationKeepsNoImage() throws {
        let runs = Runs()
        let failing = migrator(#function, reusing: true, runs: runs, failSecond: true)
        #expect(throws: SQLiteError.self) { try failing.migrate(try Connection(path: ":memory:")) }
        #expect(FreshImages.shared.image(for: failing.identifiers) == nil)
        #expect(throws: SQLiteError.self) { try failing.migrate(try Connection(path: ":memory:")) }
        #expect(runs.value == 4, "each attempt ran the migrations")
    }
}
