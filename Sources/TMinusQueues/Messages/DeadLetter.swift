public import TMinusCore

/// A message in a dead-letter queue: it failed too often (or its consumer said it can never
/// succeed) and waits for an operator to look at it and replay it by command.
///
/// Nothing consumes dead letters automatically. ``DurableQueue/replayDeadLetters(from:ids:now:)``
/// puts them back on their queue with the attempt count reset.
public struct DeadLetter: Hashable, Sendable {
    /// The message as it was when it was dead-lettered (its `lastError` is ``error``).
    public var message: QueueMessage
    /// The error of the final failed delivery.
    public var error: String
    /// When it was moved to the dead-letter queue.
    public var deadLetteredAt: Timestamp

    /// Creates a dead letter.
    public init(message: QueueMessage, error: String, deadLetteredAt: Timestamp) {
        self.message = message
        self.error = error
        self.deadLetteredAt = deadLetteredAt
    }
}
