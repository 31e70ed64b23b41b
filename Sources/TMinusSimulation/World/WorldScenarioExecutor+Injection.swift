import TMinusCore

extension WorldScenarioExecutor {
    /// Whether the world injects faults of `kind`: a probe scenario (one account per provider, one
    /// fault of the kind as the fuzzer would generate it, its target widened to every account when
    /// the kind allows) is mapped onto a world configuration, and the kind counts as injected
    /// unless the mapping skipped that fault (``WorldMappingNotes/skip(_:_:)``; an informational
    /// line does not count). So the answer follows the mapping in
    /// ``configuration(for:notes:logins:)`` without a second list to keep in step, and does not
    /// depend on which provider the probe's draw happened to target.
    public func injects(_ kind: FaultKind) -> Bool {
        var probe = Scenario(
            name: "probe", description: "Which fault kinds the world injects.", duration: .seconds(86_400),
            users: [
                ScenarioUser(
                    id: "probe",
                    accounts: ProviderKind.allCases.map { ScenarioAccount(id: $0.rawValue, provider: $0) })
            ])
        var fault = ScenarioGenerator.probeFault(kind, in: probe)
        if kind.entry.requiredTargets.isEmpty { fault.target = .any }
        probe.faults = [fault]
        var notes = WorldMappingNotes()
        _ = configuration(for: probe, notes: &notes)
        return !notes.skippedFaults.contains(kind)
    }

    /// The kinds of the catalogue the world injects, in severity order.
    public var injectedFaultKinds: [FaultKind] { FaultKind.allCases.filter(injects) }
}
