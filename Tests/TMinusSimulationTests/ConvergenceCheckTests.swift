import TMinusCore
import TMinusEngine
import Testing

@testable import TMinusSimulation

/// The convergence check (M) against a converged world and against each kind of miss it reports:
/// its lookups are indexed once per check, and must answer what a search of every row answers.
struct ConvergenceCheckTests {
    private static func entry(
        _ world: SyncWorld, _ account: WorldAccount, eventID: String, title: String = "Review",
        begin: Timestamp = Timestamp(secondsSinceEpoch: 1_772_438_400 + 7200)
    ) -> HumanLedger.Entry {
        HumanLedger.Entry(
            login: account.login, calendarID: account.primaryCalendarID, eventID: eventID, title: title,
            start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC"),
            deleted: false)
    }

    private static func messages(_ world: SyncWorld) async throws -> [String] {
        try await WorldChecker(world: world).checkConvergence().map(\.message)
    }

    @Test func aConvergedWorldWithItsOriginInTheLedgerPasses() async throws {
        let world = try await EngineDeletePathTests.world(seed: 35)
        let google = world.accounts[0]
        let id = try await EngineDeletePathTests.createOrigin(world, in: google, title: "Review")
        world.ledger.withLock { $0.record(Self.entry(world, google, eventID: id)) }
        #expect(try await Self.messages(world).isEmpty)
    }

    @Test func anOriginWithoutACanonicalEventIsReportedEvenWhenItIsAPrefixOfOne() async throws {
        let world = try await EngineDeletePathTests.world(seed: 36)
        let google = world.accounts[0]
        let id = try await EngineDeletePathTests.createOrigin(world, in: google, title: "Review")
        let prefix = String(id.dropLast(2))  // a prefix, but not a series ("_" or "#" does not follow)
        world.ledger.withLock {
            $0.record(Self.entry(world, google, eventID: "never-synced"))
            $0.record(Self.entry(world, google, eventID: prefix))
        }
        let found = try await Self.messages(world)
        #expect(found.contains("origin never-synced of \(google.accountID) has no live canonical event"))
        #expect(found.contains("origin \(prefix) of \(google.accountID) has no live canonical event"))
        #expect(found.count == 2)
    }

    @Test func aMirrorDeletedAtItsProviderIsReportedMissingInThatAccountOnly() async throws {
        let world = try await EngineDeletePathTests.world(seed: 37)
        let (google, microsoft) = (world.accounts[0], world.accounts[1])
        _ = try await EngineDeletePathTests.createOrigin(world, in: google, title: "Review")
        let (calendarID, mirror) = try #require(world.managedEvents(of: microsoft).first)
        try world.host(for: .microsoft)!.humans.humanDeleteEvent(
            account: microsoft.login, calendarID: calendarID, eventID: mirror.id)
        let found = try await Self.messages(world)
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix("missing in \(microsoft.accountID)") == true, "\(found)")
    }

    @Test func aCanonicalEventThatMissedItsOriginsLastEditIsReportedStale() async throws {
        let world = try await EngineDeletePathTests.world(seed: 38)
        let (google, caldav) = (world.accounts[0], world.accounts[2])
        let moved = try await EngineDeletePathTests.createOrigin(world, in: google, title: "Review")
        let renamed = try await EngineDeletePathTests.createOrigin(world, in: caldav, title: "Review")
        // What the people last left, as the ledger says; the engine never heard of either edit.
        world.ledger.withLock {
            $0.record(Self.entry(world, google, eventID: moved, begin: Timestamp(secondsSinceEpoch: 1_772_438_400 + 9000)))
            $0.record(Self.entry(world, caldav, eventID: renamed, title: "Review (moved rooms)"))
        }
        let found = try await Self.messages(world)
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.hasSuffix("of origin \(moved) in \(google.accountID) has a stale start") }, "\(found)")
        #expect(found.contains { $0.hasSuffix("of origin \(renamed) in \(caldav.accountID) has a stale title") }, "\(found)")
    }

    @Test func humanEventsOutsideEveryListingWindowNeedNoCanonicalEvent() async throws {
        let world = try await EngineDeletePathTests.world(seed: 39)
        let google = world.accounts[0]
        let now = world.clock.now()
        let configuration = world.engine.syncConfiguration
        let day = Duration.seconds(86_400)
        // Booked years ahead, or left months behind: the engine lists neither, and either answer is right.
        let beyond = now.adding(configuration.lookAhead + day * 400)
        let behind = now.adding(.zero - configuration.lookBehind - day * 60)
        // Just inside the covered span on either side: demanded.
        let lastCovered = world.createdAt.adding(configuration.lookAhead - WorldChecker.windowMargin - day)
        let firstCovered = now.adding(.zero - configuration.lookBehind + WorldChecker.windowMargin + day)
        world.ledger.withLock {
            $0.record(Self.entry(world, google, eventID: "beyond", begin: beyond))
            $0.record(Self.entry(world, google, eventID: "behind", begin: behind))
            $0.record(Self.entry(world, google, eventID: "last-covered", begin: lastCovered))
            $0.record(Self.entry(world, google, eventID: "first-covered", begin: firstCovered))
        }
        let found = try await Self.messages(world)
        #expect(
            found == [
                "origin first-covered of \(google.accountID) has no live canonical event",
                "origin last-covered of \(google.accountID) has no live canonical event",
            ], "\(found)")
    }

    @Test func aForeignTaggedEventIsDemandedOnlyInsideTheListingWindow() async throws {
        let world = try await EngineDeletePathTests.world(seed: 40)
        let google = world.accounts[0]
        let humans = try #require(world.host(for: .google)).humans
        // Events another sync tool tagged as its own, put there behind the engine's back (no sync).
        func foreign(_ title: String, at begin: Timestamp) throws -> String {
            var draft = HumanEventDraft(
                title: title, start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC"))
            draft.privateProperties = [ManagedMarkers.GoogleKey.managed: "true", "managedBy": "othersync"]
            return try humans.humanCreateEvent(account: google.login, calendarID: google.primaryCalendarID, draft)
        }
        let soon = try foreign("Shift", at: world.clock.now().adding(.seconds(86_400)))
        _ = try foreign("Shift in three years", at: world.clock.now().adding(.seconds(3 * 365 * 86_400)))
        let found = try await WorldChecker(world: world).checkConvergence().map(\.message)
        #expect(found == ["foreign-managed \(soon) in \(google.accountID) was never ingested as an origin"], "\(found)")
    }
}
