import TMinusCore
public import TMinusQueues
import TMinusSQLite

extension Engine {
    /// The queues the engine drains, in drain order.
    public static let queueNames = [QueueName.sync, .reconcile, .write]

    /// A snapshot of each of the engine's queues now (depths by state, dead letters, running
    /// totals), in ``queueNames`` order: for status output and reports.
    public func queueStats() throws -> [QueueStats] {
        try queue.stats(for: Self.queueNames, now: now)
    }

    /// The depth, dead letters and deliveries of each of the engine's queues (``queueNames``
    /// order), or `previous` when it still describes them: for a caller that asks at every step
    /// (the simulator's report series) while most steps change no queue.
    ///
    /// `previous` is reused only when it came from this engine, the queue database owns its file
    /// alone, and no row of it was written and nothing rolled back since (its connection's
    /// ``Connection/changeStamp``). The depths depend on the rows only, not on the time, so
    /// reading them again would give the same values.
    public func queueDepths(reusing previous: QueueDepthsSnapshot?) throws -> QueueDepthsSnapshot {
        let changes = queue.connection.changeStamp
        if let previous, previous.engine === self, let changes, changes == previous.changes {
            return previous
        }
        return QueueDepthsSnapshot(depths: try queue.depths(for: Self.queueNames), engine: self, changes: changes)
    }
}

/// The engine's queue depths and the queue database's state they were read in
/// (``Engine/queueDepths(reusing:)``).
public struct QueueDepthsSnapshot: Sendable {
    /// Each queue's depths, in ``Engine/queueNames`` order.
    public let depths: [QueueDepth]
    /// The engine they were read from (weak: a released engine reads as nil, never as another).
    weak var engine: Engine?
    /// The queue connection's change stamp then (nil: the file is shared, and nothing is reused).
    let changes: ChangeStamp?
}
