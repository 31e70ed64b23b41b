public import TMinusCore

/// One invariant violation found by the world checker: its stable invariant ID (A–N), when, what,
/// the objects involved, and (once the driver adds them) the seed and the last trace lines that
/// touched those objects.
public struct WorldViolation: Hashable, Sendable, CustomStringConvertible {
    /// The invariant's ID, e.g. "D" (idempotency) or "M" (convergence).
    public var invariant: String
    /// Virtual time of the check that found it.
    public var at: Timestamp
    /// What is wrong, with the objects involved (IDs only, never titles).
    public var message: String
    /// The IDs involved (canonical events, accounts, provider events, request paths).
    public var objects: [String] = []
    /// The run's seed (set by ``WorldDriver``).
    public var seed: UInt64?
    /// The last trace lines that mention one of ``objects``, oldest first (set by ``WorldDriver``).
    public var recentTrace: [String] = []

    public var description: String {
        var text = "[\(invariant)] \(at) \(message)"
        if let seed { text += " (seed \(seed))" }
        return text
    }

    /// The description, then the objects and the trace lines that touched them, one per line.
    public var report: String {
        var lines = [description]
        if !objects.isEmpty { lines.append("  objects: \(objects.joined(separator: ", "))") }
        lines += recentTrace.map { "  trace: \($0)" }
        return lines.joined(separator: "\n")
    }
}
