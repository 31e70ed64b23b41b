import TMinusCore
import TMinusProviders
import TMinusSimulation
import TMinusLive

/// Where the differential script runs: the adapter's configuration plus a raw client.
struct CalDAVTarget: Sendable {
    let name: String
    let transport: any HTTPTransport
    let serverURL: String
    let credential: ProviderCredential
    let clock: ManualClock

    var provider: CalDAVCalendarProvider {
        CalDAVCalendarProvider(
            transport: transport, credentials: FixedCredentialSource(credential),
            configuration: CalDAVConfiguration(serverURL: serverURL), clock: clock)
    }

    /// A fake Radicale (user `test`, password `test`) behind the simulated transport.
    static func fake() -> CalDAVTarget {
        let clock = ManualClock(start: calDAVWorldStart)
        let root = RandomSource(seed: 2026)
        let server = FakeCalDAVServer(
            clock: clock, random: root.fork(), configuration: FakeCalDAVConfiguration(dialect: .radicale))
        let transport = SimulatedTransport(clock: clock, random: root.fork(), trace: NullTraceSink(), faults: .instant)
        server.register(on: transport)
        let account = server.addAccount(user: "test", password: "test")
        return CalDAVTarget(
            name: "fake", transport: transport, serverURL: account.serverURL, credential: account.credential,
            clock: clock)
    }

    /// The real Radicale at `url`.
    static func radicale(url: String) -> CalDAVTarget {
        CalDAVTarget(
            name: "radicale", transport: URLSessionTransport(loopbackOnly: true), serverURL: url,
            credential: .basic(user: "test", password: ProviderSecret("test")),
            clock: ManualClock(start: calDAVWorldStart))
    }

    /// A raw request (as another CalDAV client would send it) to a decoded path.
    func raw(_ method: String, _ path: String, body: String = "", headers: [(String, String)] = []) async
        -> HTTPResponse?
    {
        var all = HTTPHeaders([("Authorization", credential.authorizationHeader)])
        for (name, value) in headers { all.add(name, value) }
        let configuration = CalDAVConfiguration(serverURL: serverURL)
        let request = HTTPRequest(
            method: method, url: configuration.url(forPath: path), headers: all, body: Array(body.utf8))
        return try? await transport.send(request)
    }
}
