import TMinusCore
@testable import TMinusStore
import Testing

/// Managed mirrors seen in a target account: never origins (E); drift rewritten; human deletes tombstone.
struct ManagedMirrorTests {
    /// Applies an origin and pretends the write consumer wrote every mirror (PENDING → ACTIVE).
    static func graphWithActiveMirrors() throws -> (UserGraphStore, CanonicalEvent) {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let event = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        for mirror in try store.allMirrors() {
            let written = try store.recordMirrorWritten(
                canonicalEventID: mirror.canonicalEventID, targetAccountID: mirror.targetAccountID,
                projectedHash: mirror.lastProjectedHash!, providerEventID: "m-\(mirror.targetAccountID)",
                targetCalendarID: "overlay")
            #expect(written)
        }
        try store.removeOutboxEntries(try store.outboxEntries().map(\.outboxID))
        return (store, event)
    }

    static func mirrorContent(_ event: CanonicalEvent, title: String = "Busy") -> EventContent {
        EventContent(title: title, start: event.content.start, end: event.content.end, visibility: .private)
    }

    @Test func managedEchoIsNeverIngestedAsAnOrigin() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        let markers = ManagedMarkers(canonicalEventID: event.id, originAccountID: "acc_a").evidence(for: .microsoft)
        let echo = StoreFixtures.delta("m-acc_b", Self.mirrorContent(event), markers: markers)
        let result = try store.applyProviderDeltas(accountID: "acc_b", [echo])
        #expect(result.managedEchoes == 1)
        #expect(result.created == 0)
        #expect(try store.allEvents().count == 1)
        #expect(try store.outboxEntries().isEmpty)
    }

    @Test func mirrorRecognisedByRecordedProviderIDEvenWithoutMarkers() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        let bare = StoreFixtures.delta("m-acc_b", Self.mirrorContent(event))
        let result = try store.applyProviderDeltas(accountID: "acc_b", [bare])
        #expect(result.created == 0)
        #expect(result.managedEchoes == 1)
    }

    @Test func humanEditOfAMirrorIsRewrittenAndJournaledAsDrift() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        let edited = StoreFixtures.delta("m-acc_b", Self.mirrorContent(event, title: "Lunch?"))
        let result = try store.applyProviderDeltas(accountID: "acc_b", [edited])
        #expect(result.driftCorrected == 1)
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .pending)
        #expect(try store.outboxEntries().count == 1)
        #expect(try store.journalEntries(for: event.id).last?.changeType == .driftCorrected)
        #expect(try store.event(id: event.id)?.content.title == "Standup")
    }

    @Test func aListingThatLagsBehindOurWriteIsNotDriftButALaterEditIs() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        let mirror = try #require(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b"))
        // The origin moves; our write of the new projection was stamped at 10:00 by the provider.
        let written = Timestamp(secondsSinceEpoch: 1_772_445_600)
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(2))])
        let pending = try #require(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b"))
        #expect(pending.state == .pending && pending.lastProjectedHash != mirror.lastProjectedHash)
        #expect(
            try store.recordMirrorWritten(
                canonicalEventID: event.id, targetAccountID: "acc_b", projectedHash: pending.lastProjectedHash!,
                providerEventID: "m-acc_b", targetCalendarID: "overlay", providerUpdatedAt: written))
        try store.removeOutboxEntries(try store.outboxEntries().map(\.outboxID))
        // A replica that has not caught up lists the previous version, stamped before our write.
        var stale = StoreFixtures.delta("m-acc_b", Self.mirrorContent(event))
        stale.providerUpdatedAt = written.adding(.seconds(-600))
        #expect(try store.applyProviderDeltas(accountID: "acc_b", [stale]).driftCorrected == 0)
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .active)
        #expect(try store.outboxEntries().isEmpty, "the same content is not written again")
        // A person's edit made after our write is still drift.
        var edited = StoreFixtures.delta("m-acc_b", Self.mirrorContent(event, title: "Lunch?"))
        edited.providerUpdatedAt = written.adding(.seconds(60))
        #expect(try store.applyProviderDeltas(accountID: "acc_b", [edited]).driftCorrected == 1)
        #expect(try store.outboxEntries().count == 1)
    }

    @Test func pastTheLagAllowanceAnEarlierStampedVersionIsJudgedByContentAgain() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        let written = Timestamp(secondsSinceEpoch: 1_772_445_600)
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(2))])
        let pending = try #require(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b"))
        _ = try store.recordMirrorWritten(
            canonicalEventID: event.id, targetAccountID: "acc_b", projectedHash: pending.lastProjectedHash!,
            providerEventID: "m-acc_b", targetCalendarID: "overlay", providerUpdatedAt: written)
        try store.removeOutboxEntries(try store.outboxEntries().map(\.outboxID))
        // The provider's clock stepped back: a person's later edit carries an earlier stamp.
        var edited = StoreFixtures.delta("m-acc_b", Self.mirrorContent(event, title: "Lunch?"))
        edited.providerUpdatedAt = written.adding(.seconds(-3_600))
        let clock = try #require(store.environment.clock as? ManualClock)
        clock.advance(by: UserGraphStore.replicationLagAllowance + .seconds(1))
        #expect(try store.applyProviderDeltas(accountID: "acc_b", [edited]).driftCorrected == 1)
    }

    @Test func aKindOnlyPolicyChangeRecordsTheKindOfAConfirmedMirrorWithoutAWrite() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        let pairs = [("acc_a", "acc_b"), ("acc_a", "acc_c"), ("acc_b", "acc_a"), ("acc_b", "acc_c"), ("acc_c", "acc_a"), ("acc_c", "acc_b")]
        let trueMirrors = pairs.map { PolicyEdge(from: $0.0, to: $0.1, detail: .busy, kind: .trueMirror) }
        _ = try store.setPolicyEdges(trueMirrors)
        let mirror = try #require(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b"))
        #expect(mirror.state == .active && mirror.kind == .trueMirror && mirror.targetCalendarID == "overlay")
        #expect(try store.outboxEntries().isEmpty, "the busy payload it holds is the one it would get: nothing to write (C)")
        // A change the payload carries is still written.
        _ = try store.setPolicyEdges(pairs.map { PolicyEdge(from: $0.0, to: $0.1, detail: .title, kind: .trueMirror) })
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .pending)
        #expect(try store.outboxEntries().count == 2)
    }

    @Test func aPendingMirrorTheProviderAlreadyHoldsIsConfirmedNotWrittenAgain() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        let edited = StoreFixtures.delta("m-acc_b", Self.mirrorContent(event, title: "Lunch?"))
        _ = try store.applyProviderDeltas(accountID: "acc_b", [edited])
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .pending)
        #expect(try store.outboxEntries().count == 1, "the drift's rewrite is queued")

        // Seen again before the rewrite landed: still waiting, nothing more queued.
        _ = try store.applyProviderDeltas(accountID: "acc_b", [edited])
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .pending)
        #expect(try store.outboxEntries().count == 1)

        // The rewrite landed but its answer was lost: the listing shows the projection again.
        let landed = try store.applyProviderDeltas(accountID: "acc_b", [StoreFixtures.delta("m-acc_b", Self.mirrorContent(event))])
        #expect(landed.managedEchoes == 1 && landed.driftCorrected == 0)
        let row = try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")
        #expect(row?.state == .active, "confirmed from what the provider holds")
        #expect(row?.providerEventID == "m-acc_b" && row?.targetCalendarID == "overlay")
        #expect(try store.outboxEntries().count == 1, "nothing new is queued; the queued write finds the row settled")
    }

    @Test func humanDeleteOfAMirrorTombstonesOnlyThatMirror() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        let result = try store.applyProviderDeltas(accountID: "acc_b", [StoreFixtures.delta("m-acc_b", nil, kind: .deleted)])
        #expect(result.tombstoned == 1)
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .tombstoned)
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_c")?.state == .active)
        #expect(try store.event(id: event.id)?.isDeleted == false)
        // A later origin edit does not recreate the tombstoned mirror.
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(5))])
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .tombstoned)
    }

    @Test func tombstonedMirrorComesBackWhenTheUserAsks() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        _ = try store.applyProviderDeltas(accountID: "acc_b", [StoreFixtures.delta("m-acc_b", nil, kind: .deleted)])
        let written = try store.restoreMirror(canonicalEventID: event.id, targetAccountID: "acc_b")
        #expect(written == 1)
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .pending)
    }

    @Test func ourDeleteEchoConfirmsTheDelete() throws {
        let (store, event) = try Self.graphWithActiveMirrors()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", nil, kind: .deleted)])
        let result = try store.applyProviderDeltas(accountID: "acc_b", [StoreFixtures.delta("m-acc_b", nil, kind: .deleted)])
        #expect(result.deleteConfirmed == 1)
        #expect(try store.mirror(canonicalEventID: event.id, targetAccountID: "acc_b")?.state == .deleted)
    }

    @Test func aCreateIsPlacedOnceAndTheWriteKeepsThatPlacement() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let mirror = try #require(try store.allMirrors().first)
        let key = (mirror.canonicalEventID, mirror.targetAccountID)
        #expect(try store.recordMirrorPlacement(canonicalEventID: key.0, targetAccountID: key.1, calendarID: "primary"))
        // A later attempt (another calendar kind meanwhile) does not move it: it adopts what the first made.
        #expect(!(try store.recordMirrorPlacement(canonicalEventID: key.0, targetAccountID: key.1, calendarID: "overlay")))
        let placed = try #require(try store.mirror(canonicalEventID: key.0, targetAccountID: key.1))
        #expect(placed.targetCalendarID == "primary" && placed.providerEventID == nil && placed.state == .pending)
        // An overlay that vanished takes the placement with it: the next attempt places it again.
        _ = try store.resetMirrorPlacement(targetAccountID: key.1, calendarID: "primary")
        #expect(try store.mirror(canonicalEventID: key.0, targetAccountID: key.1)?.targetCalendarID == nil)
    }

    @Test func staleWriteConfirmationIsRefused() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let old = try #require(try store.allMirrors().first)
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(2))])
        let accepted = try store.recordMirrorWritten(
            canonicalEventID: old.canonicalEventID, targetAccountID: old.targetAccountID,
            projectedHash: old.lastProjectedHash!, providerEventID: "x", targetCalendarID: "overlay")
        #expect(!accepted)
        #expect(try store.mirror(canonicalEventID: old.canonicalEventID, targetAccountID: old.targetAccountID)?.state == .pending)
    }

    @Test func orphanManagedEventIsLeftForReconcile() throws {
        let store = try StoreFixtures.graph()
        let markers = ManagedMarkers(canonicalEventID: "evt_unknown", originAccountID: "acc_a").evidence(for: .google)
        let result = try store.applyProviderDeltas(
            accountID: "acc_b", [StoreFixtures.delta("orphan", StoreFixtures.timed(1), markers: markers)])
        #expect(result.orphans == 1)
        #expect(try store.allEvents().isEmpty)
    }
}
