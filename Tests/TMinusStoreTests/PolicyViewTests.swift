import TMinusCore
import TMinusSQLite
import TMinusStore
import Testing

/// The store remembers the policy between transactions; these show it never serves a stale one.
struct PolicyViewTests {
    private struct Abort: Error {}

    private func targets(of store: UserGraphStore, origin: String, event id: String) throws -> [String] {
        let event = try #require(try store.event(originAccountID: origin, originEventID: id))
        return try store.allMirrors().filter { $0.canonicalEventID == event.id }.map(\.targetAccountID)
    }

    @Test func aPolicyChangeIsSeenByTheNextBatchWhoeverMadeIt() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        #expect(try targets(of: store, origin: "acc_a", event: "g1") == ["acc_b", "acc_c"])
        try store.setPolicyEdges([])
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g2", StoreFixtures.timed(2))])
        #expect(try targets(of: store, origin: "acc_a", event: "g2").isEmpty)
        // A change the store's own methods did not make (straight SQL) is seen as well.
        let policyID = try store.defaultPolicyID()
        try store.connection.execute(
            "INSERT INTO policy_edges VALUES (?, 'acc_a', 'acc_c', 'BUSY', 'BUSY_OVERLAY')", [.text(policyID)])
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g3", StoreFixtures.timed(3))])
        #expect(try targets(of: store, origin: "acc_a", event: "g3") == ["acc_c"])
    }

    @Test func aRolledBackChangeIsForgottenEvenWhenALaterChangeReusesItsVersion() throws {
        let store = try StoreFixtures.graph()
        let before = try store.effectiveEdges()
        #expect(before.count == 6)
        _ = try? store.connection.inTransaction {
            // One row changed: the version moves by one, as the update below moves it.
            try store.connection.execute(
                "DELETE FROM policy_edges WHERE from_account_id = 'acc_a' AND to_account_id = 'acc_b'", [])
            #expect(try store.effectiveEdges().count == 5)
            throw Abort()
        }
        // Bumps the version to the number the rolled-back transaction had, with the edges unchanged.
        try store.connection.execute("UPDATE linked_accounts SET status = status WHERE account_id = 'acc_a'", [])
        #expect(try store.effectiveEdges() == before)
    }
}
