import TMinusCore
import TMinusProviders
import Testing

/// providers.md §5 rows 9–11, 14–18 (Google writes): lost creates adopt, lost updates re-read,
/// deletes of deleted events succeed, permanent refusals are not retried, tags are checked.
struct GoogleWriteFaultTests {
    // Row 9: the first insert is applied but its response is lost; the retry gets 409 and adopts.
    @Test func lostCreateResponseThenRetryAdoptsTheExistingEventWithoutDuplicate() async throws {
        let calendar = MiniGoogleCalendar()
        let transport = ScriptedTransport([calendar.step, calendar.step, calendar.step])
        let provider = GoogleTesting.provider(transport)
        calendar.loseNextResponse()
        let first = await providerFailure { () async throws(ProviderError) in
            try await provider.createEvent(
                in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
        }
        #expect(first?.kind == "transient")
        let outcome = try await provider.createEvent(
            in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
        #expect(outcome.disposition == .adopted)
        #expect(outcome.event.address.eventID == GoogleEventID.deterministic(for: GoogleTesting.key))
        #expect(outcome.event.version == ResourceVersion("\"1\""))
        #expect(calendar.eventCount == 1 && calendar.appliedInserts == 1)
        #expect(transport.requests.map(\.method) == ["POST", "POST", "GET"])
        #expect(transport.requests[0].body == transport.requests[1].body)
    }

    @Test func adoptedEventWithStaleContentIsRewrittenConditionally() async throws {
        let calendar = MiniGoogleCalendar()
        let transport = ScriptedTransport([calendar.step, calendar.step, calendar.step, calendar.step])
        let provider = GoogleTesting.provider(transport)
        _ = try await provider.createEvent(
            in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
        var newer = GoogleTesting.busyProjection()
        newer.summary = "Planning"
        newer.visibility = .default
        let outcome = try await provider.createEvent(in: "primary", projection: newer, key: GoogleTesting.key)
        #expect(outcome.disposition == .adoptedAndRewritten)
        #expect(transport.requests.map(\.method) == ["POST", "POST", "GET", "PUT"])
        #expect(transport.requests[3].headers["If-Match"] == "\"1\"")
        #expect(calendar.event(outcome.event.address.eventID)?["summary"] == .string("Planning"))
        #expect(calendar.eventCount == 1)
    }

    @Test func idHeldByAnEventWithoutOurMarkersIsAlreadyExists() async {
        let foreign = GoogleTesting.json(
            200,
            #"{"id":"x1234","status":"confirmed","summary":"Not ours","start":{"date":"2026-03-02"},"end":{"date":"2026-03-03"}}"#
        )
        let transport = ScriptedTransport([
            .respond(Fixtures.response(409, "error-409-duplicate.json")), .respond(foreign),
        ])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).createEvent(
                in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
        }
        #expect(error?.kind == "alreadyExists" && error?.recovery == .inspectExisting)
        #expect(transport.requests.count == 2)
    }

    @Test func deletedMirrorHoldingTheIDIsRestoredByTheAdoption() async throws {
        let calendar = MiniGoogleCalendar()
        let transport = ScriptedTransport((0..<5).map { _ in calendar.step })
        let provider = GoogleTesting.provider(transport)
        let created = try await provider.createEvent(
            in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
        #expect(try await provider.deleteEvent(at: created.event.address, precondition: .none) == .deleted)
        let again = try await provider.createEvent(
            in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
        #expect(again.disposition == .adoptedAndRewritten)
        #expect(calendar.event(created.event.address.eventID)?["status"] == .string("confirmed"))
    }

    // Row 10: lost update → 412 → re-read and retry with the new etag.
    @Test func staleEtagIsPreconditionFailedAndReReadThenRetrySucceeds() async throws {
        let calendar = MiniGoogleCalendar()
        let transport = ScriptedTransport((0..<5).map { _ in calendar.step })
        let provider = GoogleTesting.provider(transport)
        let created = try await provider.createEvent(
            in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
        let humanEdit = try await provider.updateEvent(
            at: created.event.address, projection: GoogleTesting.busyProjection(description: "edited"),
            precondition: .none)
        #expect(humanEdit.version != created.event.version)
        let staleVersion = try #require(created.event.version)
        let stale = await providerFailure { () async throws(ProviderError) in
            try await provider.updateEvent(
                at: created.event.address, projection: GoogleTesting.busyProjection(),
                precondition: .ifMatch(staleVersion))
        }
        #expect(stale?.kind == "preconditionFailed" && stale?.recovery == .rereadAndRetry)
        let current = try await provider.event(at: created.event.address)
        let rewritten = try await provider.updateEvent(
            at: created.event.address, projection: GoogleTesting.busyProjection(),
            precondition: .ifMatch(try #require(current.version)))
        #expect(rewritten.version == ResourceVersion("\"3\""))
        #expect(calendar.event(created.event.address.eventID)?["description"] == nil)
    }

    // Row 11: delete of an already deleted event → 410 deleted → success.
    @Test func deletingADeletedEventCountsAsDone() async throws {
        let transport = ScriptedTransport([.respond(Fixtures.response(410, "error-410-deleted.json"))])
        let outcome = try await GoogleTesting.provider(transport).deleteEvent(
            at: EventAddress(calendarID: "primary", eventID: "tmabcdef"),
            precondition: .ifMatch(ResourceVersion("\"4\"")))
        #expect(outcome == .alreadyGone)
    }

    // Rows 14 and 15: permanent refusals.
    @Test(arguments: ["error-403-forbiddenForNonOrganizer.json", "error-403-requiredAccessLevel.json"])
    func permanentRefusalsAreForbiddenAndNotRetried(_ fixture: String) async {
        let transport = ScriptedTransport([.respond(Fixtures.response(403, fixture))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).updateEvent(
                at: EventAddress(calendarID: "primary", eventID: "tmabcdef"),
                projection: GoogleTesting.busyProjection(),
                precondition: .none)
        }
        #expect(error?.kind == "forbidden" && error?.recovery == .doNotRetry)
        #expect(transport.requests.count == 1)
    }

    // Row 16: tags Google would silently mangle are refused before anything is sent.
    @Test func markersBeyondGoogleLimitsAreRejectedClientSide() async {
        var projection = GoogleTesting.busyProjection()
        projection.markers = ManagedMarkers(
            canonicalEventID: String(repeating: "e", count: 1025), originAccountID: "acc_1")
        let transport = ScriptedTransport([])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).createEvent(
                in: "primary", projection: projection, key: GoogleTesting.key)
        }
        #expect(error?.kind == "invalidRequest")
        #expect(transport.requests.isEmpty)
        #expect(GoogleEventEncoder.violation(of: [(key: String(repeating: "k", count: 45), value: "v")]) != nil)
        #expect(
            GoogleEventEncoder.violation(of: [
                (key: String(repeating: "k", count: 44), value: String(repeating: "v", count: 1024))
            ]) == nil)
        let many = (0..<301).map { (key: "k\($0)", value: "v") }
        #expect(GoogleEventEncoder.violation(of: many) != nil)
    }

    // Rows 17 and 18: id-only deletions need nothing else; every record keeps its iCalUID for reconciliation.
    @Test func idOnlyDeletionsAndICalUIDsComeThroughAnIncrementalRound() async throws {
        let transport = ScriptedTransport([.respond(Fixtures.response(200, "events-page-last.json"))])
        let listing = try await GoogleTesting.provider(transport).changes(
            calendarID: "primary", since: SyncCursor("S1"))
        #expect(
            listing.records.filter(\.isDeletion).map(\.delta.providerEventID) == [
                "3nb6s0p8o2i4u6y8t0r2e4w6q8", "5q2k8v1d3ab7gk0e9r4m6t8s1u_20260305T150000Z",
            ])
        #expect(listing.records.filter { !$0.isDeletion }.allSatisfy { $0.iCalendarUID != nil })
        #expect(!listing.isFullListing)
    }

    @Test func deterministicIDIsTheOnlyIdentityUsedOnRetry() async {
        let transport = ScriptedTransport([.fail(.timedOut), .fail(.connectionReset)])
        let provider = GoogleTesting.provider(transport)
        for _ in 0..<2 {
            _ = await providerFailure { () async throws(ProviderError) in
                try await provider.createEvent(
                    in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
            }
        }
        let ids = transport.requests.map { try? WireJSON.parse($0.body)["id"] }
        #expect(ids.count == 2 && ids[0] == ids[1])
    }
}
