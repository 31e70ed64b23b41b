public import TMinusCore
public import TMinusEngine
import TMinusProviders
import TMinusStore

/// A whole simulated world: fake providers behind the simulated transport, one engine, one user
/// with several accounts, the humans' ledger, and the trace. The system under test (the engine)
/// never knows it is simulated: it only sees the transport and its environment.
public final class SyncWorld: Sendable {
    public let clock: any WallClock
    public let transport: SimulatedTransport
    package let hosts: [any FakeProviderHost]
    public let userID: String
    /// The person's linked accounts, in link order (an account unlinked or revoked later stays
    /// here; the checker and the steps know it as detached).
    public var accounts: [WorldAccount] { linked.withLock { $0 } }
    let linked: LockedBox<[WorldAccount]>
    /// Accounts the person has at a provider but has not linked yet, by plan index.
    let waiting: LockedBox<[Int: (WorldAccount, AccountLink)]>
    public let trace: any TraceSink
    /// The last trace lines, for the violations' context (the same records as ``trace``).
    public let traceTail: TraceTail
    /// The engine's and each fake's own clocks (skewed by clock faults); ``clock`` is true time.
    public let clocks: WorldClocks
    /// When the world was made (true time), before any account was linked: no listing window the
    /// engine used can have been anchored earlier (the convergence check's covered span).
    public let createdAt: Timestamp
    let ledger = LockedBox(HumanLedger())
    /// Caches reads of the fakes during a check (``inspecting(_:)``); shared with the hosts.
    let inspections: InspectionCache
    /// How the checker's view classifies inspected events, remembered across checks.
    let classifications = MarkerClassifications()

    let running: EngineSlot

    init(
        clock: any WallClock, transport: SimulatedTransport, hosts: [any FakeProviderHost], running: EngineSlot,
        userID: String, accounts: [WorldAccount], trace: any TraceSink, clocks: WorldClocks,
        inspections: InspectionCache = InspectionCache(), waiting: [Int: (WorldAccount, AccountLink)] = [:]
    ) {
        self.clocks = clocks
        self.inspections = inspections
        self.clock = clock
        self.createdAt = clock.now()
        self.transport = transport
        self.hosts = hosts
        self.running = running
        self.userID = userID
        self.linked = LockedBox(accounts)
        self.waiting = LockedBox(waiting)
        self.traceTail = (trace as? TraceTail) ?? TraceTail(wrapping: trace)
        self.trace = self.traceTail
    }

    /// The engine process currently running.
    public var engine: Engine { running.engine }

    /// The seam through which faults kill the engine inside its handlers.
    public var crashes: HandlerCrashes { running.crashes }

    /// The seam through which faults lose the engine's queue acknowledgements (redelivery).
    public var delivery: LostAcknowledgements { running.delivery }

    /// Crashes the engine process (its memory, caches and in-flight leases vanish) and starts a
    /// new one on the same storage: it must resume from disk alone (invariant L).
    public func restartEngine() async throws {
        try await running.restart()
        transport.noteEngineRestart()
        trace.record(component: "world", event: "engine restarted (#\(running.restarts))")
    }

    /// Builds a world: the fakes, the engine (on `storage`), one user, and one linked account per
    /// entry of `accounts` (default policy: BUSY both ways between every pair).
    public static func build(
        seed: SimulationSeed, clock: any WallClock, trace: any TraceSink, accounts: [ProviderKind],
        storage: EngineStorage = .memory
    ) async throws -> SyncWorld {
        try await build(
            seed: seed, clock: clock, trace: trace, plans: accounts.map { WorldAccountPlan($0) }, storage: storage)
    }

    /// Builds a world whose person has one account per plan, in order: each made at its fake with
    /// its extra calendars (all chosen for sync), linked now unless the plan says later
    /// (``linkWaiting(plan:)``).
    public static func build(
        seed: SimulationSeed, clock: any WallClock, trace: any TraceSink, plans: [WorldAccountPlan],
        storage: EngineStorage = .memory
    ) async throws -> SyncWorld {
        let accounts = plans.map(\.provider)
        let trace = TraceTail(wrapping: trace)
        let transport = SimulatedTransport(clock: clock, random: seed.randomSource(.network), trace: trace)
        let clocks = WorldClocks(base: clock)
        var hosts: [any FakeProviderHost] = []
        let inspections = InspectionCache()
        for kind in ProviderKind.allCases where accounts.contains(kind) {
            guard let host = makeHost(kind, seed: seed, clocks: clocks, trace: trace, inspections: inspections) else {
                continue
            }
            hosts.append(host)
        }
        for host in hosts { host.register(on: transport) }
        let hostList = hosts
        let factory: ProviderFactory = { kind, credentials in
            let host = hostList.first { $0.kind == kind } ?? hostList[0]
            return host.makeProvider(transport: transport, credentials: credentials)
        }
        let crashes = HandlerCrashes(
            random: seed.randomSource(.component("handler-crashes")), clock: clock, trace: trace)
        let running = try EngineSlot(
            seed: seed, clock: clocks.engine, trace: trace, storage: storage, factory: factory, crashes: crashes,
            delivery: LostAcknowledgements(random: seed.randomSource(.component("lost-acks")), clock: clock))
        for host in hosts {
            // Weak, and no `host` captured: the fake holds this receiver, and the engine holds the
            // fakes (through its provider factory), so strong captures would keep every world alive.
            let kind = host.kind
            host.connectPushes { [weak running] request in
                guard let running else { return HTTPResponse(status: 503, headers: [:], body: []) }
                return await running.engine.receivePush(from: kind, request)
            }
        }
        let engine = running.engine
        let userID = try await engine.createUser()
        var linked: [WorldAccount] = []
        var waiting: [Int: (WorldAccount, AccountLink)] = [:]
        for (index, plan) in plans.enumerated() {
            guard let host = hosts.first(where: { $0.kind == plan.provider }) else { continue }
            // The account's calendars live in the person's zone, as a real account's do.
            let zone = TimeZoneNames.ianaName(for: plan.timeZone) ?? "UTC"
            var (account, link) = host.addAccount(login: "person\(index)@\(plan.provider.rawValue).example", timeZone: zone)
            account.timeZone = zone
            for number in 1..<max(1, plan.calendars) {
                guard let id = try? host.humans.humanCreateCalendar(account: account.login, title: "Calendar \(number)")
                else { continue }
                account.secondaryCalendarIDs.append(id)
            }
            link.scopes = account.chosenCalendarIDs
            guard plan.linked else {
                waiting[index] = (account, link)
                continue
            }
            account.accountID = try await engine.linkAccount(userID: userID, link)
            linked.append(account)
        }
        let world = SyncWorld(
            clock: clock, transport: transport, hosts: hosts, running: running, userID: userID, accounts: linked,
            trace: trace, clocks: clocks, inspections: inspections, waiting: waiting)
        return world
    }

    /// The fake of `kind` on its own clock; the adapters it makes read the engine's clock.
    static func makeHost(
        _ kind: ProviderKind, seed: SimulationSeed, clocks: WorldClocks, trace: any TraceSink,
        inspections: InspectionCache = InspectionCache()
    ) -> (any FakeProviderHost)? {
        let clock = clocks.provider(kind)
        switch kind {
        case .google:
            return GoogleHost(
                server: FakeGoogleServer(
                    clock: clock, random: seed.randomSource(.provider("google")), trace: trace, replicationClock: clock.base),
                inspectionCache: inspections)
        case .microsoft:
            return GraphHost(
                server: FakeGraphServer(
                    clock: clock, random: seed.randomSource(.provider("microsoft")), trace: trace,
                    replicationClock: clock.base),
                clock: clocks.engine, inspectionCache: inspections)
        case .caldav:
            return CalDAVHost(
                server: FakeCalDAVServer(clock: clock, random: seed.randomSource(.provider("caldav")), trace: trace),
                clock: clocks.engine, inspectionCache: inspections)
        }
    }

    /// The fake of a provider.
    package func host(for kind: ProviderKind) -> (any FakeProviderHost)? { hosts.first { $0.kind == kind } }

    /// A person deletes the account's overlay calendar (the one our busy blocks live in); false
    /// when it has none right now.
    package func deleteOverlayCalendar(of account: WorldAccount) -> Bool {
        guard let host = host(for: account.provider) else { return false }
        let overlay = host.inspection.inspectCalendars().first {
            $0.account == account.login && !$0.isDeleted && !$0.isPrimary && $0.title == OverlayCalendar.defaultName
        }
        guard let overlay else { return false }
        // Its events go with it: a mirror placed again in a re-created calendar is no rewrite (C).
        transport.noteHumanChange(eventID: overlay.id)
        return (try? host.humans.humanDeleteCalendar(account: account.login, calendarID: overlay.id)) != nil
    }

    /// Our managed events (by their markers) in one account, with their calendar, in calendar/event order.
    public func managedEvents(of account: WorldAccount) -> [(String, InspectedEvent)] {
        guard let host = host(for: account.provider) else { return [] }
        return inspections.managedEvents("\(account.provider.rawValue)/\(account.login)") {
            host.inspection.inspectCalendars().filter { $0.account == account.login && !$0.isDeleted }.flatMap {
                calendar in
                calendar.liveEvents.filter { event in
                    if case .managedMirror = classify(event, in: account) { return true }
                    return false
                }.map { (calendar.id, $0) }
            }
        }
    }

    /// How the checker judges `event` of `account` by its markers (never as a recorded mirror);
    /// the same as `EventClassifier.classify(account.markers(of: event), isRecordedMirror: false)`.
    func classify(_ event: InspectedEvent, in account: WorldAccount) -> EventClassification {
        classifications.classify(event, in: account)
    }

    /// Runs `body` (a check) with every read of the fakes' state cached: each fake is inspected
    /// once and each account's managed events classified once. Only for code during which no fake
    /// changes (see ``InspectionCache``).
    public func inspecting<T>(_ body: () async throws -> T) async rethrows -> T {
        try await inspections.scoped(body)
    }

    /// What the humans did to their own events.
    public var humanLedger: HumanLedger { ledger.withLock { $0 } }
}
