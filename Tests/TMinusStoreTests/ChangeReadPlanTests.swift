import TMinusSQLite
import Testing

@testable import TMinusStore

/// The reads of rows written after a change sequence (the checker's incremental view, the
/// incremental reprojection) find those rows through the change-sequence index: without it SQLite
/// walks the whole table in key order at every call, a cost that grows with the user's calendar.
struct ChangeReadPlanTests {
    @Test(arguments: [
        UserGraphSQL.canonicalsChangedAfter, UserGraphSQL.mirrorsChangedAfter,
        UserGraphSQL.eventsWithMirrorsChangedAfter,
    ])
    func readsRowsChangedAfterASequenceThroughTheChangeIndex(sql: String) throws {
        let store = try StoreFixtures.graph()
        let plan = try store.connection.query("EXPLAIN QUERY PLAN " + sql, [.integer(0)])
            .map { try $0.get("detail", as: String.self) }
        #expect(plan.contains { $0.hasPrefix("SEARCH") && $0.contains("_by_change (change_seq>?)") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN") }, "\(plan)")
    }
}
