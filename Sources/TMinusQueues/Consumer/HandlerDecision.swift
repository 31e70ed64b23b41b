/// What a ``QueueConsumer`` handler tells the consumer to do with the message it handled.
///
/// Return ``ack`` only after the message's effects are committed. A handler that throws is
/// treated as ``retry(after:error:)`` with no `Retry-After` and the error's description.
public enum HandlerDecision: Hashable, Sendable {
    /// The effects are committed: remove the message.
    case ack
    /// Try again later: after `after` when the provider said so (`Retry-After`), else after the
    /// queue's backoff. Dead-letters the message when this was its last allowed attempt.
    case retry(after: Duration?, error: String)
    /// The work could not start for a reason outside the message (a provider whose quota is
    /// spent): deliver it again after `after`; the attempt does not count towards dead-lettering.
    case postpone(after: Duration, reason: String)
    /// The message can never succeed (e.g. a malformed payload): move it to the dead-letter queue now.
    case deadLetter(error: String)
}
