import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusSimulation
import TMinusStore
import Testing

/// Push routing, cron and unlink against the fake Google (engine flows A, E and rule 9).
struct EnginePushCronUnlinkTests {
    static func connectPush(_ world: EngineGoogleFlowTests.World) {
        let engine = world.engine
        world.fake.registerPushReceiver(address: Engine.webhookBase + "/webhook/google") { request in
            await engine.receivePush(from: .google, request)
        }
    }

    @Test func pushForAChangeTriggersASyncAndForgedPushesAreRejected() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 5)
        Self.connectPush(world)
        #expect(world.fake.channels.filter { !$0.stopped }.count >= 2, "onboarding watches each primary calendar")
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account,
            EngineGoogleFlowTests.draft("Pushed", hoursFromNow: 1, clock: world.clock))
        world.clock.advance(by: .seconds(5))
        await world.fake.deliverDuePushes()
        try await world.settle()
        #expect(world.overlayEvents(of: world.grantB.account).count == 1, "the push alone was enough")
        let accepted = await world.engine.pushStatistics.accepted
        #expect(accepted >= 1)
        let channel = try #require(world.fake.channels.first { !$0.stopped })
        var forged = HTTPRequest(method: "POST", url: Engine.webhookBase + "/webhook/google")
        forged.headers = [
            "X-Goog-Channel-ID": channel.id, "X-Goog-Resource-ID": channel.resourceID, "X-Goog-Resource-State": "exists",
            "X-Goog-Message-Number": "99", "X-Goog-Channel-Token": "not-the-token",
        ]
        let reply = await world.engine.receivePush(from: .google, forged)
        #expect(reply.status == 200)
        #expect(await world.engine.pushStatistics.forged == 1)
    }

    @Test func cronPollsRenewsAndDispatchesTheDailyReconcile() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 6)
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account,
            EngineGoogleFlowTests.draft("Polled", hoursFromNow: 1, clock: world.clock))
        let report = await world.engine.cronTick()
        #expect(report.pollsRequested == 2)
        #expect(report.reconcilesRequested == 2)
        try await world.settle()
        #expect(world.overlayEvents(of: world.grantB.account).count == 1, "the poll found the change without any push")
        world.clock.advance(by: .seconds(6 * 86_400 + 3600))  // channels now expire within a day
        let later = await world.engine.cronTick()
        #expect(later.watchesRenewed >= 2)
        #expect(later.reconcilesRequested == 2)
    }

    @Test func cronPollsAccountsWhoseScopesAreAllWatchedHourlyAndOthersEveryFifteenMinutes() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 8)
        #expect(await world.engine.cronTick().pollsRequested == 2, "never polled in this process: due at once")
        try await world.settle()
        world.clock.advance(by: .seconds(15 * 60))
        #expect(await world.engine.cronTick().pollsRequested == 0, "pushes cover every scope: hourly")
        try await world.settle()
        // One account's channel stops: that account relies on polls until cron opens a new one.
        let channel = try #require(try await world.engine.account(world.a).withStore { store throws(StoreError) in
            try store.watches()
        }.first)
        var stopped = channel
        stopped.state = .stopped
        try await world.engine.account(world.a).withStore { store throws(StoreError) in try store.upsertWatch(stopped) }
        world.clock.advance(by: .seconds(15 * 60))
        #expect(await world.engine.cronTick().pollsRequested == 1, "the account without a live watch is polled")
        try await world.settle()
        world.clock.advance(by: .seconds(30 * 60))
        #expect(await world.engine.cronTick().pollsRequested == 2, "an hour since the other account's last poll")
    }

    @Test func revokedRefreshTokenMarksTheAccountForRelinkWithoutRetryStorms() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 7)
        world.fake.revokeRefreshToken(account: world.grantA.account)
        world.fake.expireAccessTokens(account: world.grantA.account)
        _ = await world.engine.cronTick()
        try await world.settle()  // the poll hits 401, the refresh gets invalid_grant
        let status = try await world.engine.status(userID: world.userID)
        #expect(status.first { $0.accountID == world.a }?.registryStatus == .error)
        #expect(status.first { $0.accountID == world.b }?.registryStatus == .active, "other accounts are unaffected")
        try await world.settle()
        let writesBefore = world.fake.writeLog.count
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()
        #expect(world.fake.writeLog.count == writesBefore)
    }

    @Test func consentingAgainAfterARevocationResumesSyncInTheSameProcess() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 9)
        world.fake.revokeRefreshToken(account: world.grantA.account)
        world.fake.expireAccessTokens(account: world.grantA.account)
        _ = await world.engine.cronTick()
        try await world.settle()
        #expect(try await world.engine.status(userID: world.userID).first { $0.accountID == world.a }?.registryStatus == .error)
        let grant = try #require(world.fake.reconsent(account: world.grantA.account))
        let tokens = AccountTokens(
            accessToken: Secret(grant.accessToken), accessTokenExpiresAt: grant.accessTokenExpiresAt,
            refreshToken: Secret(grant.refreshToken), scopes: ["calendar"])
        // The same account comes back: no engine restart clears the memory of the revoked grant.
        let relinked = try await world.engine.linkAccount(
            userID: world.userID, AccountLink(provider: .google, subject: grant.account, tokens: tokens))
        #expect(relinked == world.a)
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account,
            EngineGoogleFlowTests.draft("After consent", hoursFromNow: 2, clock: world.clock))
        world.fake.expireAccessTokens(account: world.grantA.account)  // the next call must refresh with the new grant
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()
        #expect(try await world.engine.status(userID: world.userID).first { $0.accountID == world.a }?.registryStatus == .active)
        #expect(world.overlayEvents(of: world.grantB.account).count == 1, "the new event is mirrored again")
    }

    @Test func aRelinkSendsTheMirrorWritesThatWaitedForTheGrant() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 10)
        world.fake.revokeRefreshToken(account: world.grantB.account)
        world.fake.expireAccessTokens(account: world.grantB.account)
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account,
            EngineGoogleFlowTests.draft("While B was revoked", hoursFromNow: 2, clock: world.clock))
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.settle()  // the mirror write to B meets invalid_grant and is dead-lettered
        #expect(try await world.engine.status(userID: world.userID).first { $0.accountID == world.b }?.registryStatus == .error)
        #expect(world.overlayEvents(of: world.grantB.account).isEmpty)

        let grant = try #require(world.fake.reconsent(account: world.grantB.account))
        let tokens = AccountTokens(
            accessToken: Secret(grant.accessToken), accessTokenExpiresAt: grant.accessTokenExpiresAt,
            refreshToken: Secret(grant.refreshToken), scopes: ["calendar"])
        _ = try await world.engine.linkAccount(
            userID: world.userID, AccountLink(provider: .google, subject: grant.account, tokens: tokens))
        try await world.settle()  // no reconcile runs: the relink itself queues the waiting write again
        #expect(world.overlayEvents(of: world.grantB.account).count == 1, "the mirror is written once B consents again")
    }

    @Test func unlinkDeletesEveryMirrorOfOursThenRevokes() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 8)
        _ = try world.fake.humanCreateEvent(
            account: world.grantA.account, calendarID: world.grantA.account,
            EngineGoogleFlowTests.draft("A's", hoursFromNow: 1, clock: world.clock))
        _ = try world.fake.humanCreateEvent(
            account: world.grantB.account, calendarID: world.grantB.account,
            EngineGoogleFlowTests.draft("B's", hoursFromNow: 2, clock: world.clock))
        try await world.engine.requestSync(SyncRequest(accountID: world.a, reason: "test"))
        try await world.engine.requestSync(SyncRequest(accountID: world.b, reason: "test"))
        try await world.settle()
        #expect(world.overlayEvents(of: world.grantA.account).count == 1)
        #expect(world.overlayEvents(of: world.grantB.account).count == 1)
        let plan = try await world.engine.unlinkAccount(world.a)
        #expect(plan.mirrorsInAccount == 1 && plan.mirrorsOfItsEvents == 1)
        try await world.settle()
        #expect(world.overlayEvents(of: world.grantA.account).isEmpty, "nothing of ours left in the unlinked account")
        #expect(world.overlayEvents(of: world.grantB.account).isEmpty, "its events' mirrors are gone elsewhere")
        let report = await world.engine.cronTick()
        #expect(report.unlinksFinished == 1)
        let status = try await world.engine.status(userID: world.userID)
        #expect(status.first { $0.accountID == world.a }?.registryStatus == .revoked)
        let origins = world.fake.inspectCalendars().filter(\.isPrimary).map(\.liveEvents.count)
        #expect(origins == [1, 1], "origin events are never deleted")
    }

    @Test func unlinkFindsAndDeletesAMirrorWhoseCreateResponsesWereAllLost() async throws {
        let world = try await EngineGoogleFlowTests.makeWorld(seed: 9)
        // Every create is applied by Google but its answer never arrives: the write is retried
        // until it is dead-lettered, and the mirror row never learns the event's ID.
        world.transport.setFaults(
            NetworkFaults(
                latency: .instant,
                rules: [
                    NetworkFaultRule(
                        .timeoutAfterApply, target: RequestPattern(path: "*/events", method: "POST"), probability: .always)
                ]))
        _ = try world.fake.humanCreateEvent(
            account: world.grantB.account, calendarID: world.grantB.account,
            EngineGoogleFlowTests.draft("B's", hoursFromNow: 2, clock: world.clock))
        try await world.engine.requestSync(SyncRequest(accountID: world.b, reason: "test"))
        for _ in 0..<4 {
            try await world.settle()
            world.clock.advance(by: .seconds(3600))
        }
        #expect(world.overlayEvents(of: world.grantA.account).count == 1, "the create was applied")
        #expect(try await world.engine.deadLetters().count >= 1, "its answers were all lost")
        world.transport.setFaults(.instant)
        _ = try await world.engine.unlinkAccount(world.a)
        try await world.settle()
        let report = await world.engine.cronTick()
        #expect(report.unlinksFinished == 1)
        #expect(world.overlayEvents(of: world.grantA.account).isEmpty, "found by its markers and deleted")
        let origins = world.fake.inspectCalendars().filter(\.isPrimary).map(\.liveEvents.count)
        #expect(origins == [0, 1], "the origin is untouched")
    }
}
