import TMinusCore
import TMinusSQLite
import TMinusStore
import Testing

/// Seeded property tests over random events × random policy graphs (failures print the seed).
struct GraphPropertyTests {
    static let seeds: [UInt64] = [11, 12, 13, 14, 15]
    static let accounts = ["acc_a", "acc_b", "acc_c", "acc_d"]

    struct Workload {
        var rng: Xoshiro256StarStar

        mutating func pick<T>(_ values: [T]) -> T { values[Int(rng.below(UInt64(values.count)))] }

        mutating func edges() -> [PolicyEdge] {
            GraphPropertyTests.accounts.flatMap { from in
                GraphPropertyTests.accounts.filter { $0 != from }.compactMap { to in
                    rng.chance(Ratio(2, 3)) ? PolicyEdge(from: from, to: to, detail: pick(DetailLevel.allCases),
                                                         kind: pick(CalendarKind.allCases)) : nil
                }
            }
        }

        mutating func content() -> EventContent {
            let start = Timestamp(secondsSinceEpoch: 1_772_438_400 + Int64(rng.below(30 * 86_400)))
            return EventContent(
                title: rng.chance(Ratio(1, 5)) ? nil : "T\(rng.below(50))", description: "D\(rng.below(9))",
                location: rng.chance(Ratio(1, 2)) ? "L" : nil, start: .timed(start, timeZone: pick([nil, "UTC", "Asia/Tokyo"])),
                end: .timed(start.adding(.seconds(Int64(rng.below(7200)))), timeZone: nil),
                status: pick([.confirmed, .confirmed, .tentative, .cancelled]), visibility: pick(EventVisibility.allCases),
                transparency: pick(EventTransparency.allCases))
        }

        mutating func deltas(count: Int) -> [(String, ProviderEventDelta)] {
            (0..<count).map { index in
                let kind: ProviderEventDelta.Kind = rng.chance(Ratio(1, 8)) ? .deleted : pick([.created, .updated])
                let delta = ProviderEventDelta(
                    kind: kind, providerEventID: "e\(rng.below(UInt64(count / 2 + 1)))", calendarID: "primary",
                    content: kind == .deleted ? nil : content())
                return (pick(GraphPropertyTests.accounts), delta)
            }
        }
    }

    static func count(_ table: String, _ store: UserGraphStore) throws -> Int64 {
        try store.connection.scalar("SELECT COUNT(*) FROM \(table)", as: Int64.self) ?? 0
    }

    static func graph(seed: UInt64) throws -> UserGraphStore {
        try StoreFixtures.graph(seed: seed, accounts: accounts)
    }

    @Test(arguments: seeds)
    func secondApplyOfEveryDeltaChangesNothingAndWritesNoOutboxEntry(seed: UInt64) throws {
        var workload = Workload(rng: Xoshiro256StarStar(seed: seed))
        let store = try Self.graph(seed: seed)
        try store.setPolicyEdges(workload.edges())
        for (account, delta) in workload.deltas(count: 200) {
            _ = try store.applyProviderDeltas(accountID: account, [delta])
            let events = try store.allEvents()
            let outbox = try Self.count("outbox", store)
            let journal = try Self.count("event_journal", store)
            let again = try store.applyProviderDeltas(accountID: account, [delta])
            #expect(again.outboxEntries == 0, "seed \(seed)")
            #expect(try Self.count("outbox", store) == outbox, "seed \(seed)")
            #expect(try Self.count("event_journal", store) == journal, "seed \(seed)")
            #expect(try store.allEvents() == events, "seed \(seed)")
        }
    }

    @Test(arguments: seeds)
    func mirrorsAlwaysMatchThePolicyAndNoTargetHasTwo(seed: UInt64) throws {
        var workload = Workload(rng: Xoshiro256StarStar(seed: seed))
        let store = try Self.graph(seed: seed)
        var edges = workload.edges()
        try store.setPolicyEdges(edges)
        for (round, (account, delta)) in workload.deltas(count: 150).enumerated() {
            _ = try store.applyProviderDeltas(accountID: account, [delta])
            if round % 50 == 49 {
                edges = workload.edges()
                try store.setPolicyEdges(edges)
            }
        }
        // Deletes in flight (an edge removed, maybe re-added) are confirmed as the write consumer would.
        for mirror in try store.allMirrors() where mirror.state == .deleting {
            #expect(try store.recordMirrorDeleted(canonicalEventID: mirror.canonicalEventID, targetAccountID: mirror.targetAccountID))
        }
        let events = try store.allEvents()
        let mirrors = try store.allMirrors()
        let keys = mirrors.map { "\($0.canonicalEventID)→\($0.targetAccountID)" }
        #expect(Set(keys).count == keys.count, "seed \(seed): two mirror rows for one (event, target)")
        for event in events {
            let wanted = Set(edges.filter { $0.fromAccountID == event.originAccountID && event.isProjectable }.map(\.toAccountID))
            let live = Set(mirrors.filter { $0.canonicalEventID == event.id && ($0.state == .pending || $0.state == .active) }
                .map(\.targetAccountID))
            #expect(live == wanted, "seed \(seed) event \(event.id)")
            for mirror in mirrors where mirror.canonicalEventID == event.id && mirror.state == .pending {
                let edge = try #require(edges.first { $0.fromAccountID == event.originAccountID && $0.toAccountID == mirror.targetAccountID })
                let projection = try #require(ProjectionCompiler.project(event, detail: edge.detail, kind: edge.kind))
                #expect(mirror.lastProjectedHash == projection.hash, "seed \(seed): mirror hash is not the policy's projection")
            }
        }
    }

    @Test(arguments: seeds)
    func managedDeltasNeverBecomeCanonicalOrigins(seed: UInt64) throws {
        var workload = Workload(rng: Xoshiro256StarStar(seed: seed))
        let store = try Self.graph(seed: seed)
        for (account, delta) in workload.deltas(count: 60) { _ = try store.applyProviderDeltas(accountID: account, [delta]) }
        let before = try store.allEvents()
        for index in 0..<200 {
            let provider = workload.pick(ProviderKind.allCases)
            let canonical = before.isEmpty || workload.rng.chance(Ratio(1, 4)) ? "evt_unknown\(index)" : workload.pick(before).id
            let markers = ManagedMarkers(canonicalEventID: canonical, originAccountID: workload.pick(Self.accounts))
            let kind: ProviderEventDelta.Kind = workload.pick([.created, .updated, .deleted])
            let delta = ProviderEventDelta(
                kind: kind, providerEventID: "m\(index)", calendarID: "overlay",
                content: kind == .deleted ? nil : workload.content(), markers: markers.evidence(for: provider))
            let result = try store.applyProviderDeltas(accountID: workload.pick(Self.accounts), [delta])
            #expect(result.created == 0 && result.updated == 0 && result.deleted == 0, "seed \(seed) delta \(index)")
        }
        #expect(try store.allEvents() == before, "seed \(seed)")
    }
}
