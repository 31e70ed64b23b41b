import TMinusCore
import TMinusEngine
import TMinusStore
import Testing

struct UserGraphTests {
    static func makeGraph() throws -> UserGraph {
        try UserGraph(userID: "usr_1", path: ":memory:", environment: .deterministic(seed: 3))
    }

    static func content(_ minutes: Int64) -> EventContent {
        let start = Timestamp(secondsSinceEpoch: 1_772_438_400 + minutes * 60)
        return EventContent(title: "Sync", start: .timed(start, timeZone: nil), end: .timed(start.adding(.seconds(1800)), timeZone: nil))
    }

    @Test func concurrentBatchesForOneUserAreSerializedAndNothingIsLost() async throws {
        let graph = try Self.makeGraph()
        try await graph.linkAccount("acc_a", provider: .google)
        try await graph.linkAccount("acc_b", provider: .microsoft)
        try await withThrowingTaskGroup(of: ApplyResult.self) { group in
            for batch in 0..<8 {
                group.addTask {
                    let deltas = (0..<25).map { i in
                        ProviderEventDelta(kind: .created, providerEventID: "e\(batch)-\(i)", calendarID: "primary",
                                           content: Self.content(Int64(batch * 25 + i)))
                    }
                    return try await graph.applyProviderDeltas(accountID: batch % 2 == 0 ? "acc_a" : "acc_b", deltas)
                }
            }
            var created = 0
            for try await result in group { created += result.created }
            #expect(created == 200)
        }
        let total = try await graph.inspect { store throws(StoreError) in try store.allEvents().count }
        #expect(total == 200)
        let mirrors = try await graph.inspect { store throws(StoreError) in try store.allMirrors().count }
        #expect(mirrors == 200)
    }

    @Test func internalEventRoundTripThroughTheActor() async throws {
        let graph = try Self.makeGraph()
        try await graph.linkAccount("acc_a", provider: .google)
        let event = try await graph.createEvent(Self.content(10))
        let window = try await graph.events(
            from: Timestamp(secondsSinceEpoch: 1_772_438_400), to: Timestamp(secondsSinceEpoch: 1_772_438_400 + 86_400))
        #expect(window.map(\.id) == [event.id])
        try await graph.deleteEvent(id: event.id)
        #expect(try await graph.projectionStatus(accountID: "acc_a").health == .yellow)  // its delete is in flight
    }
}
