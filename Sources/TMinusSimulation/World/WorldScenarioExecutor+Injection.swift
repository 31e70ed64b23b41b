import TMinusCore

extension WorldScenarioExecutor {
    /// Whether the world injects faults of `kind`: a probe scenario (one account per provider, one
    /// fault of the kind as the fuzzer would generate it) is mapped onto a world configuration, and
    /// the kind counts as injected when the mapping notes nothing about it. So the answer follows
    /// the mapping in ``configuration(for:notes:)`` without a second list to keep in step.
    public func injects(_ kind: FaultKind) -> Bool {
        var probe = Scenario(
            name: "probe", description: "Which fault kinds the world injects.", duration: .seconds(86_400),
            users: [
                ScenarioUser(
                    id: "probe",
                    accounts: ProviderKind.allCases.map { ScenarioAccount(id: $0.rawValue, provider: $0) })
            ])
        probe.faults = [ScenarioGenerator.probeFault(kind, in: probe)]
        var notes: [String] = []
        _ = configuration(for: probe, notes: &notes)
        return notes.isEmpty
    }

    /// The kinds of the catalogue the world injects, in severity order.
    public var injectedFaultKinds: [FaultKind] { FaultKind.allCases.filter(injects) }
}
