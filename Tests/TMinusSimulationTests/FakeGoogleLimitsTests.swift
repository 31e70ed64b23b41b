import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

@Suite struct FakeGoogleLimitsTests {
    @Test func thePerUserLimitAnswers403UserRateLimitExceededUntilTheWindowSlides() async throws {
        let world = makeGoogleWorld { configuration in
            configuration.userRequestsPerMinute = 5
            configuration.retryAfterChance = .always
        }
        for _ in 0..<5 { #expect(try await world.client.list("primary", []).status == 200) }
        let throttled = try await world.client.list("primary", [])
        #expect(throttled.status == 403)
        #expect(errorReason(throttled) == "userRateLimitExceeded")
        #expect(throttled.headers["Retry-After"] == "60")
        world.clock.advance(by: .seconds(61))
        #expect(try await world.client.list("primary", []).status == 200)
    }

    @Test func theProjectLimitAnswersRateLimitExceededWith429Or403() async throws {
        let world = makeGoogleWorld { configuration in
            configuration.projectRequestsPerMinute = 3
            configuration.rateLimitStatus429Share = .always
            configuration.retryAfterChance = .never
        }
        let bob = world.server.addAccount("bob@example.com")
        let bobClient = GoogleTestClient(transport: world.transport, accessToken: bob.accessToken)
        for _ in 0..<2 { _ = try await world.client.list("primary", []) }
        _ = try await bobClient.list("primary", [])
        let throttled = try await bobClient.list("primary", [])
        #expect(throttled.status == 429)
        #expect(errorReason(throttled) == "rateLimitExceeded")
        #expect(throttled.headers["Retry-After"] == nil)
        world.server.reconfigure { $0.rateLimitStatus429Share = .never }
        let forbidden = try await world.client.list("primary", [])
        #expect(forbidden.status == 403)
        #expect(errorReason(forbidden) == "rateLimitExceeded")
    }

    @Test func anExhaustedDailyQuotaAnswersQuotaExceededUntilMidnight() async throws {
        let world = makeGoogleWorld { $0.accessTokenLifetime = .seconds(86_400) }
        world.server.exhaustDailyQuota()
        let refused = try await world.client.list("primary", [])
        #expect(refused.status == 403)
        #expect(errorReason(refused) == "quotaExceeded")
        #expect(
            string((jsonObject(refused)["error"]).flatMap { if case .object(let o) = $0 { o["message"] } else { nil } })
                == "Calendar usage limits exceeded.")
        world.clock.advance(by: .seconds(16 * 3_600))  // 08:00 → 00:00 next day
        #expect(try await world.client.list("primary", []).status == 200)
    }

    @Test func aBackendErrorBurstFiresOnlyInsideItsWindowAndTarget() async throws {
        let window = TimeWindow(from: googleWorldStart.adding(.seconds(10)), to: googleWorldStart.adding(.seconds(20)))
        let rule = GoogleFaultRule(
            .backendError, target: RequestPattern(path: "/calendar/v3/calendars/*/events", method: "GET"),
            window: window,
            probability: .always)
        let world = makeGoogleWorld { $0.faults = [rule] }
        #expect(try await world.client.list("primary", []).status == 200)
        world.clock.advance(by: .seconds(10))
        let failed = try await world.client.list("primary", [])
        #expect(failed.status == 500)
        #expect(errorReason(failed) == "backendError")
        #expect(try await world.client.insert("primary", eventBody()).status == 200, "POST is not targeted")
        world.clock.advance(by: .seconds(10))
        #expect(try await world.client.list("primary", []).status == 200)
        #expect(world.trace.records.contains { $0.hasPrefix("google fault backend-error GET") })
    }

    @Test(arguments: GoogleServerFault.allCases)
    func everyInjectedFaultAnswersItsDocumentedShape(fault: GoogleServerFault) async throws {
        let world = makeGoogleWorld { configuration in
            configuration.faults = [
                GoogleFaultRule(fault, probability: .always, retryAfter: DelayRange(.seconds(7), .seconds(7)))
            ]
        }
        let response = try await world.client.list("primary", [])
        let expected: (Int, String) =
            switch fault {
            case .userRateLimitExceeded: (403, "userRateLimitExceeded")
            case .rateLimitExceeded403: (403, "rateLimitExceeded")
            case .rateLimitExceeded429: (429, "rateLimitExceeded")
            case .backendError: (500, "backendError")
            case .serviceUnavailable: (503, "backendError")
            case .quotaExceeded: (403, "quotaExceeded")
            case .conditionNotMet: (412, "conditionNotMet")
            }
        #expect(response.status == expected.0)
        #expect(errorReason(response) == expected.1)
        if fault != .quotaExceeded && fault != .conditionNotMet { #expect(response.headers["Retry-After"] == "7") }
    }
}
