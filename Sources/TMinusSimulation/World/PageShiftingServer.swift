import TMinusCore
import TMinusProviders

/// Stands between the transport and one fake while a `pagination-change` fault is on: before the
/// fake answers a request for a *later page* of a listing (Google `pageToken`, Graph
/// `$skiptoken`, any CalDAV `REPORT`, which pages by 507 truncation then), a person adds an event
/// to one of that provider's accounts or deletes one of their own, so the pages shift under the
/// pager. The change goes through the fake's human API and the world's ledger like any other
/// human action, so the checker holds the engine to it (D, G, M).
///
/// People act at a person's pace: at most one change per ``humanPace`` of virtual time per provider.
/// A pager asks for the next page within milliseconds, and the fakes let a change made during a
/// round show up in a later page of it; a change before *every* page would grow the round for as
/// long as the fault lasts (fuzz seed 65: a Graph round of thousands of pages), which no calendar's
/// owners do and which is a livelock of the simulation, not a finding about the engine.
///
/// Deterministic: it draws from its own stream (`pagination-change.<provider>`) and acts on the
/// world's clock.
final class PageShiftingServer: FakeServer {
    /// The shortest time between two changes the fault makes at one provider.
    static let humanPace: Duration = .seconds(60)
    let inner: any FakeServer
    let host: any FakeProviderHost
    /// Weak: the world's transport holds this server, so a strong reference would keep the whole
    /// world (engine, stores, fakes) alive after its run, one world leaked per run.
    weak let world: SyncWorld?
    let faults: [ScopedProviderFault]
    private let people: LockedBox<HumanWorkload>
    private let lastShift = LockedBox<Timestamp?>(nil)

    init(wrapping host: any FakeProviderHost, world: SyncWorld, faults: [ScopedProviderFault], seed: SimulationSeed) {
        self.inner = host.endpoint.server
        self.host = host
        self.world = world
        self.faults = faults
        people = LockedBox(
            HumanWorkload(
                random: seed.stream(StreamName("pagination-change.\(host.kind.rawValue)")), rates: WorkloadRates()))
    }

    func handle(_ request: HTTPRequest, at instant: Timestamp) -> HTTPResponse {
        guard let parts = request.components else { return inner.handle(request, at: instant) }
        return handle(request, parts: parts, at: instant)
    }

    func handle(_ request: HTTPRequest, parts: URLParts, at instant: Timestamp) -> HTTPResponse {
        guard let world else { return inner.handle(request, parts: parts, at: instant) }
        let now = world.clock.now()
        if isLaterPage(request, parts: parts), let fault = faults.active(for: host.kind, at: now).first,
            lastShift.withLock({ $0.map { now >= $0.adding(Self.humanPace) } ?? true })
        {
            let shifted = people.withLock { people -> Bool in
                guard people.random.chance(fault.probability) else { return false }
                shift(&people, now: now, in: world)
                return true
            }
            if shifted { lastShift.withLock { $0 = now } }
        }
        return inner.handle(request, parts: parts, at: instant)
    }

    /// Whether `request` (whose URL is `parts`) continues a listing round that already served a page.
    private func isLaterPage(_ request: HTTPRequest, parts: URLParts) -> Bool {
        switch host.kind {
        case .google: return request.method == "GET" && parts.queryValue("pageToken") != nil
        case .microsoft: return request.method == "GET" && parts.queryValue("$skiptoken") != nil
        case .caldav: return request.method == "REPORT"
        }
    }

    /// One person of this provider creates an event or deletes one of theirs (half and half).
    private func shift(_ people: inout HumanWorkload, now: Timestamp, in world: SyncWorld) {
        let accounts = world.accounts.filter { $0.provider == host.kind }
        guard !accounts.isEmpty else { return }
        let account = accounts[Int(people.random.below(UInt64(accounts.count)))]
        let creates = people.random.chance(Ratio(1, 2))
        if creates {
            people.create(account, host: host, now: now, world: world)
        } else {
            people.delete(account, host: host, world: world)
        }
        world.trace.record(
            component: "fault", event: "page shift: \(creates ? "created" : "deleted") an event in \(account.accountID)")
    }
}

extension FakeProviderHost {
    /// The fake as the transport reaches it, and the host names it answers on.
    var endpoint: (server: any FakeServer, hostNames: [String]) {
        if let google = self as? GoogleHost { return (google.server, FakeGoogleServer.hosts) }
        if let graph = self as? GraphHost { return (graph.server, FakeGraphServer.hosts) }
        if let caldav = self as? CalDAVHost { return (caldav.server, [caldav.server.configuration.host]) }
        preconditionFailure("unknown fake provider host \(kind)")
    }
}
