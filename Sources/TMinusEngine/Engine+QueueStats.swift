public import TMinusCore
public import TMinusQueues
public import TMinusSQLite

extension Engine {
    /// The queues the engine drains, in drain order.
    public static let queueNames = [QueueName.sync, .reconcile, .write]

    /// A snapshot of each of the engine's queues now (depths by state, dead letters, running
    /// totals), in ``queueNames`` order: for status output, reports and the simulator's plots.
    public func queueStats() throws -> [QueueStats] {
        try queue.stats(for: Self.queueNames, now: now)
    }

    /// ``queueStats()``, or `previous` when it still describes the queues now: for a caller that
    /// asks at every step (the simulator's report series) while most steps change no queue.
    ///
    /// `previous` is reused only when it came from this engine, the queue database owns its file
    /// alone and no row of it was written and nothing rolled back since (its connection's
    /// ``Connection/changeStamp``), time did not go back, and no message became visible since
    /// (each queue's ``QueueStats/nextVisibleAt`` is later than now): the statistics depend on
    /// nothing else, so reading them again would give the same values.
    public func queueStats(reusing previous: QueueStatsSnapshot?) throws -> QueueStatsSnapshot {
        let now = now
        let changes = queue.connection.changeStamp
        if let previous, previous.engine === self, let changes, changes == previous.changes,
            previous.stillHolds(at: now)
        {
            return previous
        }
        return QueueStatsSnapshot(
            stats: try queue.stats(for: Self.queueNames, now: now), engine: self, changes: changes, readAt: now)
    }
}

/// The engine's queue statistics and what they were read at (``Engine/queueStats(reusing:)``).
public struct QueueStatsSnapshot: Sendable {
    /// Each queue's statistics, in ``Engine/queueNames`` order.
    public let stats: [QueueStats]
    /// The engine they were read from (weak: a released engine reads as nil, never as another).
    weak var engine: Engine?
    /// The queue connection's change stamp then (nil: the file is shared, and nothing is reused).
    let changes: ChangeStamp?
    /// The engine's time they describe.
    let readAt: Timestamp

    /// True when, no queue row having changed since ``readAt``, the statistics at `now` are
    /// these: `now` is not earlier, and no message becomes visible in `(readAt, now]`.
    func stillHolds(at now: Timestamp) -> Bool {
        readAt <= now && stats.allSatisfy { $0.nextVisibleAt.map { now < $0 } ?? true }
    }
}
