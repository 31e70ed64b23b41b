import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusSimulation
import Testing

/// A provider's `Retry-After` throttles the whole account (engine rule 11, invariant K): once one
/// call to an account is refused with it, no other call (a write, a sync's listing, a reconcile)
/// goes to that account until it has passed.
struct EngineRetryAfterTests {
    @Test func aRetryAfterOnOneWriteHoldsEveryWriteToThatAccount() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 5)
        for (index, title) in ["Standup", "Review", "Planning"].enumerated() {
            _ = try world.fake.humanCreateEvent(
                account: world.grantA.account, calendarID: world.grantA.account,
                EngineGoogleFlowTests.draft(title, hoursFromNow: Int64(2 + index), clock: world.clock))
        }
        // For one second, every create of an event answers 429 with a Retry-After of 30 s.
        throttleEvents(of: world, method: "POST")
        _ = world.transport.takeWriteLog()
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()

        let writes = world.transport.takeWriteLog().filter { $0.kind == .write }
        let refused = writes.filter { $0.deliveredStatus == 429 }
        #expect(refused.count == 1, "only the first write meets the throttle; its siblings wait for it")
        let first = try #require(refused.first)
        #expect(first.retryAfterSeconds == 30)
        let notBefore = first.endedAt.adding(.seconds(30))
        #expect(writes.filter { $0 != first }.allSatisfy { $0.sentAt >= notBefore }, "nothing goes out before Retry-After ends")
        #expect(world.overlayEvents(of: world.grantB.account).count == 3, "every mirror is written once the hold ends")
    }

    @Test func aRetryAfterOnAListingHoldsEverySyncAndTheReconcileOfThatAccount() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 6)
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account,
            EngineGoogleFlowTests.draft("Standup", hoursFromNow: 2, clock: world.clock))
        // For one second, every listing of events answers 429 with a Retry-After of 30 s.
        throttleEvents(of: world, method: "GET")
        _ = world.transport.takeWriteLog()
        // A retried poll and a push-triggered sync of the same calendar, delivered in one batch.
        try await world.engine.requestSync(SyncRequest(accountID: world.a, calendarID: world.grantA.account, reason: "test"))
        try await world.engine.requestSync(SyncRequest(accountID: world.a, calendarID: world.grantA.account, reason: "push"))
        try await world.engine.drain()
        // The reconcile does not pass through the sync handler: the account's gate answers it.
        do {
            _ = try await world.engine.reconcile(accountID: world.a)
            Issue.record("a reconcile during the hold must not run")
        } catch let error as ProviderError {
            guard case .rateLimited(let wait?, let context) = error else {
                Issue.record("expected a held rate limit, got \(error)")
                return
            }
            #expect(context.reason == "held")
            #expect(wait > .zero && wait <= .seconds(30))
        }
        let early = world.transport.takeWriteLog().filter { $0.kind == .read }
        #expect(early.count == 1, "only the first listing meets the throttle; nothing else asked again")
        let refused = try #require(early.first)
        #expect(refused.deliveredStatus == 429 && refused.retryAfterSeconds == 30)

        try await world.settle()
        let notBefore = refused.endedAt.adding(.seconds(30))
        let later = world.transport.takeWriteLog().filter { $0.kind == .read }
        #expect(!later.isEmpty, "the held sync lists again once the hold ends")
        #expect(later.allSatisfy { $0.sentAt >= notBefore }, "nothing is listed again before Retry-After ends")
        #expect(world.overlayEvents(of: world.grantB.account).count == 1, "the event is mirrored once the hold ends")
    }

    /// For one second from now, every `method` request to the events collection answers 429 with a
    /// `Retry-After` of 30 s.
    private func throttleEvents(of world: EngineGoogleFlowTests.World, method: String) {
        let start = world.clock.now()
        world.fake.reconfigure { configuration in
            configuration.faults = [
                GoogleFaultRule(
                    .rateLimitExceeded429, target: RequestPattern(path: "/calendar/v3/calendars/*/events", method: method),
                    window: TimeWindow(from: start, to: start.adding(.seconds(1))), probability: .always,
                    retryAfter: DelayRange(.seconds(30), .seconds(30)))
            ]
        }
    }
}
