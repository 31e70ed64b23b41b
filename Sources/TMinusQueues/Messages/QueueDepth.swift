/// How full one queue is: the few numbers the simulator's report plots at every step, read with
/// one indexed statement (``DurableQueue/depths(for:)``) instead of a whole ``QueueStats``.
///
/// None of them depends on the time: they change only when a row of the queue's database does,
/// so a value read once holds until the database is written again. Each equals the field of the
/// same meaning in ``QueueStats`` read at the same moment.
public struct QueueDepth: Hashable, Sendable {
    /// The queue described.
    public var queue: QueueName
    /// Live messages, ready, delayed or leased (``QueueStats/depth``).
    public var depth: Int
    /// Messages in the queue's dead-letter queue (``QueueStats/deadLettered``).
    public var deadLettered: Int
    /// Deliveries since the database was created (``QueueStats/total(_:)`` of ``QueueCounter/delivered``).
    public var delivered: Int

    /// Creates a value.
    public init(queue: QueueName, depth: Int, deadLettered: Int, delivered: Int) {
        self.queue = queue
        self.depth = depth
        self.deadLettered = deadLettered
        self.delivered = delivered
    }

    /// The same numbers taken from a whole snapshot.
    public init(_ stats: QueueStats) {
        self.init(
            queue: stats.queue, depth: stats.depth, deadLettered: stats.deadLettered, delivered: stats.total(.delivered))
    }
}
