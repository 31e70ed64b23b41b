import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusSimulation
import TMinusStore
import Testing

/// A person deleting the overlay calendar (the calendar busy blocks live in) is recovered: the
/// engine re-creates the calendar and places every busy block again, through the next write or the
/// reconcile, while a single mirror deleted by a person is still tombstoned (engine rule 2).
struct EngineOverlayRecoveryTests {
    typealias Support = EngineDeletePathTests

    /// The live overlay calendars of one account at its fake.
    static func overlays(_ world: SyncWorld, _ account: WorldAccount) -> [InspectedCalendar] {
        world.host(for: account.provider)!.inspection.inspectCalendars().filter {
            $0.account == account.login && !$0.isDeleted && !$0.isPrimary && $0.title == OverlayCalendar.defaultName
        }
    }

    static func deleteOverlay(_ world: SyncWorld, _ account: WorldAccount) throws {
        let overlay = try #require(overlays(world, account).first)
        try world.host(for: account.provider)!.humans.humanDeleteCalendar(account: account.login, calendarID: overlay.id)
        #expect(world.managedEvents(of: account).isEmpty, "the busy blocks went with the calendar")
    }

    @Test(arguments: [0, 1, 2])
    func anEditAfterTheOverlayWasDeletedRecreatesItAndPlacesTheMirrorAgain(targetIndex: Int) async throws {
        let world = try await Support.world(seed: 41)
        let target = world.accounts[targetIndex]
        let origin = world.accounts[(targetIndex + 1) % world.accounts.count]
        let id = try await Support.createOrigin(world, in: origin, title: "Review")
        #expect(world.managedEvents(of: target).count == 1)
        try Self.deleteOverlay(world, target)
        let begin = Timestamp(secondsSinceEpoch: 1_772_438_400 + 4 * 3600)
        try world.host(for: origin.provider)!.humans.humanEditEvent(
            account: origin.login, calendarID: origin.primaryCalendarID, eventID: id,
            HumanEventEdit(start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC")))
        try await world.engine.requestSync(SyncRequest(accountID: origin.accountID, reason: "test"))
        try await Support.settle(world)
        let after = Self.overlays(world, target)
        #expect(after.count == 1, "exactly one live overlay calendar again (CalDAV may reuse the path)")
        #expect(world.managedEvents(of: target).map(\.0) == after.map(\.id), "the mirror lives in the new overlay")
        #expect(try await WorldChecker(world: world).checkConvergence().isEmpty)
    }

    @Test func aReconcileNoticesTheMissingOverlayAndRepairsIt() async throws {
        let world = try await Support.world(seed: 42)
        let google = world.accounts[0]
        let microsoft = world.accounts[1]
        _ = try await Support.createOrigin(world, in: google, title: "Standup")
        _ = try await Support.createOrigin(world, in: google, title: "Lunch")
        try Self.deleteOverlay(world, microsoft)
        let repairs = try await world.engine.reconcile(accountID: microsoft.accountID)
        #expect(repairs.mirrorsReplaced == 2)
        try await Support.settle(world)
        #expect(Self.overlays(world, microsoft).count == 1)
        #expect(world.managedEvents(of: microsoft).count == 2)
        #expect(try await WorldChecker(world: world).checkConvergence().isEmpty)
        let again = try await world.engine.reconcile(accountID: microsoft.accountID)
        #expect(again.mirrorsReplaced == 0, "a second reconcile finds nothing to replace")
    }

    @Test func aSingleMirrorDeletedByAPersonIsStillTombstoned() async throws {
        let world = try await Support.world(seed: 43)
        let google = world.accounts[0]
        let microsoft = world.accounts[1]
        let id = try await Support.createOrigin(world, in: google, title: "Focus")
        let (calendarID, mirror) = try #require(world.managedEvents(of: microsoft).first)
        try world.host(for: .microsoft)!.humans.humanDeleteEvent(
            account: microsoft.login, calendarID: calendarID, eventID: mirror.id)
        let begin = Timestamp(secondsSinceEpoch: 1_772_438_400 + 5 * 3600)
        try world.host(for: .google)!.humans.humanEditEvent(
            account: google.login, calendarID: google.primaryCalendarID, eventID: id,
            HumanEventEdit(start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC")))
        try await world.engine.requestSync(SyncRequest(accountID: google.accountID, reason: "test"))
        try await Support.settle(world)
        #expect(world.managedEvents(of: microsoft).isEmpty, "not recreated unless asked")
        #expect(Self.overlays(world, microsoft).map(\.id) == [calendarID], "the overlay itself stays")
    }
}
