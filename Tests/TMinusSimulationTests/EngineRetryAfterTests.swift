import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// A provider's `Retry-After` throttles the whole account (engine rule 11, invariant K): once one
/// write to an account is refused with it, no other write goes to that account until it has passed.
struct EngineRetryAfterTests {
    @Test func aRetryAfterOnOneWriteHoldsEveryWriteToThatAccount() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 5)
        for (index, title) in ["Standup", "Review", "Planning"].enumerated() {
            _ = try world.fake.humanCreateEvent(
                account: world.grantA.account, calendarID: world.grantA.account,
                EngineGoogleFlowTests.draft(title, hoursFromNow: Int64(2 + index), clock: world.clock))
        }
        // For one second, every create of an event answers 429 with a Retry-After of 30 s.
        let start = world.clock.now()
        world.fake.reconfigure { configuration in
            configuration.faults = [
                GoogleFaultRule(
                    .rateLimitExceeded429, target: RequestPattern(path: "/calendar/v3/calendars/*/events", method: "POST"),
                    window: TimeWindow(from: start, to: start.adding(.seconds(1))), probability: .always,
                    retryAfter: DelayRange(.seconds(30), .seconds(30)))
            ]
        }
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
}
