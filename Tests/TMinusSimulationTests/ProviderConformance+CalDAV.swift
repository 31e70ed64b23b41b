import TMinusCore
import TMinusProviders
import TMinusSimulation

extension ConformanceSubject {
    /// The CalDAV adapter against the fake CalDAV server (Radicale dialect). The account
    /// authenticates with an OAuth bearer token, as Google's CalDAV API does, so the suite's token
    /// checks apply: CalDAV has no token endpoint, so the account's credential source re-reads a
    /// token the server issues (and fails with `tokenRevoked` once the grant is revoked).
    static let caldav = ConformanceSubject(name: "caldav") { seed in
        let clock = ManualClock(start: conformanceStart)
        let root = RandomSource(seed: seed)
        let server = FakeCalDAVServer(clock: clock, random: root.fork())
        let transport = SimulatedTransport(clock: clock, random: root.fork(), trace: NullTraceSink(), faults: .instant)
        server.register(on: transport)
        let account = server.addAccount(user: "alice", password: "app-password", calendars: ["Personal"])
        let credentials = ConformanceCredentials(
            accessToken: server.issueBearerToken(user: account.user), refreshToken: "app-password")
        let revoked = LockedBox(false)
        credentials.use { _ throws(ProviderError) in
            guard !revoked.withLock({ $0 }) else {
                throw .tokenRevoked(ProviderErrorContext(provider: .caldav, operation: "credential.refresh"))
            }
            return TokenGrant(
                accessToken: ProviderSecret(server.issueBearerToken(user: account.user)), expiresIn: .seconds(3_600),
                rotatedRefreshToken: nil, scopes: [])
        }
        return ConformanceWorld(
            kind: .caldav, clock: clock, transport: transport,
            provider: CalDAVCalendarProvider(
                transport: transport, credentials: credentials,
                configuration: CalDAVConfiguration(serverURL: account.serverURL), clock: clock),
            credentials: credentials, human: server, inspection: server, account: account.user,
            personalCalendarID: account.calendarPaths[0], createPath: "/alice/*.ics", createMethod: "PUT",
            invalidateCursors: { server.invalidateSyncTokens(calendarID: $0) },
            expireAccessTokens: { server.expireBearerTokens(user: account.user) },
            revokeGrant: { revoked.withLock { $0 = true } },
            throttleBriefly: { seconds in
                let now = clock.now()
                server.reconfigure {
                    $0.faults = [
                        CalDAVFaultRule(
                            .tooManyRequests, window: TimeWindow(from: now, to: now.adding(.milliseconds(1))),
                            probability: .always, retryAfter: .exactly(.seconds(seconds)))
                    ]
                }
            })
    }
}
