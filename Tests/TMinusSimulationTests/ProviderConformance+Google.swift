import TMinusCore
import TMinusProviders
import TMinusSimulation

extension ConformanceSubject {
    /// The Google Calendar v3 adapter against the fake Google server.
    static let google = ConformanceSubject(name: "google") { seed in
        let clock = ManualClock(start: conformanceStart)
        let root = RandomSource(seed: seed)
        let server = FakeGoogleServer(clock: clock, random: root.fork())
        let transport = SimulatedTransport(clock: clock, random: root.fork(), trace: NullTraceSink(), faults: .instant)
        server.register(on: transport)
        let grant = server.addAccount("alice@example.com", timeZone: "Europe/Berlin")
        let configuration = GoogleConfiguration(
            oauthClientID: grant.clientID, oauthClientSecret: ProviderSecret(grant.clientSecret),
            apiBase: FakeGoogleServer.apiBase, tokenURL: FakeGoogleServer.tokenURL)
        let credentials = ConformanceCredentials(accessToken: grant.accessToken, refreshToken: grant.refreshToken)
        let tokenClient = GoogleCalendarProvider(
            transport: transport, credentials: FixedCredentialSource(.bearer(ProviderSecret("-"))),
            configuration: configuration)
        credentials.use { refreshToken throws(ProviderError) in
            try await tokenClient.refreshAccessToken(using: refreshToken)
        }
        return ConformanceWorld(
            kind: .google, clock: clock, transport: transport,
            provider: GoogleCalendarProvider(
                transport: transport, credentials: credentials, configuration: configuration),
            credentials: credentials, human: server, inspection: server, account: grant.account,
            personalCalendarID: grant.account, createPath: "/calendar/v3/calendars/*/events",
            invalidateCursors: { server.invalidateSyncTokens(calendarID: $0) },
            expireAccessTokens: { server.expireAccessTokens(account: grant.account) },
            revokeGrant: { server.revokeRefreshToken(account: grant.account) },
            throttleBriefly: { seconds in
                let now = clock.now()
                server.reconfigure {
                    $0.faults = [
                        GoogleFaultRule(
                            .rateLimitExceeded429, window: TimeWindow(from: now, to: now.adding(.milliseconds(1))),
                            probability: .always, retryAfter: .exactly(.seconds(seconds)))
                    ]
                }
            })
    }
}
