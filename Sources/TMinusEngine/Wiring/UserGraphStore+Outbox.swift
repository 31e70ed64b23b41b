public import TMinusQueues
public import TMinusStore

// The user graph's transactional outbox feeds the durable write queue through `OutboxRelay`.
// This module is the only one that sees both the store and the queues, so the glue lives here.

extension UserGraphStore: TransactionalOutbox {}

extension OutboxEntry: RelayableOutboxEntry {
    /// The write-queue message of this outbox row (deduplicated by the row's ID when relayed).
    public var outgoingMessage: OutgoingMessage { .mirrorCommand(command, queue: QueueName(queue)) }
}
