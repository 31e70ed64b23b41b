import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// RFC 6578 sync through the adapter against the fake: UID-keyed records, deletions from 404
/// members, invalid tokens, truncation, recurrence expansion and its changes.
@Suite struct FakeCalDAVSyncTests {
    /// 2026-03-01 … 2026-05-01, the window of these tests.
    static let window = ListingWindow(
        start: Timestamp(secondsSinceEpoch: 1_772_323_200), end: Timestamp(secondsSinceEpoch: 1_777_593_600))

    @Test(arguments: CalDAVDialect.allCases)
    func incrementalSyncReportsChangesAndDeletionsByUID(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        let provider = world.provider
        let lunch = try world.server.humanCreateEvent(
            account: "alice", calendarID: world.calendar,
            HumanEventDraft(
                title: "Lunch", start: .timed(calDAVWorldStart.adding(.seconds(14_400)), timeZone: "Europe/Berlin"),
                end: .timed(calDAVWorldStart.adding(.seconds(18_000)), timeZone: "Europe/Berlin")))
        let full = try await provider.fullListing(calendarID: world.calendar, window: Self.window)
        #expect(full.isFullListing)
        #expect(full.records.map(\.delta.providerEventID) == [lunch])
        #expect(full.records[0].delta.content?.title == "Lunch")
        #expect(full.records[0].iCalendarUID == lunch)
        let quiet = try await provider.changes(calendarID: world.calendar, since: full.cursor)
        #expect(quiet.records.isEmpty)

        try world.server.humanEditEvent(
            account: "alice", calendarID: world.calendar, eventID: lunch, HumanEventEdit(title: "Long lunch"))
        let mirror = try await provider.createEvent(
            in: world.calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        let edited = try await provider.changes(calendarID: world.calendar, since: quiet.cursor)
        #expect(Set(edited.records.map(\.delta.providerEventID)) == [lunch, mirror.event.address.eventID])
        #expect(edited.records.first { $0.delta.providerEventID == lunch }?.delta.content?.title == "Long lunch")
        let mirrorRecord = try #require(
            edited.records.first { $0.delta.providerEventID == mirror.event.address.eventID })
        #expect(mirrorRecord.delta.markers == CalDAVSamples.markers.evidence(for: .caldav))

        try world.server.humanDeleteEvent(account: "alice", calendarID: world.calendar, eventID: lunch)
        let deleted = try await provider.changes(calendarID: world.calendar, since: edited.cursor)
        #expect(deleted.records.map(\.delta.providerEventID) == [lunch])
        #expect(deleted.records[0].isDeletion)
    }

    @Test(arguments: CalDAVDialect.allCases)
    func anInvalidTokenIsCursorInvalid(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        let provider = world.provider
        let full = try await provider.fullListing(calendarID: world.calendar, window: Self.window)
        world.server.invalidateSyncTokens(calendarID: world.calendar)
        let failure = await calDAVFailure { () async throws(ProviderError) in
            try await provider.changes(calendarID: world.calendar, since: full.cursor)
        }
        #expect(failure?.recovery == .fullResync)
        #expect(failure?.context.status == dialect.expectedInvalidTokenStatus)
        #expect(failure?.context.reason == "valid-sync-token")
        let other = try world.server.humanCreateCalendar(account: "alice", title: "Other")
        let foreign = await calDAVFailure { () async throws(ProviderError) in
            try await provider.changes(calendarID: other, since: full.cursor)
        }
        #expect(foreign?.recovery == .fullResync)
        let garbage = await calDAVFailure { () async throws(ProviderError) in
            try await provider.changes(calendarID: world.calendar, since: SyncCursor("not a cursor"))
        }
        #expect(garbage?.recovery == .fullResync)
    }

    @Test func expiredTokensAreRefusedByAgeAndSchedule() async throws {
        let world = makeCalDAVWorld { $0.syncTokenLifetime = .seconds(3_600) }
        let provider = world.provider
        let full = try await provider.fullListing(calendarID: world.calendar, window: Self.window)
        world.clock.advance(by: .seconds(3_601))
        let failure = await calDAVFailure { () async throws(ProviderError) in
            try await provider.changes(calendarID: world.calendar, since: full.cursor)
        }
        #expect(failure?.kind == "cursorInvalid")
        let fresh = try await provider.fullListing(calendarID: world.calendar, window: Self.window)
        world.server.reconfigure { $0.syncTokenInvalidations = [world.clock.now().adding(.seconds(10))] }
        world.clock.advance(by: .seconds(20))
        let scheduled = await calDAVFailure { () async throws(ProviderError) in
            try await provider.changes(calendarID: world.calendar, since: fresh.cursor)
        }
        #expect(scheduled?.kind == "cursorInvalid")
    }

    @Test(arguments: CalDAVDialect.allCases)
    func truncatedAnswersAreFollowedWithTheReturnedToken(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect) { $0.syncTruncation = 2 }
        let full = try await world.provider.fullListing(calendarID: world.calendar, window: Self.window)
        for day in 3...9 {
            try world.server.humanPutResource(
                account: "alice", calendarID: world.calendar,
                ics: FakeCalDAVAdapterTests.plainEvent(uid: "e\(day)@example.org", day: day))
        }
        let changes = try await world.provider.changes(calendarID: world.calendar, since: full.cursor)
        #expect(changes.pageCount == 4)
        #expect(Set(changes.records.map(\.delta.providerEventID)) == Set((3...9).map { "e\($0)@example.org" }))
        #expect(changes.records.count == 7)
        let again = try await world.provider.changes(calendarID: world.calendar, since: changes.cursor)
        #expect(again.records.isEmpty && again.pageCount == 1)
    }

    @Test func theCollectionListedInItsOwnSyncIsIgnored() async throws {
        let world = makeCalDAVWorld { $0.listsCollectionInSync = true }
        let provider = world.provider
        let full = try await provider.fullListing(calendarID: world.calendar, window: Self.window)
        try world.server.humanPutResource(
            account: "alice", calendarID: world.calendar, ics: FakeCalDAVAdapterTests.plainEvent(uid: "x@example.org"))
        let changes = try await provider.changes(calendarID: world.calendar, since: full.cursor)
        #expect(changes.records.map(\.delta.providerEventID) == ["x@example.org"])
    }

    @Test(arguments: CalDAVDialect.allCases)
    func recurringSeriesAreExpandedIntoInstancesKeyedByRecurrenceID(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        try world.server.humanPutResource(account: "alice", calendarID: world.calendar, ics: CalDAVSamples.weeklySeries)
        let full = try await world.provider.fullListing(calendarID: world.calendar, window: Self.window)
        let ids = full.records.map(\.delta.providerEventID)
        #expect(
            ids == [
                "weekly-1@example.org#20260303T080000Z", "weekly-1@example.org#20260310T080000Z",
                "weekly-1@example.org#20260317T080000Z", "weekly-1@example.org#20260331T070000Z",
                "weekly-1@example.org#20260407T070000Z",
            ])
        let moved = try #require(full.records.first { $0.delta.providerEventID.hasSuffix("20260317T080000Z") })
        #expect(moved.delta.content?.title == "Weekly sync (moved)")
        #expect(moved.delta.content?.start.instant == Timestamp(secondsSinceEpoch: 1_773_738_000))
        #expect(moved.instance?.seriesID == "weekly-1@example.org")
        #expect(moved.instance?.originalStart.instant == Timestamp(secondsSinceEpoch: 1_773_734_400))
        #expect(full.records.allSatisfy { $0.delta.content?.recurrenceRule == "FREQ=WEEKLY;COUNT=6" })

        try world.server.humanCancelOccurrence(
            account: "alice", calendarID: world.calendar, seriesID: "weekly-1@example.org",
            originalStart: .timed(Timestamp(secondsSinceEpoch: 1_774_940_400), timeZone: "Europe/Berlin"))
        let cancelled = try await world.provider.changes(calendarID: world.calendar, since: full.cursor)
        let deletions = cancelled.records.filter(\.isDeletion).map(\.delta.providerEventID)
        #expect(deletions == ["weekly-1@example.org#20260331T070000Z"])
        #expect(cancelled.records.filter { !$0.isDeletion }.count == 4)

        try world.server.humanDeleteEvent(account: "alice", calendarID: world.calendar, eventID: "weekly-1@example.org")
        let gone = try await world.provider.changes(calendarID: world.calendar, since: cancelled.cursor)
        #expect(gone.records.allSatisfy { $0.isDeletion })
        #expect(
            Set(gone.records.map(\.delta.providerEventID))
                == Set(ids.filter { !$0.hasSuffix("20260331T070000Z") }))
    }

    @Test func anInstanceReadsAsItsOverrideOrAsDeletedWhenExcluded() async throws {
        let world = makeCalDAVWorld()
        try world.server.humanPutResource(account: "alice", calendarID: world.calendar, ics: CalDAVSamples.weeklySeries)
        let provider = world.provider
        let moved = try await provider.event(
            at: EventAddress(calendarID: world.calendar, eventID: "weekly-1@example.org#20260317T080000Z"))
        #expect(moved.delta.content?.title == "Weekly sync (moved)")
        let plain = try await provider.event(
            at: EventAddress(calendarID: world.calendar, eventID: "weekly-1@example.org#20260310T080000Z"))
        #expect(plain.delta.content?.title == "Weekly sync")
        let excluded = try await provider.event(
            at: EventAddress(calendarID: world.calendar, eventID: "weekly-1@example.org#20260324T080000Z"))
        #expect(excluded.isDeletion)
        let missing = await calDAVFailure { () async throws(ProviderError) in
            try await provider.event(at: EventAddress(calendarID: world.calendar, eventID: "nobody@example.org"))
        }
        #expect(missing?.kind == "notFound")
    }

    @Test func aDeletedOverlayCalendarIsNotFound() async throws {
        let world = makeCalDAVWorld()
        let provider = world.provider
        let overlay = try await provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
        #expect(overlay.created)
        let again = try await provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
        #expect(!again.created)
        #expect(again.calendar.id == overlay.calendar.id)
        let primary = try await provider.listCalendars().first { $0.isPrimary }
        #expect(primary?.id == world.calendar)
        let full = try await provider.fullListing(calendarID: overlay.calendar.id, window: Self.window)
        try world.server.humanDeleteCalendar(account: "alice", calendarID: overlay.calendar.id)
        let failure = await calDAVFailure { () async throws(ProviderError) in
            try await provider.changes(calendarID: overlay.calendar.id, since: full.cursor)
        }
        #expect(failure?.kind == "notFound")
        let recreated = try await provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
        #expect(recreated.created)
    }

    @Test func throttlingIsRateLimitedWithRetryAfter() async throws {
        let world = makeCalDAVWorld { $0.requestsPerMinute = 3 }
        let provider = world.provider
        _ = try await provider.listCalendars()
        let failure = await calDAVFailure { () async throws(ProviderError) in try await provider.listCalendars() }
        guard case .rateLimited(let wait?, let context)? = failure else {
            Issue.record("expected rateLimited with a wait, got \(String(describing: failure))")
            return
        }
        #expect(context.status == 429)
        #expect(wait > Duration.zero && wait <= Duration.seconds(60))
    }
}

extension CalDAVDialect {
    /// The status each dialect answers an invalid sync token with (caldav-servers.md 9a).
    var expectedInvalidTokenStatus: Int { self == .radicale ? 403 : 412 }
}
