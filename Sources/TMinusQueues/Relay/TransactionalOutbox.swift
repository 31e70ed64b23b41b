/// A producer's transactional outbox, as the ``OutboxRelay`` sees it: rows written in the same
/// transaction as the state change that needs them, read oldest first and removed once the queue
/// has durably accepted them.
///
/// The user-graph store already has this shape (`outboxEntries(limit:)`,
/// `removeOutboxEntries(_:)`); the engine conforms it, so this module never imports the store.
/// Conformers may be non-Sendable: the relay calls them from their owner's context.
public protocol TransactionalOutbox {
    /// One outbox row.
    associatedtype Entry: RelayableOutboxEntry

    /// Up to `limit` undelivered entries, oldest first. Repeated calls return the same entries
    /// until they are removed.
    func outboxEntries(limit: Int) throws -> [Entry]

    /// Removes delivered entries; ids that are already gone are ignored.
    func removeOutboxEntries(_ outboxIDs: [String]) throws
}

/// An outbox row the relay can turn into a queue message.
public protocol RelayableOutboxEntry {
    /// The row's unique id (e.g. `obx_…`), unique across every outbox feeding the same queue.
    /// The relay uses it as the message's dedup key, so replaying the relay never enqueues an
    /// entry twice.
    var outboxID: String { get }

    /// The message to enqueue. Its `dedupKey` is replaced by ``outboxID``.
    var outgoingMessage: OutgoingMessage { get }
}
