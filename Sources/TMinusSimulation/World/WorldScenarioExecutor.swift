import Foundation
import TMinusCore
import TMinusEngine
import TMinusSQLite

/// Runs a ``Scenario`` in a ``SyncWorld`` inside the simulator: the accounts of its first user at
/// the fakes, its workload as human rates, its faults mapped onto the transport, the fakes and the
/// engine process, then healing and the convergence check. Registered by the `tminus` executable
/// (`ScenarioExecutors.register(WorldScenarioExecutor())`).
///
/// Fault kinds the world does not model yet are listed in the outcome's notes rather than ignored
/// silently; scripted `steps` are performed by ``WorldSteps`` (those it cannot perform are noted).
public struct WorldScenarioExecutor: ScenarioExecutor {
    /// Virtual time between two world steps.
    public var tick: Duration = .seconds(300)

    /// Creates the executor.
    public init() {}

    public func execute(_ scenario: Scenario, context: ScenarioRunContext) async -> ScenarioOutcome {
        // A seeded-defect scenario (`expect.defect`) runs with its defect on, in binaries that have
        // the defects (`-DTMINUS_SEEDED_DEFECTS`); elsewhere switching it on does nothing.
        let previous = Defects.current
        if let defectName = scenario.expect.defect, let defect = SeededDefect(rawValue: defectName) {
            Defects.activate(DefectSwitch(active: defect))
        }
        defer { Defects.activate(previous) }
        let name = "\(scenario.name)-\(context.seed)"
        let directory = ScratchDirectory.make(name)
        defer { ScratchDirectory.release(directory) }
        do {
            let seed = SimulationSeed(context.seed)
            let clock = context.simulator.makeComponent("world").clock
            let plans = (scenario.users.first?.accounts ?? []).map {
                WorldAccountPlan($0.provider, calendars: $0.calendars, linked: $0.linked, timeZone: $0.timeZone)
            }
            let world = try await SyncWorld.build(
                seed: seed, clock: clock, trace: context.trace, plans: plans,
                storage: EngineStorage(directory: directory, options: .simulatorMemoryDisk))
            var notes = WorldMappingNotes()
            try await applyPolicy(scenario, world: world)
            if scenario.users.count > 1 {
                notes.note("only the first user is simulated; \(scenario.users.count - 1) more ignored")
            }
            var logins: [String: String] = [:]
            for (index, account) in (scenario.users.first?.accounts ?? []).filter(\.linked).enumerated()
            where index < world.accounts.count {
                logins[account.id] = world.accounts[index].login
            }
            var configuration = configuration(for: scenario, notes: &notes, logins: logins)
            configuration.steps = WorldSteps(scenario, world: world)
            let report = try await WorldDriver(world: world, seed: seed).run(configuration)
            return outcome(report, scenario: scenario, world: world, notes: notes.lines + report.stepNotes)
        } catch {
            return ScenarioOutcome(
                verdict: .fail,
                violations: [
                    InvariantViolation(invariant: .l, at: .zero, message: "the world could not run: \(error)")
                ],
                virtualDuration: .zero, notes: ["world error: \(error)"])
        }
    }

    /// The scenario's policy edges, with its account names mapped to the engine's account IDs.
    func applyPolicy(_ scenario: Scenario, world: SyncWorld) async throws {
        guard let user = scenario.users.first else { return }
        let linked = user.accounts.filter(\.linked)
        var ids: [String: String] = [:]
        for (index, account) in linked.enumerated() where index < world.accounts.count {
            ids[account.id] = world.accounts[index].accountID
        }
        let edges = user.policyEdges.compactMap { edge -> PolicyEdge? in
            guard let from = ids[edge.fromAccountID], let to = ids[edge.toAccountID] else { return nil }
            return PolicyEdge(from: from, to: to, detail: edge.detail, kind: edge.kind)
        }
        try await world.engine.setPolicyEdges(userID: world.userID, edges)
    }

    /// The run configuration of `scenario`; `logins` maps its account IDs to the fakes' logins.
    func configuration(for scenario: Scenario, notes: inout WorldMappingNotes, logins: [String: String] = [:])
        -> WorldRunConfiguration
    {
        var configuration = WorldRunConfiguration()
        configuration.duration = scenario.duration
        configuration.tick = tick
        // Safety is checked after every step that changed something the checks read.
        configuration.safetyEveryTicks = 1
        configuration.convergenceDeadline = scenario.expect.convergenceDeadline
        configuration.rates = rates(scenario.workload)
        var rules: [NetworkFaultRule] = []
        for fault in scenario.faults {
            apply(fault, scenario: scenario, logins: logins, rules: &rules, configuration: &configuration, notes: &notes)
        }
        configuration.networkFaults = NetworkFaults(rules: rules)
        return configuration
    }

    /// Per-tick chances from per-day rates.
    func rates(_ workload: ScenarioWorkload?) -> WorkloadRates {
        guard let workload else { return .none }
        var rates = WorkloadRates()
        let ticksPerDay = UInt64(max(1, 86_400 / max(1, tick.components.seconds)))
        func perTick(_ rate: ScenarioRate) -> Ratio {
            let denominator = ticksPerDay * rate.denominator
            return Ratio(min(rate.numerator, denominator), denominator)
        }
        rates.create = perTick(workload.eventsPerAccountPerDay)
        rates.edit = Ratio(
            rates.create.numerator * workload.editShare.numerator,
            rates.create.denominator * workload.editShare.denominator)
        rates.delete = Ratio(
            rates.create.numerator * workload.deleteShare.numerator,
            rates.create.denominator * workload.deleteShare.denominator)
        rates.tamperEdit = perTick(workload.mirrorEditsPerAccountPerDay)
        rates.tamperDelete = perTick(workload.mirrorDeletionsPerAccountPerDay)
        rates.allDay = workload.allDayShare
        rates.recurring = workload.recurringShare
        rates.exception = Ratio(
            rates.create.numerator * workload.recurringShare.numerator * workload.exceptionShare.numerator,
            rates.create.denominator * workload.recurringShare.denominator * workload.exceptionShare.denominator)
        rates.throughTMinus = workload.throughTMinusShare
        return rates
    }

    private func apply(
        _ fault: ScenarioFault, scenario: Scenario, logins: [String: String], rules: inout [NetworkFaultRule],
        configuration: inout WorldRunConfiguration,
        notes: inout WorldMappingNotes
    ) {
        let window: TimeWindow
        switch fault.timing {
        case .window(let from, let to):
            window = TimeWindow(from: scenario.instant(at: from), to: scenario.instant(at: to))
        case .at(let offset):
            window = TimeWindow(from: scenario.instant(at: offset), to: scenario.instant(at: offset + tick))
        }
        let network: [FaultKind: NetworkFault] = [
            .connectionReset: .connectionReset, .timeoutBeforeApply: .timeoutBeforeApply,
            .timeoutAfterApply: .timeoutAfterApply,
            .truncatedBody: .truncatedBody, .malformedBody: .malformedBody, .duplicateDelivery: .duplicateDelivery,
        ]
        let providers = targetedProviders(fault, scenario: scenario)
        noteAccountTargetWidening(fault, scenario: scenario, notes: &notes)
        if let networkFault = network[fault.kind] {
            rules += NetworkFaultRule(networkFault, window: window, probability: fault.probability).scoped(to: providers)
            return
        }
        let scoped = scopedFault(fault, window: window, scenario: scenario)
        switch fault.kind {
        case .latency:
            if let latency = fault.parameters.latency {
                let distribution = LatencyDistribution(minimum: latency.minimum, maximum: latency.maximum)
                rules += NetworkFaultRule(.slow, window: window, probability: fault.probability, latency: distribution)
                    .scoped(to: providers)
            }
        case .serverErrors:
            configuration.providerFaults.serverErrors.append(scoped)
        case .rateLimit:
            configuration.providerFaults.rateLimits.append(scoped)
        case .pushLoss:
            configuration.providerFaults.pushLoss.append(scoped)
        case .pushDuplication:
            configuration.providerFaults.pushDuplication.append(scoped)
        case .pushDelay:
            configuration.providerFaults.pushDelays.append(scoped)
        case .pushReorder:
            configuration.providerFaults.pushReorders.append(scoped)
        case .accessTokenExpiry:
            configuration.timedFaults.append(
                TimedWorldFault(.accessTokenExpiry, window: window, probability: fault.probability, providers: providers))
        case .staleSyncToken:
            configuration.timedFaults.append(
                TimedWorldFault(.cursorInvalidation, window: window, probability: fault.probability, providers: providers))
        case .tokenRevocation:
            let linked = (scenario.users.first?.accounts ?? []).filter(\.linked)
            guard let index = linked.firstIndex(where: { $0.id == fault.target.account }),
                linked[index].provider != .caldav, let at = window.from
            else {
                notes.skip(
                    fault.kind, "token-revocation of '\(fault.target.account ?? "?")' needs a linked OAuth account; not injected")
                return
            }
            configuration.tokenRevocations.append(TokenRevocation(at: at, accountIndex: index))
        case .queueRedelivery:
            configuration.lostAcknowledgements.append(
                LostAcknowledgementRule(
                    queues: Self.queues(of: fault.target.component), window: window, probability: fault.probability))
        case .crash where fault.parameters.crashSite == .insideHandler:
            var once = false
            if case .at = fault.timing { once = true }
            configuration.handlerCrashes.append(
                HandlerCrashRule(
                    points: HandlerCrashRule.points(ofConsumers: Self.consumers(of: fault.target.component)),
                    window: window, probability: fault.probability, once: once))
        case .crash:
            configuration.timedFaults.append(
                TimedWorldFault(.engineRestart, window: window, probability: fault.probability))
        case .deadChannel, .channelExpiry, .forgedNotification:
            let push = PushChannelFault(rawValue: fault.kind.description)!
            let target = PushChannelTarget(provider: fault.target.provider, login: fault.target.account.flatMap { logins[$0] })
            configuration.timedFaults.append(
                TimedWorldFault(.push(push, target), window: window, probability: fault.probability))
        case .overlayCalendarDeletion:
            let login = fault.target.account.flatMap { logins[$0] }
            configuration.timedFaults.append(
                TimedWorldFault(.overlayDeletion(login: login), window: window, probability: fault.probability))
        case .eventMove:
            let login = fault.target.account.flatMap { logins[$0] }
            configuration.timedFaults.append(
                TimedWorldFault(.eventMove(login: login), window: window, probability: fault.probability))
        case .mirrorEdit, .mirrorDeletion, .recurringInstanceEdit:
            let act: HumanFaultRule.Act =
                fault.kind == .mirrorEdit ? .editMirror : fault.kind == .mirrorDeletion ? .deleteMirror : .changeOccurrence
            configuration.rates.humanFaults.append(
                HumanFaultRule(act, login: fault.target.account.flatMap { logins[$0] }, window: window, probability: fault.probability))
            if act == .changeOccurrence, configuration.rates.recurring == .never {
                configuration.rates.recurring = Ratio(1, 4)
                notes.note("recurring-instance-edit: the workload made no series, so a quarter of new events are series")
            }
        default:
            if !applyProviderOrClockFault(
                fault, window: window, scenario: scenario, configuration: &configuration, notes: &notes)
            {
                notes.skip(fault.kind, "fault '\(fault.kind)' is not modelled by the world yet; it was not injected")
            }
        }
    }

    /// The queues whose acknowledgements a redelivery fault on `component` loses; empty: all.
    static func queues(of component: ScenarioComponent?) -> Set<String> {
        switch component {
        case .syncConsumer?: ["sync"]
        case .writeConsumer?: ["write"]
        case .reconcileConsumer?: ["reconcile"]
        default: []
        }
    }

    /// The engine consumers (``CrashPoint/consumer``) a crash of `component` strikes; empty: all.
    static func consumers(of component: ScenarioComponent?) -> Set<String> {
        switch component {
        case .syncConsumer?: ["sync"]
        case .writeConsumer?: ["write"]
        case .reconcileConsumer?: ["reconcile"]
        case .outboxRelay?: ["relay"]
        case .cron?: ["cron"]
        case .webhookReceiver?: ["push"]
        case .process?, nil: []
        }
    }

    private func outcome(_ report: WorldRunReport, scenario: Scenario, world: SyncWorld, notes: [String])
        -> ScenarioOutcome
    {
        let violations = report.violations.map { violation in
            InvariantViolation(
                invariant: InvariantID(rawValue: violation.invariant) ?? .m,
                at: violation.at.duration(since: scenario.start), objects: violation.objects,
                message: violation.message, recentTrace: violation.recentTrace)
        }
        let passed = report.passed
        // The sampler counts the engine's writes; the checker's write log gives J's writes per change.
        var counters = report.counters
        counters.maxWritesPerChange = report.maxWritesPerChange
        return ScenarioOutcome(
            verdict: passed ? .pass : .fail, violations: violations,
            checkedInvariants: [.a, .b, .c, .d, .e, .f, .g, .h, .i, .j, .k, .l, .m],
            convergenceTime: report.convergenceTime, faultPhaseEnded: scenario.duration,
            virtualDuration: world.clock.now().duration(since: scenario.start), counters: counters,
            series: report.series,
            notes: [Self.safetyNote(report)] + notes + crashNotes(report) + redeliveryNotes(report)
                + (report.convergenceTime == nil ? ["did not converge within the deadline"] : []))
    }

    /// How the safety checks were scheduled: "safety checks after every step that changed what
    /// they read (412 of 576 steps; the others changed nothing)"; one more runs at convergence.
    static func safetyNote(_ report: WorldRunReport) -> String {
        let when =
            report.safetyEveryTicks == 1
            ? "after every step that changed what they read"
            : "every \(report.safetyEveryTicks) steps when something they read changed"
        return "safety checks \(when) (\(report.checkedTicks) of \(report.ticks) steps; the others changed nothing)"
    }

    /// "engine restarts: 12 (inside handlers: sync.after-commit×3, write.before-ack×1)".
    /// "acknowledgements lost: sync×2, write×5".
    private func redeliveryNotes(_ report: WorldRunReport) -> [String] {
        let lost = report.acknowledgementsLost
        guard !lost.isEmpty else { return [] }
        return ["acknowledgements lost: " + lost.keys.sorted().map { "\($0)×\(lost[$0]!)" }.joined(separator: ", ")]
    }

    private func crashNotes(_ report: WorldRunReport) -> [String] {
        guard report.engineRestarts > 0 else { return [] }
        let inside = report.handlerCrashes.keys.sorted().map { "\($0.rawValue)×\(report.handlerCrashes[$0]!)" }
        let detail = inside.isEmpty ? "" : " (inside handlers: \(inside.joined(separator: ", ")))"
        return ["engine restarts: \(report.engineRestarts)\(detail)"]
    }
}
