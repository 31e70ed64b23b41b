import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// The real CalDAV adapter against the fake server, in both dialects: discovery, idempotent
/// creates, conditional writes, sync by UID with deletions, recurrence expansion.
@Suite struct FakeCalDAVAdapterTests {
    @Test(arguments: CalDAVDialect.allCases)
    func discoveryFindsTheHomeAndItsCalendars(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        let provider = world.provider
        let home = try await provider.calendarHome()
        #expect(home == (dialect == .radicale ? "/alice/" : "/alice/calendars/"))
        let calendars = try await provider.listCalendars()
        #expect(calendars.map(\.id) == [world.calendar])
        #expect(calendars[0].name == "Work")
        #expect(calendars[0].isPrimary)
        #expect(calendars[0].isWritable)
        #expect(calendars[0].version != nil)
        #expect(provider.pushSupport == .pollOnly)
    }

    @Test(arguments: CalDAVDialect.allCases)
    func createIsIdempotentByMirrorKey(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        let provider = world.provider
        let first = try await provider.createEvent(
            in: world.calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        #expect(first.disposition == .created)
        #expect(first.event.address.eventID == CalDAVEventID.uid(for: CalDAVSamples.key))
        let second = try await provider.createEvent(
            in: world.calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        #expect(second.disposition == .adopted)
        #expect(second.event.version == first.event.version)
        let changed = try await provider.createEvent(
            in: world.calendar, projection: CalDAVSamples.projection(hour: 5), key: CalDAVSamples.key)
        #expect(changed.disposition == .adoptedAndRewritten)
        #expect(changed.event.version != first.event.version)
        #expect(world.server.resourceNames(calendarID: world.calendar).count == 1)
        let creates = world.server.writeLog.filter { $0.method == "PUT" && $0.ifNoneMatch == "*" }
        #expect(creates.count == 3)
        #expect(creates.map(\.status) == [201, 412, 412])
    }

    @Test func createDoesNotAdoptAResourceThatIsNotOurs() async throws {
        let world = makeCalDAVWorld()
        let uid = CalDAVEventID.uid(for: CalDAVSamples.key)
        try world.server.humanPutResource(account: "alice", calendarID: world.calendar, ics: Self.plainEvent(uid: uid))
        let failure = await calDAVFailure { () async throws(ProviderError) in
            try await world.provider.createEvent(
                in: world.calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        }
        guard case .alreadyExists? = failure else {
            Issue.record("expected alreadyExists, got \(String(describing: failure))")
            return
        }
    }

    @Test(arguments: CalDAVDialect.allCases)
    func createAdoptsOurMirrorStoredUnderAnotherName(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        let uid = CalDAVEventID.uid(for: CalDAVSamples.key)
        let ours = ICalendarMapping.mirrorCalendar(for: CalDAVSamples.projection(), uid: uid, stamp: calDAVWorldStart)
        try world.server.humanPutResource(
            account: "alice", calendarID: world.calendar, ics: ours.serialized, name: "renamed-by-a-client.ics")
        let outcome = try await world.provider.createEvent(
            in: world.calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        #expect(outcome.disposition == .adopted)
        #expect(world.server.resourceNames(calendarID: world.calendar) == ["renamed-by-a-client.ics"])
        let version = try #require(outcome.event.version)
        let updated = try await world.provider.updateEvent(
            at: outcome.event.address, projection: CalDAVSamples.projection(hour: 7), precondition: .ifMatch(version))
        #expect(updated.version != outcome.event.version)
        #expect(world.server.resourceNames(calendarID: world.calendar) == ["renamed-by-a-client.ics"])
        let deleted = try await world.provider.deleteEvent(at: outcome.event.address, precondition: .none)
        #expect(deleted == .deleted)
        #expect(world.server.resourceNames(calendarID: world.calendar).isEmpty)
    }

    @Test(arguments: CalDAVDialect.allCases)
    func conditionalWritesFailOnAStaleETag(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        let provider = world.provider
        let created = try await provider.createEvent(
            in: world.calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        let stale = try #require(created.event.version)
        let updated = try await provider.updateEvent(
            at: created.event.address, projection: CalDAVSamples.projection(summary: "Busy too"),
            precondition: .ifMatch(stale))
        #expect(updated.version != stale)
        let lostUpdate = await calDAVFailure { () async throws(ProviderError) in
            try await provider.updateEvent(
                at: created.event.address, projection: CalDAVSamples.projection(), precondition: .ifMatch(stale))
        }
        #expect(lostUpdate?.recovery == .rereadAndRetry)
        let staleDelete = await calDAVFailure { () async throws(ProviderError) in
            try await provider.deleteEvent(at: created.event.address, precondition: .ifMatch(stale))
        }
        #expect(staleDelete?.recovery == .rereadAndRetry)
        let current = try await provider.event(at: created.event.address)
        #expect(current.version == updated.version)
        #expect(current.delta.content?.title == "Busy too")
        let currentVersion = try #require(current.version)
        let deleted = try await provider.deleteEvent(at: created.event.address, precondition: .ifMatch(currentVersion))
        #expect(deleted == .deleted)
        let again = try await provider.deleteEvent(at: created.event.address, precondition: .none)
        #expect(again == .alreadyGone)
        let missing = await calDAVFailure { () async throws(ProviderError) in
            try await provider.updateEvent(
                at: created.event.address, projection: CalDAVSamples.projection(), precondition: .none)
        }
        guard case .notFound? = missing else {
            Issue.record("an update of a deleted event must be notFound, got \(String(describing: missing))")
            return
        }
    }

    @Test func writeAnsweredWithoutETagIsFollowedByAPropfind() async throws {
        let world = makeCalDAVWorld { $0.omitETagChance = .always }
        let created = try await world.provider.createEvent(
            in: world.calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        let inspected = world.server.inspectResource(calendarID: world.calendar, uid: created.event.address.eventID)
        let stored = try #require(inspected)
        #expect(created.event.version?.rawValue == stored.etag)
        #expect(world.trace.records.contains { $0.contains("PROPFIND") })
    }

    @Test func instanceAddressesCannotBeWritten() async throws {
        let world = makeCalDAVWorld()
        let address = EventAddress(calendarID: world.calendar, eventID: "weekly-1@example.org#20260303T080000Z")
        let failure = await calDAVFailure { () async throws(ProviderError) in
            try await world.provider.deleteEvent(at: address, precondition: .none)
        }
        guard case .invalidRequest? = failure else {
            Issue.record("expected invalidRequest, got \(String(describing: failure))")
            return
        }
    }

    @Test func pushOperationsAreUnsupportedAndTheAccountIsPolled() async throws {
        let world = makeCalDAVWorld()
        let provider = world.provider
        #expect(provider.pollInterval == .seconds(300))
        let request = PushChannelRequest(
            channelID: "c1", address: "https://example.org/hook", verificationToken: ProviderSecret("t"), expiresAt: nil
        )
        let failure = await calDAVFailure { () async throws(ProviderError) in
            try await provider.watch(calendarID: world.calendar, request: request)
        }
        #expect(failure?.kind == "unsupported")
        let refresh = await calDAVFailure { () async throws(ProviderError) in
            try await provider.refreshAccessToken(using: ProviderSecret("r"))
        }
        #expect(refresh?.kind == "unsupported")
    }

    static func plainEvent(uid: String, summary: String = "Lunch", day: Int = 3) -> String {
        """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//EN
        BEGIN:VEVENT
        UID:\(uid)
        DTSTAMP:20260301T000000Z
        DTSTART:202603\(day < 10 ? "0" : "")\(day)T120000Z
        DTEND:202603\(day < 10 ? "0" : "")\(day)T130000Z
        SUMMARY:\(summary)
        END:VEVENT
        END:VCALENDAR
        """.replacingLineEnds()
    }
}
