import TMinusCore

/// Makes a scenario consistent again after the shrinker removed parts of it: steps that refer to
/// an event no earlier step still creates (or to an account, calendar or series that is gone),
/// policy edges and faults aimed at removed accounts or unused providers, and times beyond a
/// shortened fault phase are dropped or clipped. What it returns may still be invalid in ways it
/// does not know about; the shrinker checks every candidate with ``ScenarioDecoder`` as well.
enum ScenarioPruning {
    /// `scenario` with every dangling reference removed.
    static func pruned(_ scenario: Scenario) -> Scenario {
        var result = scenario
        result.users = scenario.users.compactMap { user in
            guard !user.accounts.isEmpty else { return nil }
            var user = user
            let ids = Set(user.accounts.map(\.id))
            user.policy.edges.removeAll { !ids.contains($0.fromAccountID) || !ids.contains($0.toAccountID) }
            return user
        }
        result.steps = prunedSteps(result)
        let providers = Set(result.providers)
        result.faults = scenario.faults.compactMap { fault in
            if let account = fault.target.account, result.account(account) == nil { return nil }
            if let provider = fault.target.provider, !providers.contains(provider) { return nil }
            var fault = fault
            switch fault.timing {
            case .at(let offset):
                guard offset < result.duration else { return nil }
            case .window(let from, let to):
                guard from < result.duration else { return nil }
                fault.timing = .window(from: from, to: min(to, result.duration))
            }
            return fault
        }
        return result
    }

    private static func prunedSteps(_ scenario: Scenario) -> [ScenarioStep] {
        var events: [String: ScenarioEventSpec] = [:]
        var kept: [ScenarioStep] = []
        for step in scenario.steps where step.at <= scenario.duration {
            guard keeps(step.action, scenario: scenario, events: &events) else { continue }
            kept.append(step)
        }
        return kept
    }

    /// Whether `action` still refers only to things that exist; records events it creates.
    private static func keeps(
        _ action: ScenarioAction, scenario: Scenario, events: inout [String: ScenarioEventSpec]
    ) -> Bool {
        let owner = { (account: String) in scenario.user(owning: account)?.id }
        switch action {
        case .createEvent(let spec), .createThroughTMinus(let spec):
            guard let account = scenario.account(spec.account), spec.calendar < account.calendars,
                events[spec.label] == nil
            else { return false }
            events[spec.label] = spec
            return true
        case .editEvent(let label, _), .deleteEvent(let label), .editThroughTMinus(let label, _),
            .deleteThroughTMinus(let label):
            return events[label] != nil
        case .moveEvent(let label, let calendar):
            guard let spec = events[label], let account = scenario.account(spec.account),
                calendar < account.calendars, calendar != spec.calendar
            else { return false }
            events[label]?.calendar = calendar
            return true
        case .editOccurrence(let label, _, _), .cancelOccurrence(let label, _):
            return events[label]?.recurrence != nil
        case .editMirror(let label, let account), .deleteMirror(let label, let account):
            guard let spec = events[label], scenario.account(account) != nil else { return false }
            return account != spec.account && owner(account) == owner(spec.account)
        case .setPolicyEdge(let edge):
            return sameUser(edge.fromAccountID, edge.toAccountID, scenario)
        case .removePolicyEdge(let from, let to):
            return sameUser(from, to, scenario)
        case .deleteOverlayCalendar(let account), .linkAccount(let account), .unlinkAccount(let account),
            .revokeToken(let account), .reauthorize(let account):
            return scenario.account(account) != nil
        case .reconcileNow(let account):
            return account.map { scenario.account($0) != nil } ?? true
        case .lifecycleNotification(let account, _):
            return scenario.account(account)?.provider == .microsoft
        }
    }

    private static func sameUser(_ from: String, _ to: String, _ scenario: Scenario) -> Bool {
        guard scenario.account(from) != nil, scenario.account(to) != nil, from != to else { return false }
        return scenario.user(owning: from)?.id == scenario.user(owning: to)?.id
    }
}
