public import TMinusCore

/// One scenario file (`scenarios/*.json`), loaded and validated: who uses which accounts, what
/// the humans do, which faults hit them, and what must hold. The format is in `docs/scenarios.md`.
///
/// A run has two phases (style rule 17): for ``duration`` the workload, the steps and the faults
/// run; then faults stop and the system must converge within ``ScenarioExpectations/convergenceDeadline``.
/// Times inside a scenario (step `at`, fault windows) are offsets from ``start``.
///
/// A `Scenario` value always satisfies the validation rules of ``ScenarioDecoder`` when it came
/// from a file: references resolve, windows lie inside the run, parameters fit their fault kind.
public struct Scenario: Hashable, Sendable {
    /// Unique name: lowercase letters, digits and dashes; golden files are named after it.
    public var name: String
    /// One line saying what the scenario proves.
    public var description: String
    /// The default seed (`sim run` without `--seed`, golden files).
    public var seed: UInt64
    /// Length of the fault phase.
    public var duration: Duration
    /// The virtual wall-clock time the run starts at.
    public var start: Timestamp
    /// The people and their accounts.
    public var users: [ScenarioUser]
    /// Generated human behaviour, or nil for scripted steps only.
    public var workload: ScenarioWorkload?
    /// Scripted actions, sorted by offset (stable: file order among equal offsets).
    public var steps: [ScenarioStep]
    /// Injected faults, in file order.
    public var faults: [ScenarioFault]
    /// What must hold.
    public var expect: ScenarioExpectations
    /// The file it was loaded from, as given on the command line (nil for generated scenarios).
    public var sourcePath: String?

    /// Creates a scenario.
    public init(
        name: String, description: String, seed: UInt64 = 1, duration: Duration,
        start: Timestamp = Scenario.defaultStart, users: [ScenarioUser], workload: ScenarioWorkload? = nil,
        steps: [ScenarioStep] = [], faults: [ScenarioFault] = [], expect: ScenarioExpectations = .init(),
        sourcePath: String? = nil
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.duration = duration
        self.start = start
        self.users = users
        self.workload = workload
        self.steps = steps
        self.faults = faults
        self.expect = expect
        self.sourcePath = sourcePath
    }

    /// 2026-03-02T08:00:00Z, a Monday morning (the simulator's default start).
    public static let defaultStart = Timestamp(secondsSinceEpoch: 1_772_438_400)

    /// Every account of every user, in file order.
    public var accounts: [ScenarioAccount] { users.flatMap(\.accounts) }

    /// The account with this ID.
    public func account(_ id: String) -> ScenarioAccount? { accounts.first { $0.id == id } }

    /// The user owning the account with this ID.
    public func user(owning accountID: String) -> ScenarioUser? {
        users.first { $0.accounts.contains { $0.id == accountID } }
    }

    /// The providers used by some account, sorted.
    public var providers: [ProviderKind] {
        let used = Set(accounts.map(\.provider))
        return ProviderKind.allCases.filter(used.contains)
    }

    /// The virtual wall-clock instant of an offset from the start.
    public func instant(at offset: Duration) -> Timestamp { start.adding(offset) }

    /// A generous bound on virtual time for one run: the fault phase, the convergence deadline,
    /// and one more day for the executor's final checks. A run still going then is a failure.
    public var virtualTimeLimit: Duration { duration + expect.convergenceDeadline + .seconds(86_400) }
}
