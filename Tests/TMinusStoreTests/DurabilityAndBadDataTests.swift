import TMinusCore
import TMinusSQLite
import TMinusStore
import Testing

struct DurabilityAndBadDataTests {
    /// Counts of canonical, journal, outbox and mirror rows, read through a fresh connection.
    static func rowCounts(_ path: String) throws -> [Int64] {
        let db = try Connection(path: path)
        defer { db.close() }
        return try ["canonical_events", "event_journal", "outbox", "event_mirrors"].map {
            try db.scalar("SELECT COUNT(*) FROM \($0)", as: Int64.self) ?? -1
        }
    }

    @Test func crashBeforeCommitLeavesNoPartialCanonicalJournalOrOutboxRows() throws {
        let path = StoreFixtures.temporaryPath("crash-before-commit")
        defer { StoreFixtures.removeDatabase(path) }
        do {
            let store = try StoreFixtures.graph(path: path)
            _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
            store.connection.close()
        }
        let committed = try Self.rowCounts(path)
        #expect(committed == [1, 4, 2, 2])  // 1 event, 3 account links + 1 created, 2 upserts, 2 mirrors
        // A second process applies a batch but dies before COMMIT: simulate by doing the same writes
        // inside an open transaction and abandoning the connection.
        let store = try UserGraphStore(userID: "usr_test", path: path, environment: StoreFixtures.environment(seed: 2))
        _ = try store.applyProviderDeltas(accountID: "acc_b", [StoreFixtures.delta("b1", StoreFixtures.timed(2))])
        let afterSecond = try Self.rowCounts(path)
        let db = store.connection
        try db.execute("BEGIN IMMEDIATE")
        try db.execute(
            "INSERT INTO event_journal (journal_id, at, actor, change_type, patch, reason) VALUES ('jrn_x', 0, 'a', 'created', '{}', 'r')")
        try db.execute("INSERT INTO outbox (outbox_id, queue, idempotency_key, payload, created_at) VALUES ('o', 'write', 'k', '{}', 0)")
        db.abandonForCrashTest()
        #expect(try Self.rowCounts(path) == afterSecond)
        #expect(afterSecond == [2, 5, 4, 4])
    }

    @Test func failedBatchRollsBackEveryDeltaInIt() throws {
        let store = try StoreFixtures.graph()
        let before = try store.journalEntries().count
        var bad = StoreFixtures.timed(1)
        bad.end = .timed(bad.start.instant.adding(.seconds(-60)), timeZone: nil)
        do {
            _ = try store.applyProviderDeltas(accountID: "acc_a", [
                StoreFixtures.delta("ok", StoreFixtures.timed(1)), StoreFixtures.delta("bad", bad),
            ])
            Issue.record("expected an error")
        } catch .invalidInput(let error) {
            #expect(error.field == "deltas[1].content.end")
        }
        #expect(try store.allEvents().isEmpty)
        #expect(try store.journalEntries().count == before)
        #expect(try store.outboxEntries().isEmpty)
    }

    @Test func unknownEnumValueInStoredDataIsATypedErrorNamingTheField() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        try store.connection.execute("UPDATE canonical_events SET status = 'maybe'")
        let thrown: StoreError
        do {
            _ = try store.allEvents()
            Issue.record("expected an error")
            return
        } catch {
            thrown = error
        }
        guard case .corruptRow(let table, let modelError) = thrown else {
            Issue.record("expected corruptRow, got \(thrown)")
            return
        }
        #expect(table == "canonical_events")
        #expect(modelError.field == "status")
        #expect(thrown.description.contains("confirmed"))
    }

    @Test func journalIsAppendOnly() throws {
        let store = try StoreFixtures.graph()
        #expect(throws: SQLiteError.self) { try store.connection.execute("DELETE FROM event_journal") }
        #expect(throws: SQLiteError.self) { try store.connection.execute("UPDATE event_journal SET reason = 'x'") }
    }

    @Test func reopeningAFileGraphKeepsEverything() throws {
        let path = StoreFixtures.temporaryPath("reopen")
        defer { StoreFixtures.removeDatabase(path) }
        let id: String
        do {
            let store = try StoreFixtures.graph(path: path)
            _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
            id = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1")).id
        }
        let reopened = try UserGraphStore(userID: "usr_test", path: path, environment: StoreFixtures.environment(seed: 2))
        #expect(try reopened.event(id: id)?.originEventID == "g1")
        #expect(try reopened.outboxEntries().count == 2)
    }
}
