@testable import TMinusSimulation
import TMinusCore
import TMinusProviders
import Testing

/// Every error answer the fakes give, cut short or damaged in transit at every position (the
/// `truncated-body` and `malformed-body` faults), is never classified more finally than the whole
/// answer: damage may turn a decision into "retry", never into "give up" (a mirror recorded as
/// failed for good, an account to relink, a resource taken for deleted). Fuzz seeds 24983, 31697
/// and a CalDAV `valid-sync-token` 403 each found one place where it did. The token endpoints'
/// answers are collected from the fakes' own refusals (revoked, idle, wrong client or grant type).
@Suite struct DamagedErrorAnswerTests {
    /// Recoveries after which the engine does not try the same request again by itself.
    static func isFinal(_ recovery: ProviderRecovery) -> Bool {
        switch recovery {
        case .doNotRetry, .relinkAccount, .treatAsDeleted, .pauseWritesAndAlert, .inspectExisting: return true
        default: return false
        }
    }

    /// Checks every damaged copy of `response` against the whole one under `map`.
    static func checkDamage(
        _ response: HTTPResponse, operation: String, map: (HTTPResponse, String) -> ProviderError
    ) {
        let whole = map(response, operation).recovery
        let body = response.body
        for position in 0...body.count {
            let cut = BodyCorruption.truncate(body, draw: UInt64(position))
            let poisoned = BodyCorruption.malform(body, draw: UInt64(position))
            for damaged in position < body.count ? [cut, poisoned] : [poisoned] {
                var copy = response
                copy.body = damaged
                let recovery = map(copy, operation).recovery
                #expect(
                    recovery == whole || !isFinal(recovery),
                    "\(response.status) \(operation) damaged at \(position): \(recovery), whole: \(whole)")
            }
        }
    }

    static let date = Timestamp(secondsSinceEpoch: 1_772_438_400)

    static let googleWrites = ["events.get", "events.insert", "events.update", "events.delete", "events.watch"]
    static let graphWrites = ["events.get", "events.create", "events.update", "events.delete", "subscriptions.create"]
    static let calDAVWrites = ["put.create", "put.update", "delete", "get", "mkcalendar"]

    @Test func googleErrorsDamagedInTransitAreNeverMoreFinal() {
        let anywhere: [GoogleAPIError] = [
            .parseError(), .required("summary", message: "Missing summary."), .invalid("Invalid value", parameter: "q"),
            .authError(), .userRateLimitExceeded(retryAfter: nil), .userRateLimitExceeded(retryAfter: 5),
            .rateLimitExceeded(status: 403, retryAfter: nil), .rateLimitExceeded(status: 429, retryAfter: 3),
            .quotaExceeded(), .requiredAccessLevel(), .notFound(), .duplicate(), .deleted(), .conditionNotMet(),
            .backendError(), .backendError(status: 503),
        ]
        let listings: [GoogleAPIError] = [
            .timeRangeEmpty(), .syncTokenWithRequestRestrictions("timeMin"), .fullSyncRequired(), .updatedMinTooLongAgo(),
        ]
        let cases = anywhere.map { ($0, ["events.list"] + Self.googleWrites) } + listings.map { ($0, ["events.list"]) }
        for (error, operations) in cases {
            for operation in operations {
                Self.checkDamage(error.response(date: Self.date), operation: operation, map: GoogleErrorMapper.map)
            }
        }
    }

    @Test func graphErrorsDamagedInTransitAreNeverMoreFinal() {
        let anywhere: [GraphAPIError] = [
            .badRequest("Bad request."), .invalidRequest("Invalid request."), .timeZoneNotSupported("Mars/Olympus"),
            .invalidAuthenticationToken(), .accessDenied(), .itemNotFound(), .resourceNotFound("calendars"),
            .folderExists(), .irresolvableConflict(), .tooManyRequests(retryAfter: nil), .tooManyRequests(retryAfter: 4),
            .mailboxConcurrency(retryAfter: 2), .serviceUnavailable(retryAfter: nil), .serviceUnavailable(retryAfter: 6),
            .gatewayTimeout(),
        ]
        let deltas: [GraphAPIError] = [
            .deltaQueryOptionUnsupported(), .syncStateNotFound(generation: 3, highest: 9), .resyncRequired(),
            .syncReset(location: "https://graph.microsoft.com/v1.0/me/calendarView/delta"),
        ]
        let subscriptions: [GraphAPIError] = [
            .validationFailed(mismatch: true), .validationTimedOut(), .subscriptionInvalid("No."),
        ]
        let cases =
            anywhere.map { ($0, ["calendarView.delta"] + Self.graphWrites) } + deltas.map { ($0, ["calendarView.delta"]) }
            + subscriptions.map { ($0, ["subscriptions.create", "subscriptions.renew"]) }
        for (error, operations) in cases {
            for operation in operations {
                Self.checkDamage(
                    error.response(date: Self.date, requestID: "req-1"), operation: operation, map: GraphErrorMapper.map)
            }
        }
    }

    @Test(arguments: [CalDAVDialect.radicale, .xandikos])
    func calDAVErrorsDamagedInTransitAreNeverMoreFinal(dialect: CalDAVDialect) {
        let state = CalDAVServerState(
            configuration: FakeCalDAVConfiguration(dialect: dialect), random: RandomSource(seed: 8), trace: NullTraceSink())
        let now = Self.date
        let sync = CalDAVErrorMapper.syncOperation
        var cases: [(HTTPResponse, [String])] = [
            (state.error(dialect.invalidSyncTokenStatus, [.validSyncToken], description: "Requested sync token is invalid", now: now),
             [sync]),
            (state.error(dialect.uidConflictStatus, [.noUIDConflict(href: nil)], now: now), ["put.create", "put.update"]),
            (state.error(403, [.other(.dav("supported-report"))], now: now), [sync, "calendar-query", "calendar-multiget"]),
            (state.error(403, [.other(.calDAV("valid-filter"))], now: now), ["calendar-query", "calendar-query.uid"]),
            (state.error(409, [.other(.dav("resource-must-be-null"))], now: now), ["mkcalendar"]),
            (state.error(412, [.other(CalDAVNames.validCalendarData)], now: now), ["put.create", "put.update"]),
        ]
        for status in [400, 403, 404, 409, 412, 423, 429, 500, 503, 507] {
            cases.append((state.text(status, now: now), [sync, "calendar-query"] + Self.calDAVWrites))
        }
        for (answer, operations) in cases {
            for operation in operations {
                Self.checkDamage(answer, operation: operation, map: CalDAVErrorMapper.map)
            }
        }
    }

    @Test func tokenEndpointErrorsDamagedInTransitAreNeverMoreFinal() async throws {
        let google = makeGoogleWorld()
        var googleAnswers = [
            try await FakeGoogleOAuthTests.refresh(google, token: google.grant.refreshToken, clientSecret: "guess"),
            try await FakeGoogleOAuthTests.refresh(google, token: google.grant.refreshToken, grantType: "password"),
            try await FakeGoogleOAuthTests.refresh(google, token: "1//not-a-token"),
        ]
        google.server.revokeRefreshToken(account: google.account)
        googleAnswers.append(try await FakeGoogleOAuthTests.refresh(google, token: google.grant.refreshToken))
        let graph = makeGraphWorld()
        graph.server.revokeGrant(account: graph.account)
        var graphAnswers = [try await FakeGraphAuthAndLimitsTests.refresh(graph, graph.grant.refreshToken)]
        let idle = makeGraphWorld()
        idle.clock.advance(by: .seconds(90 * 86_400))
        graphAnswers.append(try await FakeGraphAuthAndLimitsTests.refresh(idle, idle.grant.refreshToken))
        #expect(googleAnswers.allSatisfy { !$0.isSuccess } && graphAnswers.allSatisfy { !$0.isSuccess })
        #expect(GoogleOAuth.mapError(googleAnswers[3], operation: "oauth.token").recovery == .relinkAccount)
        for answer in googleAnswers { Self.checkDamage(answer, operation: "oauth.token", map: GoogleOAuth.mapError) }
        for answer in graphAnswers { Self.checkDamage(answer, operation: "oauth.token", map: GraphOAuth.mapError) }
    }
}
