import TMinusCore
public import TMinusQueues

extension Engine {
    /// The queues the engine drains, in drain order.
    public static let queueNames = [QueueName.sync, .reconcile, .write]

    /// A snapshot of each of the engine's queues now (depths by state, dead letters, running
    /// totals), in ``queueNames`` order: for status output and reports.
    public func queueStats() throws -> [QueueStats] {
        try queue.stats(for: Self.queueNames, now: now)
    }

    /// The depth, dead letters and deliveries of each of the engine's queues (``queueNames``
    /// order): for a caller that asks at every step (the simulator's report series). Cheap when no
    /// queue changed: the queue keeps these numbers itself while it owns its file alone
    /// (``DurableQueue/depths(for:)``), and reads its rows only when it cannot vouch for them.
    public func queueDepths() throws -> [QueueDepth] {
        try queue.depths(for: Self.queueNames)
    }
}
