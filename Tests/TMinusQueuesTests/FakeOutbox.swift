import TMinusCore
import TMinusQueues

/// An in-memory transactional outbox with switchable failures, standing in for a producer's store.
/// Its entries play the part of durable rows: they survive a simulated crash of the relay.
final class FakeOutbox: TransactionalOutbox {
    struct Entry: RelayableOutboxEntry {
        var outboxID: String
        var outgoingMessage: OutgoingMessage
    }

    /// The undelivered entries, oldest first.
    private(set) var entries: [Entry] = []
    /// When set, `removeOutboxEntries` throws it (the relay "crashes" after the enqueue committed).
    var failRemoval: HandlerFailure?
    /// How many times entries were read.
    private(set) var reads = 0

    /// Appends one entry per key, with ids `obx_<key>`.
    func add(_ keys: [String]) {
        entries += keys.map { Entry(outboxID: "obx_\($0)", outgoingMessage: workMessage($0)) }
    }

    func outboxEntries(limit: Int) throws -> [Entry] {
        reads += 1
        return Array(entries.prefix(limit))
    }

    func removeOutboxEntries(_ outboxIDs: [String]) throws {
        if let failRemoval { throw failRemoval }
        entries.removeAll { outboxIDs.contains($0.outboxID) }
    }
}
