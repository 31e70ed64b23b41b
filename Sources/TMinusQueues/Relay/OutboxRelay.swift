public import TMinusCore

/// Moves entries from a producer's transactional outbox into a ``DurableQueue`` with no loss and no
/// double enqueue, whatever point a crash interrupts it at.
///
/// One pass: read up to ``batchSize`` entries; enqueue them in one queue transaction with each
/// entry's ``RelayableOutboxEntry/outboxID`` as the dedup key; then remove them from the outbox.
/// - A crash before the enqueue commits leaves the entries in the outbox: the next pass sends them.
/// - A crash after the enqueue commits but before the removal leaves them in both: the next pass
///   finds their dedup keys (``EnqueueResult/duplicate(dedupKey:existingMessageID:)``), enqueues
///   nothing, and removes them. This holds as long as the next pass runs within the queue's
///   ``DurableQueue/dedupWindow`` (a week by default).
///
/// Delivery stays at-least-once (a consumer may still see a message twice after a lease expires),
/// so consumers keep their effects idempotent.
public struct OutboxRelay: Hashable, Sendable {
    /// The most entries moved per pass (one queue transaction).
    public var batchSize: Int

    /// Creates a relay.
    /// - Precondition: `batchSize >= 1`.
    public init(batchSize: Int = 100) {
        precondition(batchSize >= 1, "the relay batch size must be at least 1, got \(batchSize)")
        self.batchSize = batchSize
    }

    /// Runs one pass. Returns an empty report when the outbox is empty.
    /// - Throws: ``OutboxRelayError``; whatever was enqueued before the error stays enqueued, and
    ///   the entries stay in the outbox for the next pass.
    @discardableResult
    public func relayOnce<Outbox: TransactionalOutbox>(
        from outbox: Outbox, to queue: DurableQueue, now: Timestamp
    ) throws(OutboxRelayError) -> RelayReport {
        let entries: [Outbox.Entry]
        do {
            entries = try outbox.outboxEntries(limit: batchSize)
        } catch {
            throw .outbox(operation: "read", reason: String(describing: error))
        }
        guard !entries.isEmpty else { return RelayReport() }
        let messages = entries.map { entry in
            var message = entry.outgoingMessage
            message.dedupKey = entry.outboxID
            return message
        }
        let results: [EnqueueResult]
        do {
            results = try queue.enqueue(messages, now: now)
        } catch {
            throw .queue(error)
        }
        do {
            try outbox.removeOutboxEntries(entries.map(\.outboxID))
        } catch {
            throw .outbox(operation: "remove", reason: String(describing: error))
        }
        var report = RelayReport()
        for result in results {
            if case .enqueued = result { report.enqueued += 1 } else { report.duplicates += 1 }
        }
        return report
    }

    /// Runs passes until the outbox is empty (or `maxPasses` ran) and sums their reports.
    @discardableResult
    public func drain<Outbox: TransactionalOutbox>(
        from outbox: Outbox, to queue: DurableQueue, now: Timestamp, maxPasses: Int = 1_000
    ) throws(OutboxRelayError) -> RelayReport {
        var total = RelayReport()
        for _ in 0..<maxPasses {
            let pass = try relayOnce(from: outbox, to: queue, now: now)
            guard pass.moved > 0 else { break }
            total.enqueued += pass.enqueued
            total.duplicates += pass.duplicates
        }
        return total
    }
}

/// What relay passes did.
public struct RelayReport: Hashable, Sendable {
    /// Entries enqueued as new messages.
    public var enqueued = 0
    /// Entries already enqueued by an earlier, interrupted pass (removed without enqueueing).
    public var duplicates = 0

    /// Entries taken out of the outbox.
    public var moved: Int { enqueued + duplicates }

    /// An empty report.
    public init() {}
}

/// Why a relay pass stopped. Entries not yet removed stay in the outbox and the next pass retries them.
public enum OutboxRelayError: Error, Sendable, CustomStringConvertible {
    /// The outbox could not be read or cleared.
    case outbox(operation: String, reason: String)
    /// The queue refused the messages (nothing of this pass was enqueued).
    case queue(QueueError)

    public var description: String {
        switch self {
        case .outbox(let operation, let reason):
            return "outbox \(operation) failed: \(reason); the entries stay in the outbox and the next pass retries"
        case .queue(let error):
            return "the queue refused the outbox entries: \(error); they stay in the outbox for the next pass"
        }
    }
}
