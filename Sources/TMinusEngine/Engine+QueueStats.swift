public import TMinusQueues

extension Engine {
    /// The queues the engine drains, in drain order.
    public static let queueNames = [QueueName.sync, .reconcile, .write]

    /// A snapshot of each of the engine's queues now (depths by state, dead letters, running
    /// totals), in ``queueNames`` order: for status output, reports and the simulator's plots.
    public func queueStats() throws -> [QueueStats] {
        try queue.stats(for: Self.queueNames, now: now)
    }
}
