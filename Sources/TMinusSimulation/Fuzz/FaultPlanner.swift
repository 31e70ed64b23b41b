import TMinusCore

/// Builds one generated fault from its kind's catalogue entry: a timing the kind allows (a window
/// with a probability, or an instant inside the fault phase), a target made of the fields the kind
/// accepts (always those it requires), and values for its parameters (always the required ones, at
/// least one of a one-of group). Part of ``ScenarioGenerator``.
struct FaultPlanner {
    let scenario: Scenario

    /// A fault of a kind drawn from `kinds` (not empty).
    func fault(_ draw: inout Draw, kinds: [FaultKind]) -> ScenarioFault {
        let kind = draw.pick(kinds)
        let timing = self.timing(&draw, kind: kind)
        var probability = Ratio.always
        if case .window = timing {
            probability = draw.pick([Ratio(1, 1), Ratio(1, 2), Ratio(1, 5), Ratio(1, 10), Ratio(1, 20), Ratio(1, 50)])
        }
        return ScenarioFault(
            kind: kind, target: target(&draw, kind: kind), timing: timing, probability: probability,
            parameters: parameters(&draw, kind: kind))
    }

    private func timing(_ draw: inout Draw, kind: FaultKind) -> ScenarioFault.Timing {
        let slots = UInt64(scenario.duration.nanoseconds / 300_000_000_000)
        let slot = Duration.seconds(300)
        let instant = kind.timing == .instant || (kind.timing == .windowOrInstant && draw.chance(1, 2))
        if instant { return .at(slot * Int(draw.below(slots))) }
        if draw.chance(1, 4) { return .window(from: .zero, to: scenario.duration) }
        let from = draw.below(slots)
        let to = from + 1 + draw.below(slots - from)
        return .window(from: slot * Int(from), to: slot * Int(to))
    }

    private func target(_ draw: inout Draw, kind: FaultKind) -> FaultTarget {
        var target = FaultTarget()
        let fields = kind.targets
        let wants = { (field: FaultTarget.Field, draw: inout Draw) -> Bool in
            fields.contains(field) && (kind.requiredTargets.contains(field) || draw.chance(1, 3))
        }
        if wants(.account, &draw) {
            let account = draw.pick(scenario.accounts)
            target.account = account.id
            if fields.contains(.provider) && draw.chance(1, 3) { target.provider = account.provider }
        } else if wants(.provider, &draw) {
            target.provider = draw.pick(scenario.providers)
        }
        if wants(.component, &draw) { target.component = draw.pick(kind.allowedComponents) }
        return target
    }

    private func parameters(_ draw: inout Draw, kind: FaultKind) -> FaultParameters {
        var parameters = FaultParameters()
        var chosen: [FaultParameter] = kind.parameters.filter { kind.requiredParameters.contains($0) || draw.chance(1, 2) }
        if !kind.requiresOneOf.isEmpty, !kind.requiresOneOf.contains(where: chosen.contains) {
            chosen.append(draw.pick(kind.requiresOneOf))
        }
        for parameter in chosen {
            switch parameter {
            case .latency: parameters.latency = range(&draw, minimumMilliseconds: 10...200, spreadMilliseconds: 0...3_000)
            case .delay: parameters.delay = range(&draw, minimumMilliseconds: 1_000...60_000, spreadMilliseconds: 0...600_000)
            case .retryAfter:
                parameters.retryAfter = range(&draw, minimumMilliseconds: 1_000...10_000, spreadMilliseconds: 0...50_000)
            case .status: if !kind.allowedStatuses.isEmpty { parameters.status = draw.pick(kind.allowedStatuses) }
            case .offset: parameters.offset = signedMinutes(&draw, 1...30)
            case .driftPPM: parameters.driftPartsPerMillion = draw.int(10...1_000) * (draw.chance(1, 2) ? 1 : -1)
            case .by: parameters.by = signedMinutes(&draw, 1...120)
            case .site: parameters.crashSite = draw.pick(CrashSite.allCases)
            }
        }
        return parameters
    }

    private func range(
        _ draw: inout Draw, minimumMilliseconds: ClosedRange<Int64>, spreadMilliseconds: ClosedRange<Int64>
    ) -> DelayRange {
        let minimum = draw.int(minimumMilliseconds)
        return DelayRange(.milliseconds(minimum), .milliseconds(minimum + draw.int(spreadMilliseconds)))
    }

    private func signedMinutes(_ draw: inout Draw, _ magnitude: ClosedRange<Int64>) -> Duration {
        .seconds(draw.int(magnitude) * 60 * (draw.chance(1, 2) ? 1 : -1))
    }
}
