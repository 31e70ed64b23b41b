/// What a ``QueueConsumer`` run did, for tests, logs and the simulator's report.
public struct ConsumerReport: Hashable, Sendable {
    /// Receive calls made.
    public var polls = 0
    /// Messages received.
    public var delivered = 0
    /// Messages acknowledged.
    public var acknowledged = 0
    /// Deliveries scheduled for another attempt.
    public var retried = 0
    /// Messages moved to the dead-letter queue.
    public var deadLettered = 0
    /// Leases handed back unprocessed because the consumer stopped.
    public var released = 0
    /// Settlements refused because the lease had expired and been re-leased meanwhile.
    public var leasesLost = 0
    /// The largest batch one receive returned.
    public var largestBatch = 0
    /// Whether the loop ended by cancellation (as opposed to its stop condition).
    public var wasCancelled = false

    /// An empty report.
    public init() {}

    /// Counts one settlement outcome.
    mutating func count(_ outcome: LeaseOutcome) {
        switch outcome {
        case .acknowledged: acknowledged += 1
        case .retryScheduled: retried += 1
        case .deadLettered: deadLettered += 1
        case .released: released += 1
        case .leaseLost: leasesLost += 1
        }
    }
}
