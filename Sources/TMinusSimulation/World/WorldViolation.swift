public import TMinusCore

/// One invariant violation found by the world checker: its stable invariant ID (A–N), when, what.
public struct WorldViolation: Hashable, Sendable, CustomStringConvertible {
    /// The invariant's ID, e.g. "D" (idempotency) or "M" (convergence).
    public var invariant: String
    /// Virtual time of the check that found it.
    public var at: Timestamp
    /// What is wrong, with the objects involved (IDs only, never titles).
    public var message: String

    public var description: String { "[\(invariant)] \(at) \(message)" }
}
