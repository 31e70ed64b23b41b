import Foundation
import TMinusCore
import TMinusSQLite
import TMinusStore

/// `tminus bench core`: provider deltas applied per second through the user graph (each projected
/// over 4 outgoing edges), against the raw SQLite inserts those deltas require, in the same run and
/// on the same kind of database file. A benchmark, never a test: it reports, it does not fail.
struct CoreBenchmark {
    let deltas: Int
    let batchSize: Int
    let rounds: Int

    /// Five linked accounts with all-pairs edges: every origin projects to 4 targets.
    static let accounts = ["acc_1", "acc_2", "acc_3", "acc_4", "acc_5"]

    struct Measurement {
        var seconds: Double
        var rate: Double
    }

    func run() throws -> (engine: Measurement, raw: Measurement) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tminus-bench-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Alternate the two measurements and keep the best of each, so load from other processes on
        // the machine (a shared 2-core box) distorts the ratio as little as possible.
        var engine = Measurement(seconds: .infinity, rate: 0)
        var raw = Measurement(seconds: .infinity, rate: 0)
        for round in 0..<rounds {
            let graphPath = directory.appendingPathComponent("graph-\(round).sqlite").path
            let rawPath = directory.appendingPathComponent("raw-\(round).sqlite").path
            let e = try measureEngine(path: graphPath)
            let r = try measureRaw(path: rawPath)
            if e.rate > engine.rate { engine = e }
            if r.rate > raw.rate { raw = r }
        }
        return (engine, raw)
    }

    private func content(_ index: Int, start: Timestamp) -> EventContent {
        let begin = start.adding(.seconds(Int64(index % 5000) * 1800))
        return EventContent(
            title: "Event \(index)", description: "Notes for \(index)", location: "Room \(index % 17)",
            start: .timed(begin, timeZone: "Europe/Berlin"),
            end: .timed(begin.adding(.seconds(1800)), timeZone: "Europe/Berlin"))
    }

    private func measureEngine(path: String) throws -> Measurement {
        let start = Timestamp(secondsSinceEpoch: 1_772_438_400)
        let environment = Environment.deterministic(seed: 1, start: start)
        let graph = try UserGraphStore(userID: "usr_bench", path: path, environment: environment)
        for (index, account) in Self.accounts.enumerated() {
            try graph.linkAccount(account, provider: ProviderKind.allCases[index % 3])
        }
        let batches = stride(from: 0, to: deltas, by: batchSize).map { first in
            (first..<min(deltas, first + batchSize)).map { i in
                ProviderEventDelta(
                    kind: .created, providerEventID: "e\(i)", calendarID: "primary", content: content(i, start: start))
            }
        }
        let clock = ContinuousClock()
        let began = clock.now
        for (index, batch) in batches.enumerated() {
            _ = try graph.applyProviderDeltas(accountID: Self.accounts[index % Self.accounts.count], batch)
        }
        return measurement(clock.now - began)
    }

    /// The rows one delta needs: 1 canonical event, 1 journal entry, 4 mirror rows, 4 outbox entries.
    /// `path` may be `:memory:` (SQLite's in-memory database): `bench world`'s baseline uses it so
    /// that it measures the machine's CPU, not its disk.
    func measureRaw(path: String) throws -> Measurement {
        let db = try Connection(path: path)
        try db.execute(
            """
            CREATE TABLE canonical_events (id TEXT PRIMARY KEY, origin TEXT, oid TEXT, title TEXT, description TEXT,
                location TEXT, start_at INTEGER, end_at INTEGER, authority TEXT, UNIQUE (origin, oid));
            CREATE TABLE event_journal (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, event TEXT, patch TEXT);
            CREATE TABLE event_mirrors (event TEXT, target TEXT, hash TEXT, state TEXT, PRIMARY KEY (event, target));
            CREATE TABLE outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, payload TEXT);
            """)
        let payload = String(repeating: "p", count: 420)
        let clock = ContinuousClock()
        let began = clock.now
        for first in stride(from: 0, to: deltas, by: batchSize) {
            try db.inTransaction(.immediate) {
                for i in first..<min(deltas, first + batchSize) {
                    let id = "evt_\(i)"
                    try db.execute(
                        "INSERT INTO canonical_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            .text(id), "acc_1", .text("e\(i)"), .text("Event \(i)"), "Notes", "Room",
                            .integer(Int64(i)), .integer(Int64(i) + 1), "{}",
                        ])
                    try db.execute(
                        "INSERT INTO event_journal (id, event, patch) VALUES (?, ?, ?)",
                        [.text("jrn_\(i)"), .text(id), "{}"])
                    for target in 0..<4 {
                        try db.execute(
                            "INSERT INTO event_mirrors VALUES (?, ?, ?, 'PENDING')",
                            [.text(id), .text("acc_\(target)"), "hash"])
                        try db.execute(
                            "INSERT INTO outbox (id, payload) VALUES (?, ?)",
                            [.text("obx_\(i)_\(target)"), .text(payload)])
                    }
                }
            }
        }
        return measurement(clock.now - began)
    }

    private func measurement(_ elapsed: Duration) -> Measurement {
        let (seconds, attoseconds) = elapsed.components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        return Measurement(seconds: total, rate: Double(deltas) / max(total, 1e-9))
    }
}
