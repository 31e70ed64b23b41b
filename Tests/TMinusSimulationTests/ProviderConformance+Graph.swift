import TMinusCore
import TMinusProviders
import TMinusSimulation

extension ConformanceSubject {
    /// The Microsoft Graph adapter against the fake Graph server.
    static let microsoft = ConformanceSubject(name: "microsoft") { seed in
        let clock = ManualClock(start: conformanceStart)
        let root = RandomSource(seed: seed)
        let server = FakeGraphServer(clock: clock, random: root.fork())
        let transport = SimulatedTransport(clock: clock, random: root.fork(), trace: NullTraceSink(), faults: .instant)
        server.register(on: transport)
        let grant = server.addAccount("alice@contoso.com")
        let configuration = GraphConfiguration(
            oauthClientID: grant.clientID, oauthClientSecret: ProviderSecret(grant.clientSecret),
            apiBase: FakeGraphServer.apiBase, tokenURL: FakeGraphServer.tokenURL)
        let credentials = ConformanceCredentials(accessToken: grant.accessToken, refreshToken: grant.refreshToken)
        let tokenClient = GraphCalendarProvider(
            transport: transport, credentials: FixedCredentialSource(.bearer(ProviderSecret("-"))),
            configuration: configuration, clock: clock)
        credentials.use { refreshToken throws(ProviderError) in
            try await tokenClient.refreshAccessToken(using: refreshToken)
        }
        return ConformanceWorld(
            kind: .microsoft, clock: clock, transport: transport,
            provider: GraphCalendarProvider(
                transport: transport, credentials: credentials, configuration: configuration, clock: clock),
            credentials: credentials, human: server, inspection: server, account: grant.account,
            personalCalendarID: grant.defaultCalendarID, createPath: "/v1.0/me/calendars/*/events",
            invalidateCursors: { server.invalidateDeltaTokens(calendarID: $0) },
            expireAccessTokens: { server.expireAccessTokens(account: grant.account) },
            revokeGrant: { server.revokeGrant(account: grant.account) },
            throttleBriefly: { seconds in
                let now = clock.now()
                server.reconfigure {
                    $0.faults = [
                        GraphFaultRule(
                            .tooManyRequests, window: TimeWindow(from: now, to: now.adding(.milliseconds(1))),
                            probability: .always, retryAfter: .exactly(.seconds(seconds)))
                    ]
                }
            })
    }
}
