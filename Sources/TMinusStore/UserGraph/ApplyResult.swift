/// What one batch of provider deltas did to a user graph: counts a sync consumer reports and traces.
public struct ApplyResult: Hashable, Sendable {
    /// New canonical events.
    public var created = 0
    /// Canonical events whose content changed.
    public var updated = 0
    /// Canonical events marked deleted on positive evidence.
    public var deleted = 0
    /// Deltas that changed nothing (same content again, or a delete of an unknown event).
    public var unchanged = 0
    /// Managed events that matched what we wrote (our own echoes).
    public var managedEchoes = 0
    /// Managed events a human edited: rewritten back to the projection.
    public var driftCorrected = 0
    /// Managed events a human deleted: tombstoned.
    public var tombstoned = 0
    /// Our deletes confirmed by the provider.
    public var deleteConfirmed = 0
    /// Managed events with no mirror row (orphans): left for reconcile.
    public var orphans = 0
    /// Authority conflicts journaled.
    public var conflicts = 0
    /// Outbox entries written.
    public var outboxEntries = 0

    /// An empty result.
    public init() {}
}
