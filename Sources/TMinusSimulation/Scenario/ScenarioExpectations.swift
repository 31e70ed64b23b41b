/// What a scenario's run must show (`expect`): which invariants must hold, how soon the system must
/// converge once faults stop, bounds on cost, or, for a seeded-defect demonstration, the invariant
/// that must fire.
///
/// The defaults: every invariant must hold, convergence within 24 hours of virtual time after the
/// fault phase (covering the daily reconcile), no bounds on writes, calls or dead letters.
public struct ScenarioExpectations: Hashable, Sendable {
    /// Invariants whose violation fails the run (default: all, A–N). Violations of the others are
    /// reported but do not fail it.
    public var invariants: [InvariantID]
    /// Longest virtual time from the end of the fault phase to convergence (invariant M).
    public var convergenceDeadline: Duration
    /// Most provider writes any one user change may cause (invariant J's bound, tighter).
    public var maxWritesPerChange: Int?
    /// Most provider API calls in the whole run, over all providers.
    public var maxProviderCalls: Int?
    /// Most messages in the dead-letter queue at the end.
    public var maxDeadLetters: Int?
    /// For a seeded-defect demonstration: the invariant that must be violated. The run passes only
    /// if it is, and other expectations are not enforced.
    public var mustFire: InvariantID?
    /// For a seeded-defect demonstration: the name of the defect to compile in (see `tminus sim
    /// mutants`); the executor enables it.
    public var defect: String?

    /// The defaults.
    public init(
        invariants: [InvariantID] = InvariantID.allCases, convergenceDeadline: Duration = .seconds(86_400),
        maxWritesPerChange: Int? = nil, maxProviderCalls: Int? = nil, maxDeadLetters: Int? = nil,
        mustFire: InvariantID? = nil, defect: String? = nil
    ) {
        self.invariants = invariants
        self.convergenceDeadline = convergenceDeadline
        self.maxWritesPerChange = maxWritesPerChange
        self.maxProviderCalls = maxProviderCalls
        self.maxDeadLetters = maxDeadLetters
        self.mustFire = mustFire
        self.defect = defect
    }

    /// The JSON keys, in documentation order.
    public static let keys = [
        "invariants", "convergenceDeadline", "maxWritesPerChange", "maxProviderCalls", "maxDeadLetters", "mustFire",
        "defect",
    ]
}
