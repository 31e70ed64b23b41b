public import TMinusCore

/// A snapshot of one queue for status output, reports and plots: depths by state, the age of the
/// oldest waiting message, and totals since the database was created.
///
/// Every live message is in exactly one of `ready`, `delayed` or `leased`, so
/// `depth = ready + delayed + leased`; dead letters are counted apart.
public struct QueueStats: Hashable, Sendable {
    /// The queue described.
    public var queue: QueueName
    /// Messages a consumer could receive now.
    public var ready: Int
    /// Messages waiting for their first delivery time or their retry backoff.
    public var delayed: Int
    /// Messages leased to a consumer whose visibility timeout has not passed.
    public var leased: Int
    /// Messages in the queue's dead-letter queue.
    public var deadLettered: Int
    /// The enqueue time of the oldest ready message (nil when none is ready); `now − this` is the lag.
    public var oldestReadyEnqueuedAt: Timestamp?
    /// The next instant a delayed or leased message becomes visible (nil when there is none).
    public var nextVisibleAt: Timestamp?
    /// Running totals (``QueueCounter``) since the database was created; absent counters are zero.
    /// For output, iterate `QueueCounter.allCases` (a dictionary's order is not stable).
    public var totals: [QueueCounter: Int]

    /// Live messages: ready + delayed + leased.
    public var depth: Int { ready + delayed + leased }

    /// Creates a snapshot.
    public init(
        queue: QueueName, ready: Int, delayed: Int, leased: Int, deadLettered: Int,
        oldestReadyEnqueuedAt: Timestamp?, nextVisibleAt: Timestamp?, totals: [QueueCounter: Int]
    ) {
        self.queue = queue
        self.ready = ready
        self.delayed = delayed
        self.leased = leased
        self.deadLettered = deadLettered
        self.oldestReadyEnqueuedAt = oldestReadyEnqueuedAt
        self.nextVisibleAt = nextVisibleAt
        self.totals = totals
    }

    /// The running total of `counter` (zero when it never moved).
    public func total(_ counter: QueueCounter) -> Int { totals[counter] ?? 0 }
}

/// The running totals a queue keeps per queue, updated in the same transaction as the change they count.
public enum QueueCounter: String, CaseIterable, Hashable, Comparable, Sendable {
    /// Messages stored by `enqueue`.
    case enqueued
    /// `enqueue` calls refused because the dedup key was already seen.
    case duplicates
    /// Deliveries (each `receive` of a message counts once).
    case delivered
    /// Deliveries of a message whose previous lease expired unsettled (a crashed or slow consumer).
    case redelivered
    /// Messages acknowledged.
    case acknowledged
    /// Failed deliveries scheduled for another attempt.
    case retried
    /// Leases handed back without spending an attempt (a consumer shutting down).
    case released
    /// Messages moved to the dead-letter queue.
    case deadLettered
    /// Dead letters put back on the queue.
    case replayed

    public static func < (lhs: QueueCounter, rhs: QueueCounter) -> Bool { lhs.rawValue < rhs.rawValue }
}
