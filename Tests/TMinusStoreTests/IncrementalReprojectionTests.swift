import TMinusCore
import TMinusSQLite
import Testing

@testable import TMinusStore

/// A reprojection after a first whole run re-derives only what changed since; it must write
/// exactly what a whole run over the same rows writes, in the same order.
struct IncrementalReprojectionTests {
    private enum Step {
        case staleHash(event: Int, target: String)
        case errorState(event: Int, target: String)
        case newOrigin(Int)
        case editedOrigin(Int)
        case deletedOrigin(Int)
        case policyWithout(target: String)
        case reproject
    }

    private static func steps(seed: UInt64) -> [Step] {
        var random = Xoshiro256StarStar(seed: seed)
        let targets = ["acc_b", "acc_c"]
        return (0..<14).map { index in
            let event = Int(random.below(8))
            let target = targets[Int(random.below(2))]
            switch random.below(9) {
            case 0, 1: return .staleHash(event: event, target: target)
            case 2: return .errorState(event: event, target: target)
            case 3: return .newOrigin(100 + index)
            case 4: return .editedOrigin(event)
            case 5: return .deletedOrigin(event)
            case 6: return .policyWithout(target: target)
            default: return .reproject
            }
        } + [.reproject]
    }

    private static func apply(_ step: Step, to store: UserGraphStore) throws {
        let nth = "(SELECT canonical_event_id FROM canonical_events ORDER BY canonical_event_id LIMIT 1 OFFSET ?)"
        switch step {
        case .staleHash(let event, let target):
            try store.connection.execute(
                "UPDATE event_mirrors SET last_projected_hash = 'stale' WHERE canonical_event_id = \(nth) "
                    + "AND target_account_id = ?", [.integer(Int64(event)), .text(target)])
        case .errorState(let event, let target):
            try store.connection.execute(
                "UPDATE event_mirrors SET state = 'ERROR', last_projected_hash = 'failed' "
                    + "WHERE canonical_event_id = \(nth) AND target_account_id = ? AND state = 'PENDING'",
                [.integer(Int64(event)), .text(target)])
        case .newOrigin(let number):
            _ = try store.applyProviderDeltas(
                accountID: "acc_a", [StoreFixtures.delta("n\(number)", StoreFixtures.timed(Int64(number)))])
        case .editedOrigin(let number):
            _ = try store.applyProviderDeltas(
                accountID: "acc_a", [StoreFixtures.delta("g\(number)", StoreFixtures.timed(Int64(number), title: "Moved"))])
        case .deletedOrigin(let number):
            _ = try store.applyProviderDeltas(
                accountID: "acc_a", [StoreFixtures.delta("g\(number)", nil, kind: .deleted)])
        case .policyWithout(let target):
            let policyID = try store.defaultPolicyID()
            try store.connection.execute(
                "DELETE FROM policy_edges WHERE policy_id = ? AND to_account_id = ?", [.text(policyID), .text(target)])
        case .reproject:
            break
        }
    }

    @Test(arguments: 1...16 as ClosedRange<UInt64>)
    func writesWhatAWholeRunWritesForSeededChanges(seed: UInt64) throws {
        let incremental = try StoreFixtures.graph(seed: 5)
        let whole = try StoreFixtures.graph(seed: 5)
        let origins = (0..<8).map { StoreFixtures.delta("g\($0)", StoreFixtures.timed(Int64($0))) }
        for store in [incremental, whole] {
            _ = try store.applyProviderDeltas(accountID: "acc_a", origins)
            #expect(try store.reprojectEverything() == 0)
        }
        for step in Self.steps(seed: seed) {
            try Self.apply(step, to: incremental)
            try Self.apply(step, to: whole)
            guard case .reproject = step else { continue }
            whole.forgetLastReprojection()
            #expect(try incremental.reprojectEverything() == whole.reprojectEverything(), "seed \(seed)")
        }
        #expect(try incremental.allMirrors() == whole.allMirrors(), "seed \(seed)")
        #expect(try incremental.outboxEntries() == whole.outboxEntries(), "seed \(seed)")
    }

    @Test func aRunAfterAWholeRunStillFindsARowChangedBehindTheStoresBack() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(
            accountID: "acc_a", (0..<5).map { StoreFixtures.delta("g\($0)", StoreFixtures.timed(Int64($0))) })
        #expect(try store.reprojectEverything() == 0)
        try store.connection.execute(
            "UPDATE event_mirrors SET last_projected_hash = 'stale' WHERE rowid = (SELECT max(rowid) FROM event_mirrors)")
        #expect(try store.reprojectEverything() == 1)
        #expect(try store.reprojectEverything() == 0)
    }
}
