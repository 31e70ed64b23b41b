public import TMinusCore

/// A message a producer hands to ``DurableQueue/enqueue(_:now:)``: everything but the fields the
/// queue assigns (id, enqueue time, attempt).
///
/// The dedup key makes enqueueing idempotent: while the queue remembers a key (its dedup window),
/// a second message with the same key in the same queue is not enqueued again. Use a key that
/// names one *sending* (an outbox entry's id), not one *command*: a command's idempotency key can
/// legitimately recur later (an event edited A → B → A) and must then be delivered again.
public struct OutgoingMessage: Hashable, Sendable {
    /// The queue the message goes to.
    public var queue: QueueName
    /// What the consumer should do.
    public var type: MessageType
    /// The message body; stored with ``StableJSON`` so it reads back byte-identical.
    public var payload: JSONValue
    /// Correlates the message with the request that caused it; nil uses the message's own id.
    public var traceID: String?
    /// Enqueueing twice with the same key (within the dedup window) enqueues once; nil never dedups.
    public var dedupKey: String?
    /// How long after enqueueing the message first becomes visible (zero: at once).
    public var delay: Duration

    /// Creates a message.
    public init(
        queue: QueueName, type: MessageType, payload: JSONValue, traceID: String? = nil, dedupKey: String? = nil,
        delay: Duration = .zero
    ) {
        self.queue = queue
        self.type = type
        self.payload = payload
        self.traceID = traceID
        self.dedupKey = dedupKey
        self.delay = delay
    }
}
