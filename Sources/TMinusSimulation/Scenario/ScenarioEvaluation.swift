/// The final verdict of one run: the executor's outcome (and the kernel's report) held against
/// the scenario's `expect` section.
///
/// Rules, in order: a kernel failure (leak, deadlock, time limit, thrown root) or a missing outcome
/// fails the run. A seeded-defect scenario (`mustFire`) passes exactly when its invariant fired.
/// Otherwise every violation of an expected invariant fails it (others are reported as ignored),
/// and so do a convergence slower than the deadline and any exceeded bound. An executor that says
/// `fail` without any violation fails the run with its notes.
public struct ScenarioEvaluation: Hashable, Sendable {
    /// The run's verdict.
    public enum Verdict: String, Hashable, Sendable {
        case pass, fail
        /// Cut short on purpose (`sim replay --until`) before an outcome existed.
        case incomplete
    }

    /// The verdict.
    public var verdict: Verdict
    /// Why it failed, most important first (empty when it passed).
    public var failures: [ScenarioFailure]
    /// One result per invariant, A to N.
    public var invariants: [InvariantResult]

    /// Whether the run passed.
    public var passed: Bool { verdict == .pass }
}

/// One reason a run failed.
public struct ScenarioFailure: Hashable, Sendable, CustomStringConvertible {
    /// What kind of expectation broke.
    public enum Kind: String, Hashable, Sendable {
        /// The simulation itself failed (leak, deadlock, time limit, thrown root, trace file).
        case kernel
        /// The executor reported a failure that is not an invariant violation.
        case executor
        /// An expected invariant was violated.
        case invariant
        /// A seeded defect's invariant did not fire.
        case mustFire = "must-fire"
        /// Convergence took longer than the deadline, or never happened.
        case convergence
        /// A bound on writes, calls or dead letters was exceeded.
        case bound
    }

    /// The kind.
    public var kind: Kind
    /// The invariant concerned, when there is one.
    public var invariant: InvariantID?
    /// What happened, in a sentence.
    public var message: String

    /// Creates a failure.
    public init(kind: Kind, invariant: InvariantID? = nil, message: String) {
        self.kind = kind
        self.invariant = invariant
        self.message = message
    }

    /// `invariant D (idempotency): …` or `convergence: …`.
    public var description: String {
        if let invariant { return "invariant \(invariant.label): \(message)" }
        return "\(kind.rawValue): \(message)"
    }
}

/// How one invariant fared in a run.
public struct InvariantResult: Hashable, Sendable {
    /// The status of an invariant after a run.
    public enum Status: String, Hashable, Sendable {
        /// Checked and never violated.
        case held
        /// Violated, and the scenario expects it to hold: the run fails.
        case violated
        /// Violated, but the scenario does not list it among its expected invariants.
        case ignored
        /// The seeded defect's invariant fired, as it must.
        case fired
        /// The seeded defect's invariant did not fire: the run fails.
        case missed
        /// The executor did not check it (or the run ended before it could).
        case notChecked = "not-checked"
    }

    /// The invariant.
    public var id: InvariantID
    /// Its status.
    public var status: Status
    /// How many violations were reported.
    public var violations: Int

    /// Creates a result.
    public init(id: InvariantID, status: Status, violations: Int) {
        self.id = id
        self.status = status
        self.violations = violations
    }
}
