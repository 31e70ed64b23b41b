/// The mirror state machine (engine.md "Mirror state machine") as a pure table.
///
/// `PENDING → ACTIVE → (hash change) PENDING`; `→ ERROR` on a permanent write error (retryable by
/// replay); `→ DELETING → DELETED` on delete; `TOMBSTONED` when a human deleted the mirror.
/// Stores apply a transition only as a compare-and-set on the expected state and hash.
public enum MirrorTransition: Sendable {
    /// Whether `from → to` is allowed.
    public static func isAllowed(from: MirrorState, to: MirrorState) -> Bool {
        switch (from, to) {
        case (.pending, .active), (.pending, .error), (.pending, .pending):
            return true
        case (.active, .pending), (.error, .pending):
            return true
        case (.pending, .deleting), (.active, .deleting), (.error, .deleting):
            return true
        case (.deleting, .deleted), (.deleting, .error), (.deleting, .deleting):
            return true
        case (.pending, .tombstoned), (.active, .tombstoned), (.error, .tombstoned):
            return true
        // A tombstoned or deleted mirror comes back only when the user asks (re-projection).
        case (.tombstoned, .pending), (.deleted, .pending):
            return true
        default:
            return false
        }
    }
}
