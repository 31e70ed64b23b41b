/// The stable IDs of the correctness invariants (`spec/invariants.md`), as they appear in scenario
/// files (`"expect": {"invariants": ["A", "D"]}`), traces, reports and golden files.
///
/// Ordered A to N; ``name`` and ``rule`` are one-line summaries for reports, the spec is the
/// authority. Safety invariants must hold at every step, liveness ones once faults have stopped and
/// the system has quiesced.
public enum InvariantID: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case a = "A", b = "B", c = "C", d = "D", e = "E", f = "F", g = "G"
    case h = "H", i = "I", j = "J", k = "K", l = "L", m = "M", n = "N"

    /// Whether an invariant is checked at every step or at quiescence.
    public enum Kind: String, Sendable {
        /// Must hold after every state-changing step.
        case safety
        /// Must hold once faults stop and the system quiesces.
        case liveness
        /// Both (N: holds are safe at every step and removed at quiescence).
        case safetyAndLiveness = "safety+liveness"
    }

    public static func < (a: InvariantID, b: InvariantID) -> Bool { a.rawValue < b.rawValue }

    /// The letter.
    public var description: String { rawValue }

    /// The invariant's short name, e.g. `idempotency` for D.
    public var name: String {
        switch self {
        case .a: "classification"
        case .b: "stable canonical ID"
        case .c: "deterministic projection"
        case .d: "idempotency"
        case .e: "managed never origin"
        case .f: "authority"
        case .g: "no user data loss"
        case .h: "privacy"
        case .i: "journal"
        case .j: "no loops / bounded amplification"
        case .k: "provider limits respected"
        case .l: "durability"
        case .m: "convergence"
        case .n: "holds"
        }
    }

    /// When the invariant is checked.
    public var kind: Kind {
        switch self {
        case .m: .liveness
        case .n: .safetyAndLiveness
        default: .safety
        }
    }

    /// `D (idempotency)`, for messages.
    public var label: String { "\(rawValue) (\(name))" }
}
