public import TMinusCore

/// One message as stored in a durable queue: the envelope of the seed's queue contracts.
///
/// The queue assigns `id` (a `msg_` ULID), `enqueuedAt` and `attempt`; the producer chose the rest
/// (see ``OutgoingMessage``). `attempt` counts deliveries since the message was enqueued (or last
/// replayed from its dead-letter queue): 0 while it waits for its first delivery, 1 during the
/// first, and so on. A consumer sees the value of the delivery it is handling.
public struct QueueMessage: Hashable, Sendable {
    /// The message's identity, `msg_` + ULID; unique in its database, kept across retries and replays.
    public var id: String
    /// The queue holding the message.
    public var queue: QueueName
    /// What the consumer should do.
    public var type: MessageType
    /// Correlates the message with the request that caused it.
    public var traceID: String
    /// When the producer enqueued it (the producer's clock).
    public var enqueuedAt: Timestamp
    /// Deliveries so far in this life of the message (reset to 0 by a dead-letter replay).
    public var attempt: Int
    /// Deliveries over the message's whole life; never reset. Names a lease (see ``MessageLease``).
    public var deliveryCount: Int
    /// The message body.
    public var payload: JSONValue
    /// The producer's dedup key, if any.
    public var dedupKey: String?
    /// The earliest instant a consumer may receive it; while leased, when the lease expires.
    public var visibleAt: Timestamp
    /// Why the previous delivery failed, if it did (kept through a replay for diagnosis).
    public var lastError: String?

    /// Creates a message envelope (the queue builds these; tests may too).
    public init(
        id: String, queue: QueueName, type: MessageType, traceID: String, enqueuedAt: Timestamp, attempt: Int,
        deliveryCount: Int, payload: JSONValue, dedupKey: String?, visibleAt: Timestamp, lastError: String?
    ) {
        self.id = id
        self.queue = queue
        self.type = type
        self.traceID = traceID
        self.enqueuedAt = enqueuedAt
        self.attempt = attempt
        self.deliveryCount = deliveryCount
        self.payload = payload
        self.dedupKey = dedupKey
        self.visibleAt = visibleAt
        self.lastError = lastError
    }

    /// The idempotency key an effect should be recorded under: the dedup key, else the message id.
    ///
    /// Both survive redelivery, so an effect keyed by it happens at most once per message even
    /// though the message may be delivered more than once.
    public var effectKey: String { dedupKey ?? id }
}
