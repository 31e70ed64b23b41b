import TMinusCore
import TMinusEngine
import TMinusSimulation
import TMinusStore
import Testing

/// Engine rule 3's circuit breaker: a full listing missing too many known origins deletes nothing,
/// and the account's sync health keeps saying why until a sync succeeds.
struct SyncCircuitBreakerTests {
    static let start = Timestamp(secondsSinceEpoch: 1_772_438_400)

    static func world() async throws -> SyncWorld {
        try await SyncWorld.build(
            seed: SimulationSeed(41), clock: ManualClock(start: start), trace: NullTraceSink(),
            accounts: [.google, .microsoft])
    }

    static func health(_ world: SyncWorld, _ account: WorldAccount) async throws -> SyncHealth {
        try #require(try await world.engine.status(userID: world.userID).first { $0.accountID == account.accountID })
            .health
    }

    static func sync(_ world: SyncWorld, _ account: WorldAccount, full: Bool) async throws {
        try await world.engine.requestSync(SyncRequest(accountID: account.accountID, full: full, reason: "test"))
        try await EngineDeletePathTests.settle(world)
    }

    @Test func aFullListingMissingMostOriginsDeletesNothingAndTheHealthSaysWhy() async throws {
        let world = try await Self.world()
        // Graph's full listing (a fresh delta round) does not mention events deleted before it.
        let origin = world.accounts[1]
        let humans = try #require(world.host(for: .microsoft)).humans
        var ids: [String] = []
        for (index, title) in ["Standup", "Review", "Retro"].enumerated() {
            let begin = Self.start.adding(.seconds(7200 + 3600 * Int64(index)))
            ids.append(
                try humans.humanCreateEvent(
                    account: origin.login, calendarID: origin.primaryCalendarID,
                    HumanEventDraft(
                        title: title, start: .timed(begin, timeZone: "UTC"),
                        end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC"))))
        }
        try await Self.sync(world, origin, full: false)
        #expect(world.managedEvents(of: world.accounts[0]).count == 3)
        #expect(try await Self.health(world, origin).lastError == nil)

        // Two of three gone at once: more than the breaker's 30%, so the full sync deletes nothing.
        for id in ids.prefix(2) {
            try humans.humanDeleteEvent(account: origin.login, calendarID: origin.primaryCalendarID, eventID: id)
        }
        try await Self.sync(world, origin, full: true)
        #expect(world.managedEvents(of: world.accounts[0]).count == 3)
        let tripped = try await Self.health(world, origin)
        #expect(tripped.lastError == "circuit breaker: 2 of 3 events missing from a full listing")
        #expect(tripped.consecutiveErrors == 1)

        // The next sync that completes without tripping it records a success again.
        try await Self.sync(world, origin, full: false)
        let recovered = try await Self.health(world, origin)
        #expect(recovered.lastError == nil)
        #expect(recovered.consecutiveErrors == 0)
    }

    @Test func originsOlderThanTheListingWindowAreNotMissingFromAFullListing() async throws {
        let world = try await Self.world()
        // Google's incremental rounds report events of any date, so the engine knows old ones too.
        let origin = world.accounts[0]
        let humans = try #require(world.host(for: .google)).humans
        let day = Duration.seconds(86_400)
        for (index, title) in ["Kickoff", "Offsite", "Review", "Standup"].enumerated() {
            // Three from two months ago, beyond the 30-day look-behind; one this week.
            let begin = Self.start.adding(index < 3 ? .zero - day * Int64(60 + index) : .seconds(7200))
            _ = try humans.humanCreateEvent(
                account: origin.login, calendarID: origin.primaryCalendarID,
                HumanEventDraft(
                    title: title, start: .timed(begin, timeZone: "UTC"), end: .timed(begin.adding(.seconds(1800)), timeZone: "UTC")))
        }
        try await Self.sync(world, origin, full: false)
        #expect(world.managedEvents(of: world.accounts[1]).count == 4)

        // The full listing's window leaves the three out; that says nothing, so nothing trips.
        try await Self.sync(world, origin, full: true)
        let health = try await Self.health(world, origin)
        #expect(health.lastError == nil, "\(health)")
        #expect(health.consecutiveErrors == 0)
        #expect(world.managedEvents(of: world.accounts[1]).count == 4)
    }
}
