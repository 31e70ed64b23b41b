/// What "fails the same way" means when shrinking: the invariant a run violated (for a run that
/// failed on an invariant), or else the kind of its first failure (kernel, executor, convergence,
/// bound).
///
/// A candidate matches an invariant signature when its executor reported any violation of that
/// invariant, whatever the scenario's `expect` says (so a shrunk seeded-defect scenario, whose
/// `expect` names the invariant in `mustFire`, matches too).
public enum FuzzFailureSignature: Hashable, Sendable, CustomStringConvertible {
    /// An invariant was violated.
    case invariant(InvariantID)
    /// The run failed without an invariant violation.
    case failure(ScenarioFailure.Kind)

    /// The signature of a failed run (its first failure), or nil when it passed.
    public init?(_ result: ScenarioRunResult) {
        guard !result.passed, let first = result.evaluation.failures.first else { return nil }
        if let invariant = first.invariant, first.kind != .mustFire {
            self = .invariant(invariant)
        } else {
            self = .failure(first.kind)
        }
    }

    /// Whether `result` fails this way.
    public func matches(_ result: ScenarioRunResult) -> Bool {
        switch self {
        case .invariant(let id):
            return result.outcome?.violations.contains { $0.invariant == id } ?? false
        case .failure(let kind):
            return result.evaluation.failures.contains { $0.kind == kind }
        }
    }

    /// `invariant D (idempotency)` or `convergence`.
    public var description: String {
        switch self {
        case .invariant(let id): "invariant \(id.label)"
        case .failure(let kind): kind.rawValue
        }
    }
}
