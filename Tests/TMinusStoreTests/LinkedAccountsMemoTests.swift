import TMinusCore
import TMinusSQLite
import TMinusStore
import Testing

/// ``UserGraphStore/linkedAccounts()`` is remembered while the graph's change stamp stands still;
/// across links, unlinks, finished unlinks, policy changes, deltas and a rolled-back change, every
/// answer must be what the table holds, and a repeated read with nothing changed runs no SQL.
struct LinkedAccountsMemoTests {
    private static func fromTable(_ store: UserGraphStore) throws -> [String] {
        try store.connection.query("SELECT account_id, provider, status FROM linked_accounts ORDER BY account_id").map {
            "\(try $0.get("account_id", as: String.self)) \(try $0.get("provider", as: String.self)) "
                + (try $0.get("status", as: String.self))
        }
    }

    private static func remembered(_ store: UserGraphStore) throws -> [String] {
        try store.linkedAccounts().map { "\($0.accountID) \($0.provider.rawValue) \($0.status)" }
    }

    @Test func everyAnswerIsWhatTheTableHolds() throws {
        let store = try StoreFixtures.graph()
        var checks = 0
        func check() throws {
            #expect(try Self.remembered(store) == Self.fromTable(store))
            #expect(try Self.remembered(store) == Self.fromTable(store))
            checks += 1
        }
        try check()
        try store.linkAccount("acc_d", provider: .caldav)
        try check()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("a1", StoreFixtures.timed(1))])
        try check()
        _ = try store.unlinkAccount("acc_a")
        try check()
        for mirror in try store.allMirrors() where mirror.state == .deleting {
            _ = try store.recordMirrorDeleted(canonicalEventID: mirror.canonicalEventID, targetAccountID: mirror.targetAccountID)
        }
        try store.finishUnlink("acc_a")
        try check()
        try store.setPolicyEdges([PolicyEdge(from: "acc_b", to: "acc_c")])
        try check()
        _ = try? store.connection.inTransaction(.immediate) {
            try store.connection.execute("UPDATE linked_accounts SET status = 'unlinking' WHERE account_id = 'acc_b'")
            throw StoreError.notFound(kind: "test", id: "rolled back")
        }
        try check()
        try store.connection.execute("UPDATE linked_accounts SET status = 'unlinking' WHERE account_id = 'acc_c'")
        try check()
        #expect(checks == 8)
        #expect(try Self.remembered(store).contains { $0.hasPrefix("acc_c ") && $0.hasSuffix(" unlinking") })
    }

    @Test func aRepeatedReadWithNothingChangedRunsNoSQL() throws {
        let store = try StoreFixtures.graph()
        _ = try store.linkedAccounts()
        var statements: [String] = []
        store.connection.sqlRecorder = { statements.append($0) }
        _ = try store.linkedAccounts()
        store.connection.sqlRecorder = nil
        #expect(statements.isEmpty)
    }
}
