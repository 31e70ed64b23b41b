import TMinusCore
import TMinusSQLite
import TMinusStore
import Testing

struct ProviderDeltaTests {
    @Test func anEmptyBatchWritesNothingButStillRefusesAnAccountThatIsNotLinked() throws {
        let store = try StoreFixtures.graph()
        var sql: [String] = []
        store.connection.sqlRecorder = { sql.append($0) }
        #expect(try store.applyProviderDeltas(accountID: "acc_a", []) == ApplyResult())
        #expect(!sql.contains { $0.hasPrefix("BEGIN") || $0.hasPrefix("INSERT") || $0.hasPrefix("UPDATE") })
        for deltas in [[], [StoreFixtures.delta("g1", StoreFixtures.timed(1))]] {
            do {
                _ = try store.applyProviderDeltas(accountID: "acc_x", deltas)
                Issue.record("a batch from an account that is not linked was accepted")
            } catch {
                guard case .accountNotLinked(let accountID) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(accountID == "acc_x")
            }
        }
    }

    @Test func newOriginCreatesOneCanonicalAndProjectsToEveryOutgoingEdge() throws {
        let store = try StoreFixtures.graph()
        let result = try store.applyProviderDeltas(
            accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1), kind: .created)])
        #expect(result.created == 1)
        #expect(result.outboxEntries == 2)
        let event = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        #expect(event.id.hasPrefix("evt_"))
        #expect(event.version == 1)
        #expect(event.authority[.title] == .provider(accountID: "acc_a"))
        let mirrors = try store.allMirrors()
        #expect(mirrors.map(\.targetAccountID) == ["acc_b", "acc_c"])
        #expect(mirrors.allSatisfy { $0.state == .pending && $0.detail == .busy })
        #expect(try store.outboxEntries().count == 2)
        #expect(try store.journalEntries(for: event.id).map(\.changeType) == [.created])
    }

    @Test func sameOriginAlwaysMapsToTheSameCanonicalID() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let first = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(2))])
        let second = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        #expect(first.id == second.id)
        #expect(second.version == 2)
        #expect(try store.allEvents().count == 1)
    }

    @Test func repeatedDeltaChangesNothingAndWritesNoOutboxEntry() throws {
        let store = try StoreFixtures.graph()
        let delta = StoreFixtures.delta("g1", StoreFixtures.timed(1))
        _ = try store.applyProviderDeltas(accountID: "acc_a", [delta])
        let before = try store.outboxEntries().count
        let journalBefore = try store.journalEntries().count
        let again = try store.applyProviderDeltas(accountID: "acc_a", [delta])
        #expect(again.unchanged == 1)
        #expect(again.outboxEntries == 0)
        #expect(try store.outboxEntries().count == before)
        #expect(try store.journalEntries().count == journalBefore)
        #expect(try store.event(originAccountID: "acc_a", originEventID: "g1")?.version == 1)
    }

    @Test func updateThatChangesTheProjectionRequeuesEveryMirror() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let hashes = try store.allMirrors().map(\.lastProjectedHash)
        let result = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(3))])
        #expect(result.updated == 1)
        #expect(result.outboxEntries == 2)
        #expect(try store.allMirrors().map(\.lastProjectedHash) != hashes)
    }

    @Test func titleChangeOverBusyEdgesWritesNothingBecauseTheHashIsUnchanged() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let result = try store.applyProviderDeltas(
            accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1, title: "Renamed"))])
        #expect(result.updated == 1)
        #expect(result.outboxEntries == 0)
    }

    @Test func deleteOfOriginMarksCanonicalDeletedAndDeletesItsMirrors() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let result = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", nil, kind: .deleted)])
        #expect(result.deleted == 1)
        let event = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        #expect(event.isDeleted)
        #expect(try store.allMirrors().allSatisfy { $0.state == .deleting })
        let commands = try store.outboxEntries().map(\.command)
        #expect(commands.filter { if case .delete = $0 { true } else { false } }.count == 2)
    }

    @Test func eventMovedToAnotherCalendarSurvivesTheOldCalendarsDeletionInEitherOrder() throws {
        // An event keeps its ID when a person moves it between calendars: the new calendar
        // lists it and the old one lists it as cancelled, and the two syncs may come in any order.
        for newCalendarFirst in [true, false] {
            let store = try StoreFixtures.graph()
            _ = try store.applyProviderDeltas(
                accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1), calendar: "home")])
            let original = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
            let moved = StoreFixtures.delta("g1", StoreFixtures.timed(1), calendar: "work")
            let cancelled = StoreFixtures.delta("g1", nil, kind: .deleted, calendar: "home")
            for delta in newCalendarFirst ? [moved, cancelled] : [cancelled, moved] {
                _ = try store.applyProviderDeltas(accountID: "acc_a", [delta])
            }
            let event = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
            #expect(!event.isDeleted, "new calendar first: \(newCalendarFirst)")
            #expect(event.id == original.id)
            #expect(event.originCalendarID == "work")
            if newCalendarFirst {  // the stale cancellation touched nothing (else: the usual revival)
                #expect(try store.allMirrors().allSatisfy { $0.state != .deleting })
            }
        }
    }

    @Test func deleteOfUnknownEventIsANoOp() throws {
        let store = try StoreFixtures.graph()
        let result = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("nope", nil, kind: .deleted)])
        #expect(result.unchanged == 1)
        #expect(try store.allEvents().isEmpty)
    }

    @Test func reappearingOriginRevivesTheSameCanonical() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let id = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1")).id
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", nil, kind: .deleted)])
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        let event = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        #expect(event.id == id)
        #expect(!event.isDeleted)
        #expect(try store.journalEntries(for: id).map(\.changeType) == [.created, .deleted, .restored])
    }

    @Test func cancelledOriginHasNoMirrors() throws {
        let store = try StoreFixtures.graph()
        var content = StoreFixtures.timed(1)
        content.status = .cancelled
        let result = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", content)])
        #expect(result.created == 1)
        #expect(try store.allMirrors().isEmpty)
    }

    @Test func authorityConflictIsJournaledAndProviderWins() throws {
        let store = try StoreFixtures.graph()
        _ = try store.applyProviderDeltas(accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        // The same origin identity reported by another account (e.g. a shared calendar) owns no field yet,
        // so simulate T-Minus authority by an internal event instead: provider edits of a field owned by
        // another provider account are conflicts.
        let event = try #require(try store.event(originAccountID: "acc_a", originEventID: "g1"))
        try store.connection.execute(
            "UPDATE canonical_events SET authority = ? WHERE canonical_event_id = ?",
            [.text("{\"title\":\"tminus\"}"), .text(event.id)])
        let result = try store.applyProviderDeltas(
            accountID: "acc_a", [StoreFixtures.delta("g1", StoreFixtures.timed(1, title: "Provider title"))])
        #expect(result.conflicts == 1)
        let entries = try store.journalEntries(for: event.id)
        let conflict = try #require(entries.first { $0.changeType == .fieldOverride })
        #expect(conflict.conflictType == "field_override")
        #expect(
            conflict.resolution
                == #"{"fields":[{"field":"title","previous_authority":"tminus"}],"strategy":"provider_wins"}"#)
        #expect(conflict.patch == #"{"title":"Provider title"}"#)
        let updated = try #require(try store.event(id: event.id))
        #expect(updated.content.title == "Provider title")
        #expect(updated.authority[.title] == .provider(accountID: "acc_a"))
    }

    @Test func deltaFromUnlinkedAccountIsRefused() throws {
        let store = try StoreFixtures.graph()
        #expect(throws: StoreError.self) {
            _ = try store.applyProviderDeltas(accountID: "acc_zzz", [StoreFixtures.delta("g1", StoreFixtures.timed(1))])
        }
    }
}
