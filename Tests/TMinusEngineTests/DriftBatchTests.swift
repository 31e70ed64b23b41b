import TMinusCore
import TMinusStore
import Testing

@testable import TMinusEngine

/// The reconcile's batch of drift checks applies what one call per delta would apply, in order,
/// and fails on a malformed delta exactly where a call of its own would.
struct DriftBatchTests {
    private static func delta(_ id: String, minutes: Int64) -> ProviderEventDelta {
        ProviderEventDelta(kind: .created, providerEventID: id, calendarID: "primary", content: UserGraphTests.content(minutes))
    }

    private static func origins(_ graph: UserGraph) async throws -> [String] {
        try await graph.inspect { store throws(StoreError) in try store.allEvents().map(\.originEventID).sorted() }
    }

    @Test func queuedDeltasAreAppliedInOneCallAtTheFlush() async throws {
        let graph = try UserGraphTests.makeGraph()
        try await graph.linkAccount("acc_a", provider: .google)
        var batch = DriftBatch(graph: graph, accountID: "acc_a")
        var repairs = ReconcileRepairs()
        for index in 0..<3 { try await batch.add(Self.delta("e\(index)", minutes: Int64(index * 60)), repairs: &repairs) }
        #expect(try await Self.origins(graph).isEmpty, "nothing is applied before the flush")
        try await batch.flush(into: &repairs)
        #expect(try await Self.origins(graph) == ["e0", "e1", "e2"])
        try await batch.flush(into: &repairs)  // an empty flush does nothing
        #expect(try await Self.origins(graph) == ["e0", "e1", "e2"])
    }

    @Test func aMalformedDeltaFailsAloneAfterTheDeltasBeforeItWereApplied() async throws {
        let graph = try UserGraphTests.makeGraph()
        try await graph.linkAccount("acc_a", provider: .google)
        var batch = DriftBatch(graph: graph, accountID: "acc_a")
        var repairs = ReconcileRepairs()
        try await batch.add(Self.delta("e0", minutes: 0), repairs: &repairs)
        try await batch.add(Self.delta("e1", minutes: 60), repairs: &repairs)
        let malformed = ProviderEventDelta(kind: .created, providerEventID: "", calendarID: "primary", content: nil)
        await #expect(throws: StoreError.self) { try await batch.add(malformed, repairs: &repairs) }
        #expect(try await Self.origins(graph) == ["e0", "e1"])
    }
}
