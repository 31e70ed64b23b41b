public import TMinusCore

/// The right to settle one delivery of one message: the receipt a consumer passes back to
/// ``DurableQueue/ack(_:)``, ``DurableQueue/retry(_:now:error:retryAfter:)`` and friends.
///
/// A lease names a delivery by the message's ``QueueMessage/deliveryCount`` at receipt. When the
/// lease's visibility timeout passes and another consumer receives the message, the message gets a
/// new delivery number and the old lease becomes stale: settling it does nothing and reports
/// ``LeaseOutcome/leaseLost``. A lease whose timeout passed but that nobody re-received is still
/// honoured (the work was done; acknowledging it spares a redelivery).
public struct MessageLease: Hashable, Sendable, CustomStringConvertible {
    /// The queue holding the message.
    public var queue: QueueName
    /// The leased message.
    public var messageID: String
    /// Which delivery of the message this lease belongs to.
    public var delivery: Int

    /// Creates a lease (the queue makes these; tests may forge stale ones).
    public init(queue: QueueName, messageID: String, delivery: Int) {
        self.queue = queue
        self.messageID = messageID
        self.delivery = delivery
    }

    public var description: String { "\(messageID)#\(delivery)" }
}

/// A message handed to a consumer together with its lease.
public struct LeasedMessage: Hashable, Sendable {
    /// The message as delivered (its `attempt` is this delivery's number).
    public var message: QueueMessage
    /// The receipt for settling this delivery.
    public var lease: MessageLease
    /// When the lease's visibility timeout ends and the message may be delivered again.
    public var leasedUntil: Timestamp

    /// Creates a leased message.
    public init(message: QueueMessage, lease: MessageLease, leasedUntil: Timestamp) {
        self.message = message
        self.lease = lease
        self.leasedUntil = leasedUntil
    }
}

/// What settling a lease did.
public enum LeaseOutcome: Hashable, Sendable {
    /// The message was acknowledged (removed from the queue for good).
    case acknowledged
    /// The message will be delivered again at the given instant.
    case retryScheduled(at: Timestamp)
    /// The message was moved to its queue's dead-letter queue.
    case deadLettered
    /// The message was handed back for immediate redelivery without spending an attempt.
    case released
    /// Nothing was done: the lease is stale (the message was re-leased after a timeout, or is
    /// already settled). The current holder settles it.
    case leaseLost
}

/// What enqueueing one message did.
public enum EnqueueResult: Hashable, Sendable {
    /// The message was stored and will be delivered.
    case enqueued(QueueMessage)
    /// A message with the same dedup key was already enqueued within the dedup window; nothing was stored.
    case duplicate(dedupKey: String, existingMessageID: String)

    /// The stored message's id, or the id of the earlier message with the same dedup key.
    public var messageID: String {
        switch self {
        case .enqueued(let message): return message.id
        case .duplicate(_, let existing): return existing
        }
    }
}
