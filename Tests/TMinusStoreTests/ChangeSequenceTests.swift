import TMinusCore
import TMinusStore
import Testing

/// Migration `0002_change_sequence`: a reader that remembers its position reads exactly the
/// canonical events and mirror rows written since, and an unchanged store reports the same position.
struct ChangeSequenceTests {
    @Test func changesAfterAPositionAreExactlyTheRowsWrittenSince() throws {
        let store = try StoreFixtures.graph()
        let first = try store.changes(after: UserGraphChangePosition())
        #expect(first.events.isEmpty && first.mirrors.isEmpty)
        _ = try store.applyProviderDeltas(
            accountID: "acc_a",
            [StoreFixtures.delta("g1", StoreFixtures.timed(1)), StoreFixtures.delta("g2", StoreFixtures.timed(2))])
        let created = try store.changes(after: first.position)
        #expect(created.events == (try store.allEvents()))
        #expect(created.mirrors == (try store.allMirrors()))
        #expect(created.position == (try store.changePosition()))
        #expect(created.position.journal > first.position.journal)

        // Nothing written: nothing to read, and the position stays.
        let quiet = try store.changes(after: created.position)
        #expect(quiet.events.isEmpty && quiet.mirrors.isEmpty && quiet.position == created.position)

        // One origin edited: its event and its mirror rows (requeued), nothing else.
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g2", StoreFixtures.timed(5))])
        let edited = try store.changes(after: created.position)
        let g2 = try #require(try store.event(originAccountID: "acc_a", originEventID: "g2"))
        #expect(edited.events == [g2])
        #expect(edited.mirrors == (try store.allMirrors()).filter { $0.canonicalEventID == g2.id })
        #expect(edited.mirrors.count == 2)
        #expect(edited.position.events > created.position.events)
        #expect(edited.position.mirrors > created.position.mirrors)
        // Every read says how many rows the store holds (a reader that kept fewer or more than that
        // knows a row was deleted or re-keyed under it).
        #expect(edited.eventCount == (try store.allEvents()).count && edited.eventCount == 2)
        #expect(edited.mirrorCount == (try store.allMirrors()).count && edited.mirrorCount == 4)
    }

    @Test func aReopenedStoreKeepsCountingFromWhereItWas() throws {
        let path = StoreFixtures.temporaryPath("change-sequence")
        defer { StoreFixtures.removeDatabase(path) }
        var position = UserGraphChangePosition()
        do {
            let store = try StoreFixtures.graph(path: path)
            _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
            position = try store.changePosition()
        }
        let reopened = try UserGraphStore(userID: "usr_test", path: path, environment: StoreFixtures.environment(seed: 2))
        #expect(try reopened.changePosition() == position)
        _ = try reopened.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(3))])
        let changes = try reopened.changes(after: position)
        #expect(changes.events.map(\.originEventID) == ["g1"])
    }
}
