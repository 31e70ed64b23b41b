import TMinusCore
import Testing

@testable import TMinusSimulation

/// The convergence check (M) against a converged world and against each kind of miss it reports:
/// its lookups are indexed once per check, and must answer what a search of every row answers.
struct ConvergenceCheckTests {
    private static func entry(_ world: SyncWorld, _ account: WorldAccount, eventID: String) -> HumanLedger.Entry {
        let begin = Timestamp(secondsSinceEpoch: 1_772_438_400 + 7200)
        return HumanLedger.Entry(
            login: account.login, calendarID: account.primaryCalendarID, eventID: eventID, title: "Review",
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
}
