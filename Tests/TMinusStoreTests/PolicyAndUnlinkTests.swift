import TMinusCore
import TMinusSQLite
import TMinusStore
import Testing

struct PolicyAndUnlinkTests {
    @Test func removingAnEdgeDeletesItsMirrorsAtTheProvider() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let edges = PolicyEdge.allPairsBusy(["acc_a", "acc_b", "acc_c"]).filter { !($0.fromAccountID == "acc_a" && $0.toAccountID == "acc_c") }
        try store.setPolicyEdges(edges)
        let event = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_c")?.state == .deleting)
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .pending)
        #expect(try store.journalEntries().contains { $0.changeType == .policyChanged })
    }

    @Test func addingAnEdgeProjectsExistingEvents() throws {
        let store = try StoreFixtures.graph()
        try store.setPolicyEdges([])
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        #expect(try store.allMirrors().isEmpty)
        let written = try store.setPolicyEdges([PolicyEdge(from: "acc_a", to: "acc_b")])
        #expect(written == 1)
        #expect(try store.allMirrors().map(\.targetAccountID) == ["acc_b"])
    }

    @Test func changingDetailLevelRewritesMirrors() throws {
        let store = try StoreFixtures.graph()
        try store.setPolicyEdges([PolicyEdge(from: "acc_a", to: "acc_b")])
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        try store.removeOutboxEntries(try store.outboxEntries().map(\.outboxID))
        let written = try store.setPolicyEdges([PolicyEdge(from: "acc_a", to: "acc_b", detail: .full)])
        #expect(written == 1)
        guard case .upsert(let upsert) = try #require(try store.outboxEntries().first).command else {
            Issue.record("expected an upsert")
            return
        }
        #expect(upsert.projection.payload.summary == "Standup")
        #expect(upsert.projection.payload.location == "Room 4")
    }

    @Test func selfLoopEdgeIsRejectedNamingTheField() throws {
        let store = try StoreFixtures.graph()
        do {
            try store.setPolicyEdges([PolicyEdge(from: "acc_a", to: "acc_a")])
            Issue.record("expected an error")
        } catch .invalidInput(let error) {
            #expect(error.field == "edges[0].to")
        }
    }

    @Test func edgeToUnknownAccountIsRejected() throws {
        let store = try StoreFixtures.graph()
        #expect(throws: StoreError.self) { try store.setPolicyEdges([PolicyEdge(from: "acc_a", to: "acc_nope")]) }
    }

    @Test func unlinkDeletesMirrorsInsideAndOfItsEventsAndRemovesEdges() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("a1", StoreFixtures.timed(1))])
        _ = try store.applyProviderDeltas(accountID: "acc_b", [StoreFixtures.delta("b1", StoreFixtures.timed(2))])
        let plan = try store.unlinkAccount("acc_a")
        #expect(plan.mirrorsInAccount == 1)  // b1's mirror inside acc_a
        #expect(plan.mirrorsOfItsEvents == 2)  // a1's mirrors in acc_b and acc_c
        #expect(plan.eventsRemoved == 1)
        #expect(try store.effectiveEdges().allSatisfy { $0.fromAccountID != "acc_a" && $0.toAccountID != "acc_a" })
        #expect(try !store.unlinkDeletesDone("acc_a"))
        for mirror in try store.allMirrors() where mirror.state == .deleting {
            #expect(try store.recordMirrorDeleted(canonicalEventID: mirror.canonicalEventID, targetAccountID: mirror.targetAccountID))
        }
        #expect(try store.unlinkDeletesDone("acc_a"))
        try store.finishUnlink("acc_a")
        #expect(try store.linkedAccounts().first { $0.accountID == "acc_a" }?.status == "unlinked")
        #expect(try store.journalEntries().last?.changeType == .accountUnlinked)
        // New events of remaining accounts no longer project into the unlinked one.
        _ = try store.applyProviderDeltas(accountID: "acc_b", [StoreFixtures.delta("b2", StoreFixtures.timed(3))])
        let b2 = try #require(try store.event(originAccountID: "acc_b", originEventID: "b2"))
        #expect(try store.mirror(canonicalEventID: b2.id, targetAccountID: "acc_a") == nil)
    }

    @Test func internalEventsMirrorEverywhereAndProviderEventsCannotBeChangedThroughTMinus() throws {
        let store = try StoreFixtures.graph()
        let event = try store.createInternalEvent(StoreFixtures.timed(4, title: "Planning"))
        #expect(try store.allMirrors().count == 3)
        #expect(event.authority[.title] == .tminus)
        let updated = try store.updateInternalEvent(id: event.id, StoreFixtures.timed(5, title: "Planning"))
        #expect(updated.version == 2)
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let origin = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        #expect(throws: StoreError.self) { _ = try store.updateInternalEvent(id: origin.id, StoreFixtures.timed(9)) }
        #expect(throws: StoreError.self) { try store.deleteInternalEvent(id: origin.id) }
        try store.deleteInternalEvent(id: event.id)
        #expect(try store.event(id: event.id)?.isDeleted == true)
    }

    @Test func takingAProviderOwnedFieldBackThroughTMinusIsJournaledAndTMinusWins() throws {
        let store = try StoreFixtures.graph()
        let event = try store.createInternalEvent(StoreFixtures.timed(4, title: "Planning"))
        // A person took the title over at a provider since (as a write-through origin's edit would).
        try store.connection.execute(
            "UPDATE canonical_events SET authority = ? WHERE canonical_event_id = ?",
            [.text("{\"start\":\"tminus\",\"title\":\"provider:acc_b\"}"), .text(event.id)])
        let updated = try store.updateInternalEvent(id: event.id, StoreFixtures.timed(5, title: "Planning v2"))
        #expect(updated.authority[.title] == .tminus)
        let overrides = try store.journalEntries(for: event.id).filter { $0.changeType == .fieldOverride }
        #expect(overrides.count == 1)
        #expect(overrides.first?.conflictType == "field_override")
        #expect(
            overrides.first?.resolution
                == #"{"fields":[{"field":"title","previous_authority":"provider:acc_b"}],"strategy":"tminus_wins"}"#)
        #expect(overrides.first?.patch == #"{"title":"Planning v2"}"#)
    }

    @Test func eventsInWindowAreOrderedAndExcludeDeleted() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [
            StoreFixtures.delta("late", StoreFixtures.timed(30)), StoreFixtures.delta("early", StoreFixtures.timed(2)),
            StoreFixtures.delta("gone", StoreFixtures.timed(3)),
        ])
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("gone", nil, kind: .deleted)])
        let window = try store.events(from: StoreFixtures.start, to: StoreFixtures.start.adding(.seconds(24 * 3600)))
        #expect(window.map(\.originEventID) == ["early"])
    }

    @Test func projectionStatusIsGreenYellowRed() throws {
        let (store, event) = try ManagedMirrorTests.graphWithActiveMirrors()
        #expect(try store.projectionStatus(accountID: "acc_b").health == .green)
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(7))])
        #expect(try store.projectionStatus(accountID: "acc_b").health == .yellow)
        #expect(try store.recordMirrorError(canonicalEventID: event.id, targetAccountID: "acc_b", message: "403 forbidden"))
        #expect(try store.projectionStatus(accountID: "acc_b").health == .red)
    }
}
