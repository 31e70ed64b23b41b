import TMinusCore
import TMinusProviders
import Testing

/// Creates, updates and deletes against a stateful mini calendar: idempotent creates by
/// transactionId (rule 6), whole-field-set updates (rule 5), deletes that count "gone" as done
/// (rule 4), and the calendar-level find-or-create.
struct GraphWriteTests {
    @Test func aCreateWhoseResponseWasLostIsRetriedWithTheSameTransactionIDAndNotDuplicated() async throws {
        let mini = GraphMiniCalendar()
        mini.loseNextResponse()
        let transport = ScriptedTransport([mini.step, mini.step])
        let provider = GraphTesting.provider(transport)
        let lost = await providerFailure { () async throws(ProviderError) in
            try await provider.createEvent(
                in: GraphTesting.calendarID, projection: GraphTesting.projection(), key: GraphTesting.key)
        }
        #expect(lost?.kind == "transient", "a timeout: the caller retries the identity-keyed create")
        let outcome = try await provider.createEvent(
            in: GraphTesting.calendarID, projection: GraphTesting.projection(), key: GraphTesting.key)
        #expect(outcome.event.address.eventID == "AAkALgMini1")
        #expect(mini.eventCount == 1 && mini.appliedCreates == 1)
        let ids = try transport.requests.map { try WireJSON.parse($0.body)["transactionId"] }
        #expect(ids[0] == ids[1] && ids[0] == .string(GraphMarkers.transactionID(for: GraphTesting.key)))
    }

    @Test func aRetryAnsweredWith409AdoptsTheEventCarryingOurMarker() async throws {
        let mini = GraphMiniCalendar()
        mini.answerReplaysWithConflict()
        let transport = ScriptedTransport([mini.step, mini.step, mini.step])
        let provider = GraphTesting.provider(transport)
        _ = try await provider.createEvent(
            in: GraphTesting.calendarID, projection: GraphTesting.projection(), key: GraphTesting.key)
        let again = try await provider.createEvent(
            in: GraphTesting.calendarID, projection: GraphTesting.projection(), key: GraphTesting.key)
        #expect(again.disposition == .adopted)
        #expect(again.event.address.eventID == "AAkALgMini1")
        #expect(mini.eventCount == 1)
        let search = try #require(transport.requests.last?.components)
        #expect(search.queryValue("$filter")?.contains(GraphTesting.markers.microsoftPropertyValue) == true)
    }

    @Test func aRetryThatFindsAStaleFirstAttemptRewritesIt() async throws {
        let mini = GraphMiniCalendar()
        mini.loseNextResponse()
        let transport = ScriptedTransport([mini.step, mini.step, mini.step])
        let provider = GraphTesting.provider(transport)
        _ = await providerFailure { () async throws(ProviderError) in
            try await provider.createEvent(
                in: GraphTesting.calendarID, projection: GraphTesting.projection(), key: GraphTesting.key)
        }
        let newer = GraphTesting.projection(description: "Agenda", summary: "Planning")
        let outcome = try await provider.createEvent(
            in: GraphTesting.calendarID, projection: newer, key: GraphTesting.key)
        #expect(outcome.disposition == .adoptedAndRewritten)
        #expect(transport.requests.map(\.method) == ["POST", "POST", "PATCH"])
        #expect(mini.eventCount == 1)
    }

    @Test func aDowngradeUpdateReallyClearsDescriptionAndLocation() async throws {
        let mini = GraphMiniCalendar()
        let transport = ScriptedTransport([mini.step, mini.step, mini.step])
        let provider = GraphTesting.provider(transport)
        let full = GraphTesting.projection(description: "Quarterly numbers", location: "Room 4", summary: "Review")
        let created = try await provider.createEvent(
            in: GraphTesting.calendarID, projection: full, key: GraphTesting.key)
        _ = try await provider.updateEvent(
            at: created.event.address, projection: GraphTesting.projection(),
            precondition: created.event.version.map { .ifMatch($0) } ?? .none)
        let patch = try WireJSON.parse(transport.requests[1].body)
        #expect(patch["body"]?["content"] == .string(""))
        #expect(patch["location"]?["displayName"] == .string(""))
        let stored = try await provider.event(at: created.event.address)
        #expect(stored.delta.content?.description == nil && stored.delta.content?.location == nil)
        #expect(stored.delta.content?.title == "Busy")
        #expect(GraphMarkers.markers(in: stored.delta.markers) == GraphTesting.markers, "GET expands our property")
    }

    @Test func deletingTwiceIsDeletedThenAlreadyGone() async throws {
        let mini = GraphMiniCalendar()
        let transport = ScriptedTransport([mini.step, mini.step, mini.step])
        let provider = GraphTesting.provider(transport)
        let created = try await provider.createEvent(
            in: GraphTesting.calendarID, projection: GraphTesting.projection(), key: GraphTesting.key)
        #expect(try await provider.deleteEvent(at: created.event.address, precondition: .none) == .deleted)
        #expect(try await provider.deleteEvent(at: created.event.address, precondition: .none) == .alreadyGone)
    }

    @Test func a401RefreshesOnceAndARevokedRefreshIsTokenRevoked() async throws {
        let credentials = CountingCredentials()
        let ok = ScriptedTransport([
            .respond(GraphFixtures.response(401, "error-401-InvalidAuthenticationToken.json")),
            .respond(GraphFixtures.response(200, "calendars-page-last.json")),
        ])
        #expect(try await GraphTesting.provider(ok, credentials: credentials).listCalendars().count == 1)
        #expect(credentials.refreshCount == 1)
        let revoked = CountingCredentials(
            refreshFailure: .tokenRevoked(ProviderErrorContext(provider: .microsoft, operation: "oauth.token")))
        let failing = ScriptedTransport([
            .respond(GraphFixtures.response(401, "error-401-InvalidAuthenticationToken.json"))
        ])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GraphTesting.provider(failing, credentials: revoked).listCalendars()
        }
        #expect(error?.kind == "tokenRevoked")
    }

    @Test func findOrCreateFollowsPagesAndCreatesOnlyWhenMissing() async throws {
        let existing = ScriptedTransport([
            .respond(GraphFixtures.response(200, "calendars-page-first.json")),
            .respond(GraphFixtures.response(200, "calendars-page-last.json")),
        ])
        let found = try await GraphTesting.provider(existing).findOrCreateOverlayCalendar(
            named: OverlayCalendar.defaultName)
        #expect(!found.created && found.calendar.id == "AAMkAGI2TGuLCCC=")
        #expect(existing.requests[1].url == "https://graph.microsoft.com/v1.0/me/calendars?$top=2&$skip=2")
        let missing = ScriptedTransport([
            .respond(GraphTesting.json(200, #"{"value":[]}"#)),
            .respond(GraphFixtures.response(409, "error-409-ErrorFolderExists.json")),
            .respond(GraphFixtures.response(200, "calendars-page-last.json")),
        ])
        let raced = try await GraphTesting.provider(missing).findOrCreateOverlayCalendar(
            named: OverlayCalendar.defaultName)
        #expect(!raced.created && raced.calendar.id == "AAMkAGI2TGuLCCC=", "another worker created it first")
        let fresh = ScriptedTransport([
            .respond(GraphTesting.json(200, #"{"value":[]}"#)),
            .respond(GraphFixtures.response(201, "calendar-created.json")),
        ])
        let made = try await GraphTesting.provider(fresh).findOrCreateOverlayCalendar(
            named: OverlayCalendar.defaultName)
        #expect(made.created && made.calendar.id == "AAMkAGI2TGuLDDD=")
        #expect(try WireJSON.parse(fresh.requests[1].body)["name"] == .string(OverlayCalendar.defaultName))
    }

    @Test func aPagingLinkToAnotherHostIsMalformedAndNeverFollowed() async {
        let transport = ScriptedTransport([
            .respond(GraphTesting.page(items: [], nextLink: "https://evil.example.com/v1.0/steal"))
        ])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GraphTesting.provider(transport).fullListing(calendarID: GraphTesting.calendarID, window: nil)
        }
        #expect(error?.kind == "malformedResponse")
        #expect(transport.requests.count == 1)
        let foreignCursor = await providerFailure { () async throws(ProviderError) in
            try await GraphTesting.provider(ScriptedTransport([])).changes(
                calendarID: "c", since: SyncCursor("https://evil.example.com/x"))
        }
        #expect(foreignCursor?.kind == "cursorInvalid")
    }
}
