import TMinusCore
import TMinusSQLite
import TMinusStore
import Testing

/// A whole reprojection (the daily reconcile's "missing mirror → upsert") finds what the policy
/// wants and the rows lack, however often it runs and whatever changed in between.
struct ReprojectionTests {
    @Test func aRunWithNothingChangedWritesNothingAndAMirrorRowChangedSinceIsStillFound() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(
            accountID: "acc_a",
            [StoreFixtures.delta("g1", StoreFixtures.timed(1)), StoreFixtures.delta("g2", StoreFixtures.timed(2))])
        #expect(try store.allMirrors().count == 4)
        #expect(try store.reprojectEverything() == 0, "every mirror is already pending with its projection")
        #expect(try store.reprojectEverything() == 0)
        // A row changed behind the store's back (as a lost write or a defect might leave it).
        try store.connection.execute(
            "UPDATE event_mirrors SET last_projected_hash = 'stale' WHERE target_account_id = 'acc_b'", [])
        #expect(try store.reprojectEverything() == 2, "both stale rows are projected again")
        #expect(try store.reprojectEverything() == 0)
    }

    @Test func aPolicyChangeAloneMakesTheNextRunProjectAgain() throws {
        let store = try StoreFixtures.graph()
        _ = try store.setPolicyEdges([])
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        #expect(try store.reprojectEverything() == 0)
        #expect(try store.allMirrors().isEmpty)
        // An edge added by straight SQL: no event or mirror row changes, only the policy.
        let policyID = try store.defaultPolicyID()
        try store.connection.execute(
            "INSERT INTO policy_edges VALUES (?, 'acc_a', 'acc_c', 'BUSY', 'BUSY_OVERLAY')", [.text(policyID)])
        #expect(try store.reprojectEverything() == 1)
        #expect(try store.allMirrors().map(\.targetAccountID) == ["acc_c"])
    }

    @Test func aRunThatRolledBackLeavesTheRowsItReadAndTheNextRunAgrees() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        #expect(try store.reprojectEverything() == 0)
        struct Abort: Error {}
        _ = try? store.connection.inTransaction {
            try store.connection.execute("UPDATE event_mirrors SET last_projected_hash = 'stale'", [])
            throw Abort()
        }
        #expect(try store.reprojectEverything() == 0, "the rolled-back change left the rows as they were")
        try store.connection.execute("UPDATE event_mirrors SET last_projected_hash = 'stale'", [])
        #expect(try store.reprojectEverything() == 2)
    }
}
