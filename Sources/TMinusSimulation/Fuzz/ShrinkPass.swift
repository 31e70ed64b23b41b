import TMinusCore

/// One kind of reduction the ``ScenarioShrinker`` tries, in the order it tries them (the biggest
/// cuts first). Each pass lists candidates derived from the current scenario, biggest first; the
/// shrinker prunes dangling references from each and keeps the first that still fails.
enum ShrinkPass: CaseIterable {
    /// No workload, then a gentler one (no tampering, no special shapes, half the events).
    case workload
    /// Remove halves, quarters, … and finally single faults (delta debugging).
    case faults
    /// Remove chunks of steps the same way; steps that referred to a removed event go with it.
    case steps
    /// Remove one account (and everything aimed at it), or one user.
    case accounts
    /// End the fault phase soon after the last step or fault, or halve it.
    case duration
    /// Keep the first or the second half of a fault's window.
    case windows
    /// One calendar per account, no explicit policy edge, no recurrence or optional event field,
    /// no optional fault target field or parameter.
    case details

    func candidates(of scenario: Scenario) -> [Scenario] {
        switch self {
        case .workload: return workload(scenario)
        case .faults: return Self.chunkRemovals(scenario.faults.count).map { removal in
                var candidate = scenario
                candidate.faults = Self.removing(removal, from: scenario.faults)
                return candidate
            }
        case .steps: return Self.chunkRemovals(scenario.steps.count).map { removal in
                var candidate = scenario
                candidate.steps = Self.removing(removal, from: scenario.steps)
                return candidate
            }
        case .accounts: return accounts(scenario)
        case .duration: return duration(scenario)
        case .windows: return windows(scenario)
        case .details: return details(scenario)
        }
    }

    /// Ranges to remove from `count` items: halves, then quarters, … then single items.
    static func chunkRemovals(_ count: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var size = count
        while size >= 1 {
            for start in stride(from: 0, to: count, by: size) { ranges.append(start..<min(count, start + size)) }
            if size == 1 { break }
            size = (size + 1) / 2
        }
        return ranges
    }

    static func removing<Element>(_ range: Range<Int>, from elements: [Element]) -> [Element] {
        Array(elements[..<range.lowerBound] + elements[range.upperBound...])
    }

    private func workload(_ scenario: Scenario) -> [Scenario] {
        guard let load = scenario.workload else { return [] }
        var gentle = load
        gentle.mirrorEditsPerAccountPerDay = .zero
        gentle.mirrorDeletionsPerAccountPerDay = .zero
        gentle.overlayDeletionsPerAccountPerDay = .zero
        var plain = load
        (plain.allDayShare, plain.multiDayShare, plain.recurringShare) = (.never, .never, .never)
        (plain.editShare, plain.deleteShare, plain.exceptionShare) = (.never, .never, .never)
        var fewer = load
        let events = load.eventsPerAccountPerDay
        fewer.eventsPerAccountPerDay =
            events.numerator > 1
            ? ScenarioRate(events.numerator / 2, per: events.denominator)
            : ScenarioRate(events.numerator, per: min(events.denominator * 2, RatioText.maximumTerm))
        return [nil, gentle, plain, fewer].map { workload in
            var candidate = scenario
            candidate.workload = workload
            return candidate
        }
    }

    private func accounts(_ scenario: Scenario) -> [Scenario] {
        var candidates: [Scenario] = []
        if scenario.users.count > 1 {
            for index in scenario.users.indices {
                var candidate = scenario
                candidate.users.remove(at: index)
                candidates.append(candidate)
            }
        }
        for (userIndex, user) in scenario.users.enumerated() where user.accounts.count > 1 {
            for index in user.accounts.indices {
                var candidate = scenario
                candidate.users[userIndex].accounts.remove(at: index)
                candidates.append(candidate)
            }
        }
        return candidates
    }

    private func duration(_ scenario: Scenario) -> [Scenario] {
        let hour = Duration.seconds(3_600)
        var latest = scenario.steps.map(\.at).max() ?? .zero
        for fault in scenario.faults {
            switch fault.timing {
            case .at(let offset): latest = max(latest, offset)
            case .window(let from, _): latest = max(latest, from)
            }
        }
        let hours = latest.nanoseconds / hour.nanoseconds + 1
        let lengths = [hour * Int(hours), hour * Int(max(1, scenario.duration.nanoseconds / hour.nanoseconds / 2))]
        return lengths.filter { $0 < scenario.duration }.map { length in
            var candidate = scenario
            candidate.duration = length
            return candidate
        }
    }

    private func windows(_ scenario: Scenario) -> [Scenario] {
        var candidates: [Scenario] = []
        for (index, fault) in scenario.faults.enumerated() {
            guard case .window(let from, let to) = fault.timing, to - from >= .seconds(600) else { continue }
            let middle = from + .seconds((to - from).components.seconds / 600 * 300)
            for window in [(from, middle), (middle, to)] {
                var candidate = scenario
                candidate.faults[index].timing = .window(from: window.0, to: window.1)
                candidates.append(candidate)
            }
        }
        return candidates
    }

    private func details(_ scenario: Scenario) -> [Scenario] {
        var candidates: [Scenario] = []
        for (userIndex, user) in scenario.users.enumerated() {
            for (index, account) in user.accounts.enumerated() where account.calendars > 1 {
                var candidate = scenario
                candidate.users[userIndex].accounts[index].calendars = 1
                candidates.append(candidate)
            }
            for index in user.policy.edges.indices {
                var candidate = scenario
                candidate.users[userIndex].policy.edges.remove(at: index)
                candidates.append(candidate)
            }
        }
        for (index, step) in scenario.steps.enumerated() {
            guard case .createEvent(let spec) = step.action else { continue }
            for simpler in [
                spec.recurrence.map { _ in Self.with(spec) { $0.recurrence = nil } },
                spec.description.map { _ in Self.with(spec) { $0.description = nil } },
                spec.location.map { _ in Self.with(spec) { $0.location = nil } },
            ].compactMap(\.self) {
                var candidate = scenario
                candidate.steps[index].action = .createEvent(simpler)
                candidates.append(candidate)
            }
        }
        for (index, fault) in scenario.faults.enumerated() {
            let required = fault.kind.requiredTargets
            var broader = fault.target
            if !required.contains(.provider) { broader.provider = nil }
            if !required.contains(.account) { broader.account = nil }
            if !required.contains(.component) { broader.component = nil }
            if broader != fault.target {
                var candidate = scenario
                candidate.faults[index].target = broader
                candidates.append(candidate)
            }
            if fault.parameters.retryAfter != nil && !fault.kind.requiredParameters.contains(.retryAfter) {
                var candidate = scenario
                candidate.faults[index].parameters.retryAfter = nil
                candidates.append(candidate)
            }
            if fault.parameters.status != nil && !fault.kind.requiredParameters.contains(.status) {
                var candidate = scenario
                candidate.faults[index].parameters.status = nil
                candidates.append(candidate)
            }
            if fault.parameters.crashSite != nil && !fault.kind.requiredParameters.contains(.site) {
                var candidate = scenario
                candidate.faults[index].parameters.crashSite = nil
                candidates.append(candidate)
            }
        }
        return candidates
    }

    private static func with(_ spec: ScenarioEventSpec, _ change: (inout ScenarioEventSpec) -> Void) -> ScenarioEventSpec {
        var copy = spec
        change(&copy)
        return copy
    }
}
