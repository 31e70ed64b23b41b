import Foundation
import Testing

/// `tminus demo`, the main job for now, run as a user runs it.
struct DemoEndToEndTests {
    @Test func demoPrintsMirrorsAndJournalAndExitsZero() throws {
        let result = try TestBinary.run(["demo"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Mirrors (canonical event"))
        #expect(result.stdout.contains("Journal (append-only)"))
        #expect(result.stdout.contains("unchanged 1, outbox +0"), "the redelivered delta must change nothing")
        #expect(result.stdout.contains("acc_google/g-review → acc_microsoft: PENDING, FULL \"Quarterly review\""))
        #expect(result.stdout.contains("acc_google/g-review → acc_caldav: PENDING, BUSY \"Busy\""))
        #expect(!result.stdout.contains("Dentist"), "a private event's title must never appear in a mirror")
        #expect(result.stderr.isEmpty)
    }

    @Test func sameSeedGivesByteIdenticalOutputInSeparateProcesses() throws {
        let first = try TestBinary.run(["demo", "--seed", "7"])
        let second = try TestBinary.run(["demo", "--seed", "7"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
    }

    @Test func demoWritesItsGraphToADatabaseFileWhenAsked() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tminus-demo-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let result = try TestBinary.run(["demo", "--database", path])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func badDatabasePathIsAClearErrorNotACrash() throws {
        let result = try TestBinary.run(["demo", "--database", "/nonexistent-dir/x/graph.sqlite"])
        #expect(result.exitedNormally)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("tminus: error: demo failed:"))
    }
}
