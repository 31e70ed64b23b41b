import Foundation
import TMinusCore
import TMinusStore

/// One construction point for store tests: a fresh in-memory graph on a fixed environment.
enum StoreFixtures {
    static let start = Timestamp(secondsSinceEpoch: 1_772_438_400)  // 2026-03-02T08:00:00Z

    static func environment(seed: UInt64 = 1) -> Environment {
        Environment.deterministic(seed: seed, start: start)
    }

    /// A graph with accounts `acc_a`, `acc_b`, `acc_c` linked, default BUSY edges between all pairs.
    static func graph(
        seed: UInt64 = 1, accounts: [String] = ["acc_a", "acc_b", "acc_c"], path: String = ":memory:"
    ) throws -> UserGraphStore {
        let store = try UserGraphStore(userID: "usr_test", path: path, environment: environment(seed: seed))
        for (index, account) in accounts.enumerated() {
            try store.linkAccount(account, provider: ProviderKind.allCases[index % 3])
        }
        return store
    }

    static func timed(_ hourOffset: Int64, minutes: Int64 = 60, title: String? = "Standup") -> EventContent {
        let begin = start.adding(.seconds(hourOffset * 3600))
        return EventContent(
            title: title, description: "Agenda: roadmap", location: "Room 4",
            start: .timed(begin, timeZone: "Europe/Berlin"), end: .timed(begin.adding(.seconds(minutes * 60)), timeZone: "Europe/Berlin"))
    }

    static func delta(
        _ id: String, _ content: EventContent?, kind: ProviderEventDelta.Kind = .updated, calendar: String = "primary",
        markers: MarkerEvidence = .none
    ) -> ProviderEventDelta {
        ProviderEventDelta(kind: kind, providerEventID: id, calendarID: calendar, content: content, markers: markers)
    }

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tminus-store-tests", isDirectory: true)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("\(name)-\(ProcessInfo.processInfo.processIdentifier).sqlite").path
        removeDatabase(path)
        return path
    }

    static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
