public import TMinusCore
import TMinusEngine

/// How a world run unfolds: a faulted phase of humans, pushes, cron and consumers, then healing
/// and a bounded convergence window (TigerBeetle's safety-then-liveness phases).
public struct WorldRunConfiguration: Sendable {
    /// Length of the faulted phase.
    public var duration: Duration = .seconds(2 * 86_400)
    /// The period of the faulted phase's steps: tick *k* is due at `start + k × tick`; a tick whose
    /// work ran past later ones skips them (``TickSchedule``).
    public var tick: Duration = .seconds(300)
    /// Cron runs at the first tick reached in every period of this many ticks.
    public var cronEveryTicks = 3
    /// Human activity.
    public var rates = WorkloadRates()
    /// Network faults during the faulted phase.
    public var networkFaults: NetworkFaults = .none
    /// Provider-side faults (5xx, rate limits, push loss, token expiry).
    public var providerFaults = ProviderFaults()
    /// Chance per tick that the engine process crashes and restarts (memory lost, disk kept).
    public var engineRestart = Ratio.never
    /// Crashes inside the engine's handlers (at its ``CrashPoint``s) during the faulted phase.
    public var handlerCrashes: [HandlerCrashRule] = []
    /// Grants revoked at their provider during the faulted phase (the next refresh gets `invalid_grant`).
    public var tokenRevocations: [TokenRevocation] = []
    /// Queue acknowledgements lost during the faulted phase (messages delivered again).
    public var lostAcknowledgements: [LostAcknowledgementRule] = []
    /// Chance per tick that every provider cursor is invalidated (stale sync tokens).
    public var cursorInvalidation = Ratio.never
    /// Faults that fire per tick inside a window (a scenario's timed faults).
    public var timedFaults: [TimedWorldFault] = []
    /// Skews and jumps of the engine's and the fakes' clocks during the faulted phase.
    public var clockFaults: [WorldClockFault] = []
    /// Run the safety checks every this many ticks (1: after every step that changed something the
    /// checks read; see ``WorldChecker/needsSafetyCheck()``).
    public var safetyEveryTicks = 1
    /// Cross-check the checker (tests): compare its incremental views of the stores and the fakes
    /// with full reads at every check, judge everything besides what changed, and run the checks at
    /// unchanged steps too, failing the run with ``CheckerViewMismatch`` if they find anything not
    /// reported already.
    public var crossCheck = false
    /// After healing, convergence must be reached within this much virtual time.
    public var convergenceDeadline: Duration = .seconds(24 * 3600)
    /// Scripted steps, performed at their times during the faulted phase.
    public var steps = WorldSteps()
    /// Invariants whose first violation ends the run at once (no further steps, no healing; the
    /// report's ``WorldRunReport/stoppedBy`` names it). Empty (the default): every run goes to the
    /// end. `sim mutants` stops at the invariant a defect targets, so a defect that loops (writes
    /// that never settle) costs one step's work, not the whole world's.
    public var stopAtFirstViolationOf: Set<String> = []

    /// The defaults.
    public init() {}
}

/// What a world run found.
public struct WorldRunReport: Sendable {
    /// Every distinct violation, in the order found.
    public var violations: [WorldViolation] = []
    /// Virtual time from healing to convergence; nil when it never converged within the deadline.
    public var convergenceTime: Duration?
    /// Steps run in the faulted phase.
    public var ticks = 0
    /// Steps of the faulted phase whose safety checks ran (the others changed nothing they read),
    /// and the checks' interval in steps.
    public var checkedTicks = 0
    public var safetyEveryTicks = 1
    /// Messages the engine handled.
    public var messagesHandled = 0
    /// Provider exchanges and network faults fired (from the simulated transport).
    public var network = NetworkStatistics()
    /// Engine crashes and restarts during the run (between steps and inside handlers).
    public var engineRestarts = 0
    /// Of those, crashes inside a handler, per crash point (sorted by point when reported).
    public var handlerCrashes: [CrashPoint: Int] = [:]
    /// Events people moved between their calendars (`event-move` faults).
    public var eventMoves = 0
    /// Engine account IDs whose grant a `token-revocation` fault revoked.
    public var tokensRevoked: [String] = []
    /// Queue acknowledgements lost (so messages delivered again), per queue.
    public var acknowledgementsLost: [String: Int] = [:]
    /// Our mirrors at the providers at the end, per account ID (sorted keys).
    public var mirrorsAtEnd: [String: Int] = [:]
    /// Event writes the providers saw, and the most attempts one change of one mirror took (J).
    public var eventWrites = 0
    public var maxWritesPerChange = 0
    /// Scripted steps performed.
    public var stepsPerformed = 0
    /// Scripted steps the world could not perform, one note each.
    public var stepNotes: [String] = []
    /// Series sampled once per step over virtual time (offsets from the start), for the plots.
    public var series: [TimeSeries] = []
    /// Provider calls and errors by provider, writes, user changes, drift and dead letters at the end.
    public var counters = ScenarioCounters()

    /// The invariant whose violation ended the run early (``WorldRunConfiguration/stopAtFirstViolationOf``);
    /// nil when the run went to the end. A stopped run never healed, so its convergence is not judged.
    public var stoppedBy: String?

    /// True when no invariant was violated and the world converged.
    public var passed: Bool { violations.isEmpty && convergenceTime != nil }
}

/// Drives a ``SyncWorld`` through a run. Deterministic: everything happens in a fixed order on the
/// world's clock, and every random choice comes from the seed's streams.
public struct WorldDriver: Sendable {
    let world: SyncWorld
    let seed: SimulationSeed

    /// Creates a driver.
    public init(world: SyncWorld, seed: SimulationSeed) {
        self.world = world
        self.seed = seed
    }

    /// Runs the faulted phase, heals, and measures convergence.
    public func run(_ configuration: WorldRunConfiguration) async throws -> WorldRunReport {
        var report = WorldRunReport()
        var workload = HumanWorkload(random: seed.stream(.workload), rates: configuration.rates)
        var faults = seed.stream(.faults)
        var checker = WorldChecker(world: world)
        checker.crossCheck = configuration.crossCheck
        report.safetyEveryTicks = configuration.safetyEveryTicks
        var steps = configuration.steps
        var sampler = WorldSampler(world: world)
        sampler.verifiesReuse = configuration.crossCheck
        let start = world.clock.now()
        world.transport.setFaults(configuration.networkFaults)
        for host in world.hosts { host.apply(configuration.providerFaults) }
        world.crashes.arm(configuration.handlerCrashes)
        world.delivery.arm(configuration.lostAcknowledgements)
        startClockFaults(configuration.clockFaults)
        routeThroughPageShifters(configuration.providerFaults)
        let schedule = TickSchedule(start: start, tick: configuration.tick, duration: configuration.duration)
        var previousTick: Int?
        var nextTick = schedule.count > 0 ? 0 : nil
        while let tick = nextTick {
            let violationsBefore = report.violations.count
            if !steps.isEmpty {
                world.crashes.hold(true)
                try await steps.runDue(now: world.clock.now(), in: world)
                world.crashes.hold(false)
            }
            revoke(configuration.tokenRevocations, report: &report, steps: &steps)
            checker.detachedAccountIDs = steps.detachedAccountIDs.union(
                report.tokensRevoked.filter { !steps.reattachedAccountIDs.contains($0) })
            await workload.act(in: world, now: world.clock.now())
            if configuration.providerFaults.hasWindowedKnobs {
                for host in world.hosts { host.applyWindowed(configuration.providerFaults, at: world.clock.now()) }
            }
            if faults.chance(configuration.cursorInvalidation) {
                for host in world.hosts { host.invalidateCursors() }
                world.trace.record(component: "fault", event: "cursors invalidated")
            }
            for timed in configuration.timedFaults
            where timed.window.contains(world.clock.now()) && faults.chance(timed.probability) {
                try await fire(timed.kind, providers: timed.providers, report: &report)
            }
            if faults.chance(configuration.providerFaults.accessTokenExpiry) {
                for host in world.hosts { host.expireAccessTokens(of: world.accounts) }
                world.trace.record(component: "fault", event: "access tokens expired")
            }
            if faults.chance(configuration.engineRestart) {
                try await world.restartEngine()
                report.engineRestarts += 1
            }
            for host in world.hosts {
                _ = await host.deliverDuePushes()
                try await restartIfCrashed(&report)
            }
            if TickSchedule.crossed(every: configuration.cronEveryTicks, from: previousTick, to: tick) {
                _ = await world.engine.cronTick()
                try await restartIfCrashed(&report)
            }
            try await sampler.sample(world, at: world.clock.now().duration(since: start))
            report.messagesHandled += try await surviving(&report) { try await world.engine.drain() } ?? 0
            if TickSchedule.crossed(every: configuration.safetyEveryTicks, from: previousTick, to: tick) {
                try await checkSafety(checker, report: &report)
            }
            report.ticks += 1
            // Only this tick's violations are new: an earlier one of these invariants stopped the run then.
            if let stop = report.violations[violationsBefore...].first(where: {
                configuration.stopAtFirstViolationOf.contains($0.invariant)
            }) {
                report.stoppedBy = stop.invariant
                world.trace.record(component: "world", event: "stopped at the first violation of \(stop.invariant)")
                break
            }
            previousTick = tick
            nextTick = schedule.next(after: tick, now: world.clock.now())
            let due = nextTick.map(schedule.instant(of:)) ?? schedule.end
            let wait = due.duration(since: world.clock.now())
            if wait > .zero { try await world.clock.sleep(for: wait) }
        }
        steps.abandonRemaining()
        report.stepsPerformed = steps.performed
        report.stepNotes = steps.notes
        if report.stoppedBy == nil {
            try await heal(configuration, checker: checker, sampler: &sampler, start: start, report: &report)
        }
        try await sampler.sample(world, at: world.clock.now().duration(since: start))
        report.network = world.transport.statistics
        report.series = sampler.series
        report.counters = sampler.counters
        report.acknowledgementsLost = world.delivery.lost
        (report.eventWrites, report.maxWritesPerChange) = checker.writeCounts
        return report
    }

    /// Faults stop; humans stop; cron polls, every account is reconciled, and the queues are
    /// drained until the checker finds the world converged (or the deadline passes).
    private func heal(
        _ configuration: WorldRunConfiguration, checker: WorldChecker, sampler: inout WorldSampler, start: Timestamp,
        report: inout WorldRunReport
    ) async throws {
        world.transport.setFaults(.none)
        for host in world.hosts {
            host.apply(ProviderFaults())
            if configuration.providerFaults.hasWindowedKnobs { host.applyWindowed(ProviderFaults(), at: world.clock.now()) }
            host.register(on: world.transport)
        }
        world.crashes.disarm()
        world.delivery.disarm()
        world.clocks.heal()
        try await restartIfCrashed(&report)
        world.trace.record(component: "world", event: "healed")
        let healedAt = world.clock.now()
        let deadline = healedAt.adding(configuration.convergenceDeadline)
        _ = await world.engine.cronTick()
        for account in world.accounts {
            try await world.engine.requestReconcile(accountID: account.accountID, reason: "heal")
        }
        while world.clock.now() <= deadline {
            try await sampler.sample(world, at: world.clock.now().duration(since: start))
            report.messagesHandled += try await world.engine.drain()
            for host in world.hosts { _ = await host.deliverDuePushes() }
            let pending = try await world.engine.nextMessageAt()
            if pending == nil, try await world.inspecting({ try await checker.checkConvergence() }).isEmpty {
                report.convergenceTime = world.clock.now().duration(since: healedAt)
                for account in world.accounts {
                    report.mirrorsAtEnd[account.accountID] = world.managedEvents(of: account).count
                }
                record(try await world.inspecting { try await checker.checkSafety() }, into: &report)
                world.trace.record(component: "world", event: "converged after \(report.convergenceTime!)")
                return
            }
            let wait = pending.map { max(.seconds(1), $0.duration(since: world.clock.now())) } ?? configuration.tick
            try await world.clock.sleep(for: min(wait, configuration.tick))
            if pending == nil, world.clock.now().duration(since: healedAt) > .seconds(3600) {
                _ = await world.engine.cronTick()
            }
        }
        record(try await world.inspecting { try await checker.checkConvergence() }, into: &report)
    }

    /// Revokes the grants whose time has come (once each): the account's next token refresh fails
    /// with `invalid_grant`; the account is no longer expected to converge (M), safety still holds.
    private func revoke(_ revocations: [TokenRevocation], report: inout WorldRunReport, steps: inout WorldSteps) {
        let now = world.clock.now()
        for revocation in revocations where revocation.at <= now && revocation.accountIndex < world.accounts.count {
            let account = world.accounts[revocation.accountIndex]
            guard !report.tokensRevoked.contains(account.accountID), let host = world.host(for: account.provider)
            else { continue }
            host.revoke(login: account.login)
            report.tokensRevoked.append(account.accountID)
            steps.reattachedAccountIDs.remove(account.accountID)
            world.trace.record(component: "fault", event: "token revoked \(account.accountID)")
        }
    }

    /// Runs one engine interaction; if the process died inside it, the engine restarts from its files
    /// (memory lost, disk kept) and the result is nil.
    private func surviving<T>(_ report: inout WorldRunReport, _ body: () async throws -> T) async throws -> T? {
        do {
            let value = try await body()
            try await restartIfCrashed(&report)
            return value
        } catch {
            guard error.isProcessCrash, world.crashes.isDown != nil else { throw error }
            try await restartIfCrashed(&report)
            return nil
        }
    }

    /// A process that died inside a handler is replaced by a new incarnation on the same storage.
    private func restartIfCrashed(_ report: inout WorldRunReport) async throws {
        guard let crash = world.crashes.isDown else { return }
        try await world.restartEngine()
        report.engineRestarts += 1
        report.handlerCrashes[crash.point, default: 0] += 1
    }

    private func fire(_ kind: TimedWorldFault.Kind, providers: [ProviderKind], report: inout WorldRunReport)
        async throws
    {
        switch kind {
        case .cursorInvalidation:
            for host in world.hosts where providers.isEmpty || providers.contains(host.kind) { host.invalidateCursors() }
        case .accessTokenExpiry:
            for host in world.hosts where providers.isEmpty || providers.contains(host.kind) {
                host.expireAccessTokens(of: world.accounts)
            }
        case .engineRestart:
            try await world.restartEngine()
            report.engineRestarts += 1
        case .push(let fault, let target):
            record(await world.inject(fault, at: target), into: &report)
            return  // traced per channel
        case .overlayDeletion(let login):
            for account in world.accounts where login == nil || account.login == login {
                if world.deleteOverlayCalendar(of: account) {
                    world.trace.record(component: "fault", event: "overlay-calendar-deleted \(account.accountID)")
                }
            }
            return
        case .eventMove(let login):
            report.eventMoves += world.moveSomeEvent(login: login, ordinal: report.eventMoves)
            return  // traced per event
        case .quotaExhaustion:
            for host in world.hosts where providers.isEmpty || providers.contains(host.kind) {
                host.exhaustDailyQuota()
            }
        }
        world.trace.record(component: "fault", event: "\(kind)")
    }

    /// Arms the clock faults and records each in the trace.
    private func startClockFaults(_ faults: [WorldClockFault]) {
        for fault in faults {
            world.clocks.apply(fault)
            let what: String
            switch fault.change {
            case .skew(let skew):
                what = "skew offset=\(skew.offset) drift=\(skew.driftPartsPerMillion)ppm \(skew.window)"
            case .jump(let jump): what = "jump by=\(jump.by) at \(jump.at)"
            }
            world.trace.record(component: "fault", event: "clock \(fault.target) \(what)")
        }
    }

    /// Puts a ``PageShiftingServer`` in front of every fake a pagination-change fault hits.
    private func routeThroughPageShifters(_ faults: ProviderFaults) {
        for host in world.hosts {
            let hitting = faults.paginationChanges.hitting(host.kind)
            guard !hitting.isEmpty else { continue }
            let shifter = PageShiftingServer(wrapping: host, world: world, faults: hitting, seed: seed)
            for name in host.endpoint.hostNames { world.transport.register(shifter, host: name) }
        }
    }

    /// The safety checks after one step, when it changed something they read (in cross-check mode
    /// they run anyway, and must then find nothing new).
    private func checkSafety(_ checker: WorldChecker, report: inout WorldRunReport) async throws {
        let needed = try await checker.needsSafetyCheck()
        guard needed || checker.crossCheck else { return }
        let found = try await world.inspecting { try await checker.checkSafety() }
        if needed {
            report.checkedTicks += 1
        } else if let new = found.first(where: { isNew($0, in: report) }) {
            throw CheckerViewMismatch(what: "a step judged unchanged found \(new.invariant): \(new.message)")
        }
        record(found, into: &report)
    }

    private func isNew(_ violation: WorldViolation, in report: WorldRunReport) -> Bool {
        !report.violations.contains { $0.invariant == violation.invariant && $0.message == violation.message }
    }

    private func record(_ found: [WorldViolation], into report: inout WorldRunReport) {
        for var violation in found where isNew(violation, in: report) {
            violation.seed = seed.value
            violation.recentTrace = world.traceTail.lines(touching: violation.objects)
            report.violations.append(violation)
            world.trace.record(component: "checker", event: "violation \(violation.invariant) \(violation.message)")
        }
    }
}

/// A fault a scenario schedules: fires at most once per tick, with a probability, inside a window.
public struct TimedWorldFault: Hashable, Sendable {
    /// What happens.
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        case cursorInvalidation
        case accessTokenExpiry
        case engineRestart
        /// A push-channel fault on the live channels of a provider or account (default: all).
        case push(PushChannelFault, PushChannelTarget)
        /// A person deletes the overlay calendar of one account (by login; nil: every account).
        case overlayDeletion(login: String?)
        /// A person moves one of their events to another of their calendars (by login; nil: every account).
        case eventMove(login: String?)
        /// The daily quota of the targeted providers is spent (Google only has one).
        case quotaExhaustion

        /// The name in traces.
        public var description: String {
            switch self {
            case .cursorInvalidation: "cursors-invalidated"
            case .accessTokenExpiry: "access-tokens-expired"
            case .engineRestart: "engine-restarted"
            case .push(let fault, let target): "\(fault.rawValue) \(target)"
            case .overlayDeletion(let login): "overlay-calendar-deletion \(login ?? "any")"
            case .eventMove(let login): "event-move \(login ?? "any")"
            case .quotaExhaustion: "daily-quota-exhausted"
            }
        }
    }

    public var kind: Kind
    public var window: TimeWindow
    public var probability: Ratio
    /// The providers a provider-side kind hits (empty: every provider). Only
    /// ``Kind/quotaExhaustion`` reads it; the other kinds hit every provider.
    public var providers: [ProviderKind]

    /// Creates a timed fault.
    public init(_ kind: Kind, window: TimeWindow, probability: Ratio, providers: [ProviderKind] = []) {
        self.kind = kind
        self.window = window
        self.probability = probability
        self.providers = providers
    }
}

/// A `token-revocation` fault: at `at`, the grant of the world's account number `accountIndex` is
/// revoked at its provider (OAuth providers only).
public struct TokenRevocation: Hashable, Sendable {
    public var at: Timestamp
    public var accountIndex: Int

    /// Creates a revocation.
    public init(at: Timestamp, accountIndex: Int) {
        self.at = at
        self.accountIndex = accountIndex
    }
}
