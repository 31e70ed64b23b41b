import TMinusCore

/// The scenario faults that act on a fake's consistency, paging, preconditions and quota, and on
/// the participants' clocks: how each `faults[]` entry becomes world configuration.
extension WorldScenarioExecutor {
    /// Maps `fault` onto `configuration` when it is one of these kinds; false otherwise.
    func applyProviderOrClockFault(
        _ fault: ScenarioFault, window: TimeWindow, scenario: Scenario, configuration: inout WorldRunConfiguration,
        notes: inout WorldMappingNotes
    ) -> Bool {
        let scoped = scopedFault(fault, window: window, scenario: scenario)
        let providers = scoped.providers
        switch fault.kind {
        case .preconditionFailure:
            configuration.providerFaults.preconditionFailures.append(scoped)
        case .eventualConsistency:
            configuration.providerFaults.eventualConsistency.append(scoped)
            if providers == [.caldav] {
                notes.skip(
                    fault.kind,
                    "eventual-consistency: the CalDAV servers the fake imitates (Radicale, Xandikos) are single "
                        + "stores whose sync-collection is always current; nothing was delayed")
            }
        case .paginationChange:
            configuration.providerFaults.paginationChanges.append(scoped)
        case .quotaExhausted:
            configuration.timedFaults.append(
                TimedWorldFault(.quotaExhaustion, window: window, probability: .always, providers: providers))
            if !providers.isEmpty && !providers.contains(.google) {
                notes.skip(fault.kind, "quota-exhausted: only Google has a daily quota; nothing was exhausted")
            }
        case .clockSkew:
            let skew = FaultClock.Skew(
                window: window, offset: fault.parameters.offset ?? .zero,
                driftPartsPerMillion: fault.parameters.driftPartsPerMillion ?? 0)
            for target in clockTargets(fault.target) { configuration.clockFaults.append(WorldClockFault(target, .skew(skew))) }
        case .clockJump:
            guard let by = fault.parameters.by, let at = window.from else { return false }
            let jump = FaultClock.Jump(at: at, by: by)
            for target in clockTargets(fault.target) { configuration.clockFaults.append(WorldClockFault(target, .jump(jump))) }
        default:
            return false
        }
        return true
    }

    /// The fault as the fakes take it: its providers, window, chance and parameters.
    func scopedFault(_ fault: ScenarioFault, window: TimeWindow, scenario: Scenario) -> ScopedProviderFault {
        ScopedProviderFault(
            providers: targetedProviders(fault, scenario: scenario), window: window, probability: fault.probability,
            delay: fault.parameters.delay, status: fault.parameters.status, retryAfter: fault.parameters.retryAfter)
    }

    /// The providers a target names: its provider, or its account's provider; empty for any.
    func targetedProviders(_ fault: ScenarioFault, scenario: Scenario) -> [ProviderKind] {
        if let provider = fault.target.provider { return [provider] }
        if let account = fault.target.account {
            let accounts = scenario.users.flatMap(\.accounts)
            if let provider = accounts.first(where: { $0.id == account })?.provider { return [provider] }
        }
        return []
    }

    /// Notes when a fault names an account but hits every account of its provider: the transport
    /// and the fakes' fault rules see a provider's hosts and paths, not whose token a request
    /// carries, so an account target narrows a network, server-error, rate-limit, push, 412,
    /// consistency or paging fault to that account's provider only.
    func noteAccountTargetWidening(_ fault: ScenarioFault, scenario: Scenario, notes: inout WorldMappingNotes) {
        guard let account = fault.target.account, fault.target.provider == nil else { return }
        let accounts = scenario.users.flatMap(\.accounts)
        guard let provider = accounts.first(where: { $0.id == account })?.provider else { return }
        let siblings = accounts.filter { $0.provider == provider && $0.id != account }.map(\.id)
        guard !siblings.isEmpty, FaultKind.providerWide.contains(fault.kind) else { return }
        notes.note(
            "\(fault.kind.description) targets \(account): it hits every \(provider.rawValue) account "
                + "(\(([account] + siblings).sorted().joined(separator: ", "))), since faults at the wire see hosts, not accounts")
    }

    /// Whose clocks a clock fault moves: a provider's fake, the engine process (any component:
    /// the world's consumers, cron and webhook receiver share one process clock), or everyone's.
    func clockTargets(_ target: FaultTarget) -> [WorldClockFault.Target] {
        var targets: [WorldClockFault.Target] = []
        if let provider = target.provider { targets.append(.provider(provider)) }
        if target.component != nil { targets.append(.engine) }
        return targets.isEmpty ? [.everyone] : targets
    }
}
