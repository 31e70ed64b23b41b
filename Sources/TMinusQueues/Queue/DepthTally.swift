import TMinusSQLite

/// The depths of every queue of a ``DurableQueue`` kept up to date by the queue's own operations,
/// so that a caller asking at every step (the simulator's sampler, cron's dead-letter report)
/// reads no row while only this queue wrote to its file.
///
/// Exact by construction: the tally holds the connection's ``Connection/changeStamp`` of the
/// state it describes, and an operation moves it forward only when the tally described the state
/// just before that operation (the stamp then equals the tally's) and the operation says what it
/// changed. Anything else that changed a row — an operation that does not report its change, a
/// rolled-back transaction, another statement on the connection — leaves the stamps apart, and
/// the next ``DurableQueue/depths(for:)`` reads the rows again. Only on a connection that owns
/// its file alone (elsewhere there is no stamp, and every call reads).
struct DepthTally {
    /// The connection's change stamp of the state the depths describe.
    var stamp: ChangeStamp
    /// Each tallied queue's depths (every configured queue, and any other queue asked for).
    var depths: [QueueName: QueueDepth]

    /// The depths of `queues`, in the order given, when every one of them is tallied.
    func depths(of queues: [QueueName]) -> [QueueDepth]? {
        var found: [QueueDepth] = []
        found.reserveCapacity(queues.count)
        for queue in queues {
            guard let depth = depths[queue] else { return nil }
            found.append(depth)
        }
        return found
    }
}

/// What one operation changed of one queue's depths.
struct DepthChange {
    var queue: QueueName
    /// Live messages added (negative: removed).
    var live = 0
    /// Dead letters added.
    var deadLettered = 0
    /// Deliveries made.
    var delivered = 0
}

extension DurableQueue {
    /// Moves the depth tally past an operation that began at `before` and changed `changes`, or
    /// drops it when it did not describe the state at `before` (see ``DepthTally``).
    func tallyDepths(since before: ChangeStamp?, _ changes: [DepthChange]) {
        guard var tally = depthTally, let before, tally.stamp == before, let after = connection.changeStamp else {
            depthTally = nil
            return
        }
        for change in changes where change.live != 0 || change.deadLettered != 0 || change.delivered != 0 {
            guard var depth = tally.depths[change.queue] else {
                depthTally = nil
                return
            }
            depth.depth += change.live
            depth.deadLettered += change.deadLettered
            depth.delivered += change.delivered
            tally.depths[change.queue] = depth
        }
        tally.stamp = after
        depthTally = tally
    }
}
