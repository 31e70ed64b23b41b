import TMinusCore
import TMinusProviders
import Testing

/// providers.md §5 rows 1–22 (Google): each wire fault maps to the right typed error, and the
/// documented recovery works against the adapter.
struct GoogleFaultCatalogueTests {
    let cursor = SyncCursor("CPDAlvWDx70CEPDAlvWDx70CGAU=")

    // Row 1: expired sync token → cursorInvalid; the same token is never retried.
    @Test func expiredSyncTokenIsCursorInvalidAndNotRetried() async {
        let transport = ScriptedTransport([.respond(Fixtures.response(410, "error-410-fullSyncRequired.json"))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).changes(calendarID: "primary", since: cursor)
        }
        #expect(error?.kind == "cursorInvalid")
        #expect(error?.recovery == .fullResync)
        #expect(error?.context.reason == "fullSyncRequired")
        #expect(transport.requests.count == 1)
    }

    // Row 1 (mid-round) and row 2.
    @Test func tokenInvalidatedOnALaterPageStillAbortsTheWholeRound() async {
        let transport = ScriptedTransport([
            .respond(GoogleTesting.page(items: [GoogleTesting.item("a1111")], nextPageToken: "P2")),
            .respond(Fixtures.response(410, "error-410-updatedMinTooLongAgo.json")),
        ])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).changes(calendarID: "primary", since: cursor)
        }
        #expect(error?.kind == "cursorInvalid")
    }

    // Row 3: no forbidden parameter with syncToken on any page; a 400 is a permanent bug.
    @Test func incrementalRoundsNeverSendRestrictedParameters() async throws {
        let transport = ScriptedTransport([
            .respond(GoogleTesting.page(items: [], nextPageToken: "P2")),
            .respond(GoogleTesting.page(items: [], nextSyncToken: "S2")),
        ])
        _ = try await GoogleTesting.provider(transport).changes(calendarID: "primary", since: cursor)
        for request in transport.requests {
            let query = try #require(request.components).query
            #expect(GoogleEventsQuery.syncTokenViolations(in: query).isEmpty)
            #expect(query.first { $0.name == "syncToken" }?.value == cursor.rawValue)
        }
        let rejecting = ScriptedTransport([
            .respond(Fixtures.response(400, "error-400-syncTokenWithRequestRestrictions.json"))
        ])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(rejecting).changes(calendarID: "primary", since: cursor)
        }
        #expect(error?.recovery == .doNotRetry)
    }

    // Row 4: empty and short pages with nextPageToken keep the round going; only the last token counts.
    @Test func emptyAndShortPagesKeepPagingAndOnlyTheLastSyncTokenCounts() async throws {
        let transport = ScriptedTransport([
            .respond(Fixtures.response(200, "events-page-first.json")),
            .respond(Fixtures.response(200, "events-page-empty.json")),
            .respond(GoogleTesting.page(items: [GoogleTesting.item("b2222")], nextPageToken: "P4")),
            .respond(Fixtures.response(200, "events-page-last.json")),
        ])
        let listing = try await GoogleTesting.provider(transport).fullListing(calendarID: "primary", window: nil)
        #expect(listing.pageCount == 4)
        #expect(listing.records.count == 7)  // 2 + 0 + 1 + 4 items
        #expect(listing.cursor == SyncCursor("CPDAlvWDx70CEPDAlvWDx70CGAU="))
        #expect(listing.isFullListing)
        let pageTokens = transport.requests.map { $0.components?.queryValue("pageToken") }
        #expect(
            pageTokens == [
                nil, "CigKGjdjYmg4cnBjMTBscmMwY2tpaDl0YWZzczk5GAEggICAoLuP_QIQABgB",
                "CigKGjBwOW0zcjJxNG81bjZtN2w4azlqMGkxaDJnGAEggICAoLuP_QIQABgC", "P4",
            ])
        #expect(transport.requests.allSatisfy { $0.components?.queryValue("syncToken") == nil })
    }

    @Test func aServerThatNeverStopsPagingIsReportedNotFollowedForever() async {
        let config = GoogleConfiguration(oauthClientID: "c", oauthClientSecret: ProviderSecret("s"), maximumPages: 3)
        let transport = ScriptedTransport(
            (0..<3).map { .respond(GoogleTesting.page(items: [], nextPageToken: "P\($0)")) })
        let provider = GoogleCalendarProvider(
            transport: transport, credentials: CountingCredentials(), configuration: config)
        let error = await providerFailure { () async throws(ProviderError) in
            try await provider.fullListing(calendarID: "primary", window: nil)
        }
        #expect(error?.kind == "malformedResponse")
        #expect(transport.requests.count == 3)
    }

    // Row 5: rate limits, 403 and 429; Retry-After: 7 → wait 7 s of (virtual) time, then the retry succeeds.
    @Test func rateLimitWithRetryAfterIsHonouredInVirtualTime() async throws {
        let limited = Fixtures.response(
            429, "error-429-rateLimitExceeded.json", headers: ["Content-Type": "application/json", "Retry-After": "7"])
        let transport = ScriptedTransport([
            .respond(limited), .respond(Fixtures.response(200, "events-page-incremental-empty.json")),
        ])
        let provider = GoogleTesting.provider(transport)
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_323_200))
        let error = await providerFailure { () async throws(ProviderError) in
            try await provider.changes(calendarID: "primary", since: cursor)
        }
        guard case .retryAfter(let wait?) = error?.recovery else {
            Issue.record("expected a retry-after recovery, got \(String(describing: error))")
            return
        }
        #expect(wait == .seconds(7))
        clock.advance(by: wait)
        let listing = try await provider.changes(calendarID: "primary", since: cursor)
        #expect(listing.records.isEmpty && listing.pageCount == 1)
        #expect(clock.now() == Timestamp(secondsSinceEpoch: 1_772_323_207))
    }

    @Test(arguments: ["error-403-rateLimitExceeded.json", "error-403-userRateLimitExceeded.json"])
    func forbiddenRateLimitsAreRateLimitedNotForbidden(_ fixture: String) async {
        let transport = ScriptedTransport([.respond(Fixtures.response(403, fixture))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).event(at: EventAddress(calendarID: "primary", eventID: "abcde"))
        }
        #expect(error?.recovery == .retryAfter(nil))
    }

    // Row 6: Workspace usage limits.
    @Test func usageLimitStopsWritesInsteadOfBackingOff() async {
        let transport = ScriptedTransport([.respond(Fixtures.response(403, "error-403-quotaExceeded.json"))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).createEvent(
                in: "primary", projection: GoogleTesting.busyProjection(), key: GoogleTesting.key)
        }
        #expect(error?.kind == "quotaExceeded" && error?.recovery == .pauseWritesAndAlert)
    }

    // Row 7: backend errors (and any 5xx or timeout) are transient.
    @Test(arguments: [500, 502, 503, 504])
    func serverFailuresAreTransient(_ status: Int) async {
        let transport = ScriptedTransport([.respond(Fixtures.response(status, "error-500-backendError.json"))])
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(transport).fullListing(calendarID: "primary", window: nil)
        }
        #expect(error?.kind == "transient" && error?.recovery == .backoffAndRetry)
    }

    // Row 8: 404 on read is notFound (bounded retries, then gone); on delete it is done.
    @Test func notFoundOnReadIsNotFoundButOnDeleteIsAlreadyGone() async throws {
        let reading = ScriptedTransport([.respond(Fixtures.response(404, "error-404-notFound.json"))])
        let address = EventAddress(calendarID: "primary", eventID: "abcde")
        let error = await providerFailure { () async throws(ProviderError) in
            try await GoogleTesting.provider(reading).event(at: address)
        }
        #expect(error?.recovery == .boundedRetryThenTreatAsGone)
        let deleting = ScriptedTransport([.respond(Fixtures.response(404, "error-404-notFound.json"))])
        #expect(
            try await GoogleTesting.provider(deleting).deleteEvent(at: address, precondition: .none) == .alreadyGone)
    }
}
