import TMinusCore
import TMinusEngine
@testable import TMinusSimulation
import Testing

/// The checker's view of the fakes (``FakeView``) follows their change logs and equals a full
/// inspection; the fake-side checks judge what changed and find what a walk over everything finds;
/// cross-check mode catches a broken view and a missed change.
struct FakeViewCheckerTests {
    private static let start = Timestamp(secondsSinceEpoch: 1_772_438_400)

    private static func world() async throws -> SyncWorld {
        try await SyncWorld.build(
            seed: SimulationSeed(41), clock: ManualClock(start: start), trace: NullTraceSink(),
            accounts: [.google, .microsoft, .caldav])
    }

    private static func draft(_ title: String, hour: Int64) -> HumanEventDraft {
        let begin = start.adding(.seconds(hour * 3600))
        return HumanEventDraft(
            title: title, start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC"))
    }

    /// Creates one event in each account's primary calendar, recorded in the humans' ledger.
    @discardableResult
    private static func createOneEventEach(in world: SyncWorld, title: String) throws -> [HumanLedger.Entry] {
        try world.accounts.map { account in
            let draft = draft(title, hour: 10)
            let id = try world.host(for: account.provider)!.humans.humanCreateEvent(
                account: account.login, calendarID: account.primaryCalendarID, draft)
            let entry = HumanLedger.Entry(
                login: account.login, calendarID: account.primaryCalendarID, eventID: id, title: draft.title,
                start: draft.start, end: draft.end, deleted: false)
            world.ledger.withLock { $0.record(entry) }
            return entry
        }
    }

    private static func update(_ view: inout FakeView, from world: SyncWorld) -> FakeView.Changes {
        var changes = FakeView.Changes()
        for (index, host) in world.hosts.enumerated() {
            view.update(host: index, provider: host.kind, from: host.inspection, into: &changes)
        }
        return changes
    }

    private static func expectEqualsInspection(_ view: FakeView, _ world: SyncWorld) {
        for (index, host) in world.hosts.enumerated() {
            #expect(view.inspectedCalendars(host: index) == host.inspection.inspectCalendars(), "\(host.kind)")
        }
        #expect(view.indexes == view.rebuiltIndexes())
    }

    @Test func theViewFollowsCreatesEditsDeletesAndDeletedCalendarsAtEveryFake() async throws {
        let world = try await Self.world()
        var view = FakeView()
        _ = Self.update(&view, from: world)
        Self.expectEqualsInspection(view, world)

        let created = try Self.createOneEventEach(in: world, title: "Standup")
        var changes = Self.update(&view, from: world)
        Self.expectEqualsInspection(view, world)
        #expect(Set(changes.events.map(\.eventID)).isSuperset(of: created.map(\.eventID)))

        for (account, entry) in zip(world.accounts, created) {
            let humans = world.host(for: account.provider)!.humans
            try humans.humanEditEvent(
                account: account.login, calendarID: entry.calendarID, eventID: entry.eventID, HumanEventEdit(title: "Renamed"))
        }
        changes = Self.update(&view, from: world)
        Self.expectEqualsInspection(view, world)
        #expect(Set(changes.events.map(\.eventID)) == Set(created.map(\.eventID)), "only the edited events changed")
        #expect(Self.update(&view, from: world).events.isEmpty, "nothing changed since")

        for (account, entry) in zip(world.accounts, created) {
            try world.host(for: account.provider)!.humans.humanDeleteEvent(
                account: account.login, calendarID: entry.calendarID, eventID: entry.eventID)
        }
        _ = Self.update(&view, from: world)
        Self.expectEqualsInspection(view, world)

        // A calendar with an event in it, then deleted with everything in it.
        let sides = try world.accounts.map { account in
            let humans = world.host(for: account.provider)!.humans
            let calendar = try humans.humanCreateCalendar(account: account.login, title: "Side")
            _ = try humans.humanCreateEvent(account: account.login, calendarID: calendar, Self.draft("Side", hour: 12))
            return calendar
        }
        _ = Self.update(&view, from: world)
        Self.expectEqualsInspection(view, world)
        for (account, calendar) in zip(world.accounts, sides) {
            try world.host(for: account.provider)!.humans.humanDeleteCalendar(account: account.login, calendarID: calendar)
        }
        changes = Self.update(&view, from: world)
        Self.expectEqualsInspection(view, world)
        #expect(changes.events.count >= 3, "each deleted calendar's event changed: \(changes.events)")
    }

    @Test func ourMirrorsAreIndexedByCanonicalEventPerAccount() async throws {
        let world = try await Self.world()
        let google = world.accounts.first { $0.provider == .google }!
        var draft = Self.draft("Busy", hour: 9)
        draft.privateProperties = [
            ManagedMarkers.GoogleKey.tminus: "true", ManagedMarkers.GoogleKey.managed: "true",
            ManagedMarkers.GoogleKey.canonicalEventID: "evt_one", ManagedMarkers.GoogleKey.originAccountID: "acc_x",
        ]
        let humans = world.host(for: .google)!.humans
        let first = try humans.humanCreateEvent(account: google.login, calendarID: google.primaryCalendarID, draft)
        let second = try humans.humanCreateEvent(account: google.login, calendarID: google.primaryCalendarID, draft)
        var view = FakeView()
        _ = Self.update(&view, from: world)
        let account = FakeView.AccountRef(host: world.hosts.firstIndex { $0.kind == .google }!, login: google.login)
        #expect(view.indexes.mirrors[account]?["evt_one"]?.map(\.eventID).sorted() == [first, second].sorted())
        #expect(view.isMirror(first, of: account))

        try humans.humanDeleteEvent(account: google.login, calendarID: google.primaryCalendarID, eventID: second)
        let changes = Self.update(&view, from: world)
        #expect(changes.canonicals[account] == ["evt_one"])
        #expect(view.indexes.mirrors[account]?["evt_one"]?.map(\.eventID) == [first])
        Self.expectEqualsInspection(view, world)
    }

    @Test func aHumanEventChangedBehindTheLedgerIsFoundAtTheNextCheck() async throws {
        let world = try await Self.world()
        var checker = WorldChecker(world: world)
        checker.crossCheck = true
        let created = try Self.createOneEventEach(in: world, title: "Dentist")
        #expect(try await world.inspecting { try await checker.checkSafety() }.isEmpty)

        // Something other than the owner renames the Microsoft one and deletes the CalDAV one.
        let microsoft = world.accounts.firstIndex { $0.provider == .microsoft }!
        let caldav = world.accounts.firstIndex { $0.provider == .caldav }!
        try world.host(for: .microsoft)!.humans.humanEditEvent(
            account: world.accounts[microsoft].login, calendarID: created[microsoft].calendarID,
            eventID: created[microsoft].eventID, HumanEventEdit(title: "Not the dentist"))
        try world.host(for: .caldav)!.humans.humanDeleteEvent(
            account: world.accounts[caldav].login, calendarID: created[caldav].calendarID, eventID: created[caldav].eventID)
        let found = try await world.inspecting { try await checker.checkSafety() }
        #expect(found.map(\.invariant) == ["G", "G"], "\(found)")
        #expect(found.contains { $0.message.contains("\(created[microsoft].eventID)") && $0.message.contains("changed") })
        #expect(found.contains { $0.message.contains("\(created[caldav].eventID)") && $0.message.contains("deleted") })
        #expect(try await world.inspecting { try await checker.checkSafety() }.isEmpty, "nothing changed since")
    }

    @Test func aViewThatLostAnEventFailsTheCrossCheck() async throws {
        let world = try await Self.world()
        var checker = WorldChecker(world: world)
        checker.crossCheck = true
        let created = try Self.createOneEventEach(in: world, title: "Lunch")
        _ = try await world.inspecting { try await checker.checkSafety() }
        checker.memory.withLock { memory in
            let google = world.hosts.firstIndex { $0.kind == .google }!
            let entry = created[world.accounts.firstIndex { $0.provider == .google }!]
            memory.fakes.forgetEvent(host: google, calendarID: entry.calendarID, eventID: entry.eventID)
        }
        await #expect(throws: CheckerViewMismatch.self) { try await world.inspecting { try await checker.checkSafety() } }
    }

    @Test func aChangeTheIncrementalChecksDidNotJudgeFailsTheCrossCheck() async throws {
        let world = try await Self.world()
        var checker = WorldChecker(world: world)
        checker.crossCheck = true
        let created = try Self.createOneEventEach(in: world, title: "Gym")
        _ = try await world.inspecting { try await checker.checkSafety() }
        let google = world.accounts.firstIndex { $0.provider == .google }!
        try world.host(for: .google)!.humans.humanDeleteEvent(
            account: world.accounts[google].login, calendarID: created[google].calendarID, eventID: created[google].eventID)
        // The view takes the change in without anything being judged (as a check that lost its
        // changes would): only the walk over everything sees the G violation.
        let stores = try await checker.readStores()
        _ = try checker.readFakes(stores)
        await #expect(throws: CheckerViewMismatch.self) { try await world.inspecting { try await checker.checkSafety() } }
    }

    /// Each fake's stamp (what `needsSafetyCheck` compares at every step) names every calendar of
    /// the inspection in its order with the same owner, ID and flags, stays equal while nothing
    /// changed, and moves with every event change and with a deleted calendar.
    @Test func theInspectionStampMovesWithEveryChangeTheChecksRead() async throws {
        let world = try await Self.world()
        func stamps() -> [[FakeCalendarStamp]] { world.hosts.map { $0.inspection.inspectionStamp() } }
        for host in world.hosts {
            let stamp = host.inspection.inspectionStamp()
            let calendars = host.inspection.inspectCalendars()
            #expect(stamp.map { [$0.account, $0.id] } == calendars.map { [$0.account, $0.id] }, "\(host.kind)")
            #expect(stamp.map(\.isDeleted) == calendars.map(\.isDeleted), "\(host.kind)")
            if host.kind != .caldav {
                #expect(stamp.map(\.title) == calendars.map(\.title), "\(host.kind)")
                #expect(stamp.map(\.isPrimary) == calendars.map(\.isPrimary), "\(host.kind)")
            }
        }
        var before = stamps()
        #expect(stamps() == before, "nothing changed")

        let created = try Self.createOneEventEach(in: world, title: "Standup")
        var after = stamps()
        for index in world.hosts.indices { #expect(after[index] != before[index], "\(world.hosts[index].kind): create") }

        before = after
        for (account, entry) in zip(world.accounts, created) {
            try world.host(for: account.provider)!.humans.humanEditEvent(
                account: account.login, calendarID: entry.calendarID, eventID: entry.eventID, HumanEventEdit(title: "Renamed"))
        }
        after = stamps()
        for index in world.hosts.indices { #expect(after[index] != before[index], "\(world.hosts[index].kind): edit") }

        before = after
        for (account, entry) in zip(world.accounts, created) {
            try world.host(for: account.provider)!.humans.humanDeleteEvent(
                account: account.login, calendarID: entry.calendarID, eventID: entry.eventID)
        }
        after = stamps()
        for index in world.hosts.indices { #expect(after[index] != before[index], "\(world.hosts[index].kind): delete") }

        before = after
        var deleted = 0
        for account in world.accounts where world.deleteOverlayCalendar(of: account) {
            deleted += 1
            let index = try #require(world.hosts.firstIndex { $0.kind == account.provider })
            let stamp = world.hosts[index].inspection.inspectionStamp()
            #expect(stamp != before[index], "\(account.provider): overlay calendar deleted")
            #expect(stamp.contains { $0.isDeleted }, "\(account.provider)")
        }
        #expect(deleted == world.accounts.count, "every account has an overlay calendar to delete")
    }
}
