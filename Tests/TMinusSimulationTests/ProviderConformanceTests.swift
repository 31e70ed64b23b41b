import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// The provider abstraction, checked the same way for every provider: each adapter against its
/// own wire-level fake through the simulated transport, on a manual clock. A behaviour that
/// passes for one provider and not another is an asymmetry in the abstraction.
struct ProviderConformanceTests {
    /// Every provider the suite runs; adding one is one line (its world lives in its own file).
    static let providers: [ConformanceSubject] = [.google, .microsoft, .caldav]

    static let markers = ManagedMarkers(
        canonicalEventID: "evt_01JCONFORMANCE00000000000A", originAccountID: "acc_origin")
    static let key = MirrorKey(canonicalEventID: markers.canonicalEventID, targetAccountID: "acc_target")

    /// A projection one day after the start, an hour long.
    static func projection(description: String? = nil, location: String? = nil) -> ProjectedEvent {
        let start = conformanceStart.adding(.seconds(86_400 + 3_600))
        return ProjectedEvent(
            summary: description == nil ? "Busy" : "Quarterly review", description: description, location: location,
            start: .timed(start, timeZone: "Europe/Berlin"),
            end: .timed(start.adding(.seconds(3_600)), timeZone: "Europe/Berlin"),
            transparency: .opaque, visibility: description == nil ? .private : .default, markers: markers)
    }

    static func draft(_ title: String, hours: Int64) -> HumanEventDraft {
        let start = conformanceStart.adding(.seconds(hours * 3_600))
        return HumanEventDraft(
            title: title, start: .timed(start, timeZone: "Europe/Berlin"),
            end: .timed(start.adding(.seconds(1_800)), timeZone: "Europe/Berlin"))
    }

    @Test(arguments: providers)
    func listsCalendarsWithTheWritablePrimaryOne(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(1)
        let calendars = try await world.provider.listCalendars()
        let primary = try #require(calendars.first { $0.isPrimary })
        #expect(primary.id == world.personalCalendarID)
        #expect(primary.isWritable)
    }

    @Test(arguments: providers)
    func findOrCreateOverlayIsIdempotent(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(2)
        let first = try await world.provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
        let second = try await world.provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
        #expect(first.created && !second.created)
        #expect(first.calendar.id == second.calendar.id)
        let named = world.inspection.inspectCalendars().filter {
            $0.title == OverlayCalendar.defaultName && !$0.isDeleted
        }
        #expect(named.count == 1)
    }

    @Test(arguments: providers)
    func aCreatedMirrorIsListedWithOurMarkersAndClassifiesAsManaged(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(3)
        let overlay = try await world.provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName).calendar
        let created = try await world.provider.createEvent(in: overlay.id, projection: Self.projection(), key: Self.key)
        #expect(created.disposition == .created)
        let listing = try await world.provider.fullListing(calendarID: overlay.id, window: nil)
        let record = try #require(listing.records.first { $0.delta.providerEventID == created.event.address.eventID })
        guard case .managedMirror(let found) = EventClassifier.classify(record.delta.markers, isRecordedMirror: false)
        else {
            Issue.record("\(subject): the mirror classifies as an origin")
            return
        }
        if let found, !found.canonicalEventID.isEmpty { #expect(found == Self.markers) }
        let read = try await world.provider.event(at: created.event.address)
        #expect(EventClassifier.classify(read.delta.markers, isRecordedMirror: false) == .managedMirror(Self.markers))
        #expect(read.delta.content?.start.instant == Self.projection().start.instant)
    }

    @Test(arguments: providers)
    func incrementalRoundsReportAHumanEditThenADelete(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(4)
        let id = try world.human.humanCreateEvent(
            account: world.account, calendarID: world.personalCalendarID, Self.draft("Dentist", hours: 5))
        let full = try await world.provider.fullListing(calendarID: world.personalCalendarID, window: nil)
        #expect(full.records.contains { $0.delta.providerEventID == id && $0.delta.content?.title == "Dentist" })
        try world.human.humanEditEvent(
            account: world.account, calendarID: world.personalCalendarID, eventID: id,
            HumanEventEdit(title: "Dentist (moved)"))
        let edited = try await world.provider.changes(calendarID: world.personalCalendarID, since: full.cursor)
        #expect(
            edited.records.contains { $0.delta.providerEventID == id && $0.delta.content?.title == "Dentist (moved)" })
        try world.human.humanDeleteEvent(account: world.account, calendarID: world.personalCalendarID, eventID: id)
        let deleted = try await world.provider.changes(calendarID: world.personalCalendarID, since: edited.cursor)
        #expect(deleted.records.contains { $0.delta.providerEventID == id && $0.isDeletion })
    }

    @Test(arguments: providers)
    func anInvalidatedCursorIsCursorInvalidAndAFullListingRecovers(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(5)
        let id = try world.human.humanCreateEvent(
            account: world.account, calendarID: world.personalCalendarID, Self.draft("Gym", hours: 3))
        let full = try await world.provider.fullListing(calendarID: world.personalCalendarID, window: nil)
        world.invalidateCursors(world.personalCalendarID)
        let error = await conformanceFailure { () async throws(ProviderError) in
            try await world.provider.changes(calendarID: world.personalCalendarID, since: full.cursor)
        }
        #expect(error?.kind == "cursorInvalid" && error?.recovery == .fullResync)
        let again = try await world.provider.fullListing(calendarID: world.personalCalendarID, window: nil)
        #expect(again.records.contains { $0.delta.providerEventID == id })
        #expect(
            try await world.provider.changes(calendarID: world.personalCalendarID, since: again.cursor).records.isEmpty)
    }

    @Test(arguments: providers)
    func aCreateWhoseResponseIsLostIsAdoptedOnRetryWithExactlyOneEvent(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(6)
        let overlay = try await world.provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName).calendar
        let now = world.clock.now()
        world.transport.setFaults(
            NetworkFaults(
                latency: .instant,
                rules: [
                    NetworkFaultRule(
                        .timeoutAfterApply, target: RequestPattern(path: world.createPath, method: world.createMethod),
                        window: TimeWindow(from: now, to: now.adding(.milliseconds(1))), probability: .always)
                ]))
        let lost = await conformanceFailure { () async throws(ProviderError) in
            try await world.provider.createEvent(in: overlay.id, projection: Self.projection(), key: Self.key)
        }
        #expect(lost?.kind == "transient")
        let retried = try await world.provider.createEvent(in: overlay.id, projection: Self.projection(), key: Self.key)
        #expect(retried.disposition != .adoptedAndRewritten, "the first attempt already holds this projection")
        let live = try #require(world.inspection.inspectCalendars().first { $0.id == overlay.id }).liveEvents
        #expect(live.count == 1)
        #expect(live.first?.id == retried.event.address.eventID)
    }

    @Test(arguments: providers)
    func anUpdateReallyClearsFieldsOnADowngrade(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(7)
        let overlay = try await world.provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName).calendar
        let full = Self.projection(description: "Numbers, hiring", location: "Room 4")
        let created = try await world.provider.createEvent(in: overlay.id, projection: full, key: Self.key)
        let before = try await world.provider.event(at: created.event.address)
        #expect(before.delta.content?.description == "Numbers, hiring" && before.delta.content?.location == "Room 4")
        _ = try await world.provider.updateEvent(
            at: created.event.address, projection: Self.projection(),
            precondition: before.version.map { .ifMatch($0) } ?? .none)
        let after = try await world.provider.event(at: created.event.address)
        #expect(after.delta.content?.title == "Busy")
        #expect(after.delta.content?.description == nil)
        #expect(after.delta.content?.location == nil)
    }

    @Test(arguments: providers)
    func deletingTwiceIsDeletedThenAlreadyGone(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(8)
        let overlay = try await world.provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName).calendar
        let created = try await world.provider.createEvent(in: overlay.id, projection: Self.projection(), key: Self.key)
        #expect(try await world.provider.deleteEvent(at: created.event.address, precondition: .none) == .deleted)
        #expect(try await world.provider.deleteEvent(at: created.event.address, precondition: .none) == .alreadyGone)
    }

    @Test(arguments: providers)
    func throttlingIsRateLimitedWithRetryAfterAndTheWaitWorks(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(9)
        world.throttleBriefly(7)
        let error = await conformanceFailure { () async throws(ProviderError) in
            try await world.provider.listCalendars()
        }
        #expect(error?.kind == "rateLimited")
        #expect(error?.recovery == .retryAfter(.seconds(7)))
        world.clock.advance(by: .seconds(7))
        #expect(try await !world.provider.listCalendars().isEmpty)
    }

    @Test(arguments: providers)
    func aSingle401RefreshesTheTokenAndTheCallSucceeds(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(10)
        let refreshBefore = world.credentials.currentRefreshToken
        world.expireAccessTokens()
        #expect(try await !world.provider.listCalendars().isEmpty)
        #expect(world.credentials.refreshCount == 1)
        if world.kind == .microsoft {
            #expect(
                world.credentials.currentRefreshToken != refreshBefore, "Graph rotates the refresh token on every use")
        }
    }

    @Test(arguments: providers)
    func aRevokedGrantIsTokenRevoked(subject: ConformanceSubject) async throws {
        let world = subject.makeWorld(11)
        world.revokeGrant()
        world.expireAccessTokens()
        let error = await conformanceFailure { () async throws(ProviderError) in
            try await world.provider.listCalendars()
        }
        #expect(error?.kind == "tokenRevoked")
        #expect(error?.recovery == .relinkAccount)
    }
}

/// The error `body` throws, or nil when it succeeds.
func conformanceFailure<Value>(_ body: () async throws(ProviderError) -> Value) async -> ProviderError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
