public import TMinusCore
import TMinusSQLite

extension DurableQueue {
    /// Leases up to `maxMessages` visible messages of `queue`, oldest enqueued first.
    ///
    /// Each leased message stays invisible until `now + visibilityTimeout`; settle it before then
    /// with ``ack(_:)``, ``retry(_:now:error:retryAfter:)``, ``deadLetter(_:now:error:)`` or
    /// ``release(_:now:)``. A message whose previous lease expired unsettled is delivered again;
    /// if that lease was its last allowed attempt it is dead-lettered instead.
    /// - Parameters:
    ///   - maxMessages: at most this many (default: the queue's batch size).
    ///   - visibilityTimeout: the lease length (default: the queue's visibility timeout).
    /// - Throws: ``QueueError/unknownQueue(_:known:)``, ``QueueError/corruptMessage(id:reason:)``
    ///   (nothing is leased), or ``QueueError/database(_:)``.
    public func receive(
        from queue: QueueName, now: Timestamp, maxMessages: Int? = nil, visibilityTimeout: Duration? = nil
    ) throws(QueueError) -> [LeasedMessage] {
        let configuration = try configuration(for: queue)
        let limit = maxMessages ?? configuration.batchSize
        precondition(limit >= 1, "receive needs maxMessages >= 1, got \(limit)")
        let leasedUntil = now.adding(visibilityTimeout ?? configuration.visibilityTimeout)
        if connection.isSoleOwner, try !hasVisibleMessages(queue, now: now) { return [] }
        let before = connection.changeStamp
        let (expired, leased) = try transaction {
            let expired = try deadLetterExhaustedLeases(configuration, now: now)
            return (expired, try lease(queue, limit: limit, now: now, until: leasedUntil))
        }
        tallyDepths(
            since: before,
            [DepthChange(queue: queue, live: -expired.count, deadLettered: expired.count, delivered: leased.count)])
        for id in expired { record("dead-letter \(queue) \(id) lease expired on last attempt") }
        for (item, isRedelivery) in leased {
            let suffix = isRedelivery ? " after expired lease" : ""
            record("deliver \(queue) \(item.lease) attempt=\(item.message.attempt)\(suffix)")
        }
        return leased.map(\.0)
    }

    /// Acknowledges a delivery: the message is removed for good. Call it only after the
    /// consumer's effects are committed.
    /// - Returns: ``LeaseOutcome/acknowledged``, or ``LeaseOutcome/leaseLost`` when the lease is stale.
    @discardableResult
    public func ack(_ lease: MessageLease) throws(QueueError) -> LeaseOutcome {
        if delivery.losesAcknowledgement(onQueue: lease.queue.rawValue) {
            // The broker never heard it: the message stays leased and comes back when the lease expires.
            record("ack-lost \(lease.queue) \(lease)")
            return .acknowledged
        }
        let before = connection.changeStamp
        let outcome: LeaseOutcome = try transaction {
            try connection.execute(
                "DELETE FROM queue_messages WHERE id = ? AND queue = ? AND lease = ?",
                [.text(lease.messageID), .text(lease.queue.rawValue), .integer(Int64(lease.delivery))])
            guard connection.changes == 1 else { return .leaseLost }
            try QueueStorage.bump(.acknowledged, lease.queue, in: connection)
            return .acknowledged
        }
        if outcome == .acknowledged { payloads.forget(id: lease.messageID) }
        tallyDepths(since: before, [Self.depthChange(of: outcome, on: lease.queue)])
        recordSettlement(outcome, lease)
        return outcome
    }

    /// Reports a failed delivery: the message is delivered again after the queue's backoff (or
    /// exactly `retryAfter`, a provider's `Retry-After`), or dead-lettered with `error` when this
    /// was its last allowed attempt. Draws one word from the queue's random source per retry.
    @discardableResult
    public func retry(
        _ lease: MessageLease, now: Timestamp, error: String, retryAfter: Duration? = nil
    ) throws(QueueError) -> LeaseOutcome {
        let configuration = try configuration(for: lease.queue)
        let before = connection.changeStamp
        let outcome: LeaseOutcome = try transaction {
            guard let row = try QueueStorage.leasedRow(lease, in: connection) else { return .leaseLost }
            let attempt: Int = try row.get("attempt")
            if attempt >= configuration.maxAttempts {
                try QueueStorage.moveToDeadLetters(id: lease.messageID, error: error, now: now, in: connection)
                try QueueStorage.bump(.deadLettered, lease.queue, in: connection)
                return .deadLettered
            }
            let delay = configuration.backoff.delay(
                afterAttempt: max(attempt, 1), random: random, retryAfter: retryAfter)
            let visibleAt = now.adding(delay)
            try connection.execute(
                "UPDATE queue_messages SET visible_at = ?, lease = NULL, last_error = ? WHERE id = ?",
                [.integer(visibleAt.nanosecondsSinceEpoch), .text(error), .text(lease.messageID)])
            try QueueStorage.bump(.retried, lease.queue, in: connection)
            return .retryScheduled(at: visibleAt)
        }
        tallyDepths(since: before, [Self.depthChange(of: outcome, on: lease.queue)])
        recordSettlement(outcome, lease)
        return outcome
    }

    /// Moves a delivery straight to the dead-letter queue (the consumer knows it can never succeed).
    @discardableResult
    public func deadLetter(_ lease: MessageLease, now: Timestamp, error: String) throws(QueueError) -> LeaseOutcome {
        let before = connection.changeStamp
        let outcome: LeaseOutcome = try transaction {
            guard try QueueStorage.leasedRow(lease, in: connection) != nil else { return .leaseLost }
            try QueueStorage.moveToDeadLetters(id: lease.messageID, error: error, now: now, in: connection)
            try QueueStorage.bump(.deadLettered, lease.queue, in: connection)
            return .deadLettered
        }
        tallyDepths(since: before, [Self.depthChange(of: outcome, on: lease.queue)])
        recordSettlement(outcome, lease)
        return outcome
    }

    /// Hands a delivery back unprocessed (a consumer shutting down, or a handler postponing work
    /// it could not start): the message is visible again `after` from `now` and the attempt does
    /// not count.
    @discardableResult
    public func release(_ lease: MessageLease, now: Timestamp, after: Duration = .zero) throws(QueueError)
        -> LeaseOutcome
    {
        let before = connection.changeStamp
        let outcome: LeaseOutcome = try transaction {
            try connection.execute(
                "UPDATE queue_messages SET visible_at = ?, lease = NULL, attempt = max(attempt - 1, 0) "
                    + "WHERE id = ? AND queue = ? AND lease = ?",
                [
                    .integer(now.adding(max(after, .zero)).nanosecondsSinceEpoch), .text(lease.messageID), .text(lease.queue.rawValue),
                    .integer(Int64(lease.delivery)),
                ])
            guard connection.changes == 1 else { return .leaseLost }
            try QueueStorage.bump(.released, lease.queue, in: connection)
            return .released
        }
        tallyDepths(since: before, [Self.depthChange(of: outcome, on: lease.queue)])
        recordSettlement(outcome, lease)
        return outcome
    }

    /// Whether any message of `queue` is visible at `now`: both of a receive's queries look only at
    /// those, so without one a receive would write nothing. Asked first only when the connection
    /// owns the file alone (no other connection can make one visible before the receive's
    /// transaction begins), so an idle poll needs one indexed read instead of a write transaction,
    /// and none at all while nothing in the database changed and no message's time has come
    /// (``quietQueues``).
    private func hasVisibleMessages(_ queue: QueueName, now: Timestamp) throws(QueueError) -> Bool {
        let at = now.nanosecondsSinceEpoch
        let stamp = connection.changeStamp
        if let quiet = quietQueues[queue], quiet.isQuiet(at: at, stamp: stamp) { return false }
        let next = try read {
            try connection.scalar(
                "SELECT min(visible_at) FROM queue_messages WHERE queue = ?", [.text(queue.rawValue)], as: Int64.self)
        }
        if let next, next <= at { return true }
        if let stamp { quietQueues[queue] = QuietQueue(stamp: stamp, nextVisibleAt: next) }
        return false
    }

    /// Dead-letters messages whose lease expired unsettled on their last allowed attempt.
    private func deadLetterExhaustedLeases(_ configuration: QueueConfiguration, now: Timestamp) throws -> [String] {
        let rows = try connection.query(
            "SELECT id, attempt FROM queue_messages WHERE queue = ? AND visible_at <= ? AND lease IS NOT NULL "
                + "AND attempt >= ? ORDER BY seq",
            [
                .text(configuration.name.rawValue), .integer(now.nanosecondsSinceEpoch),
                .integer(Int64(configuration.maxAttempts)),
            ])
        var ids: [String] = []
        for row in rows {
            let id: String = try row.get("id")
            let attempt: Int = try row.get("attempt")
            let error = "lease of attempt \(attempt) of \(configuration.maxAttempts) expired unsettled "
                + "(the consumer crashed or took longer than the visibility timeout)"
            try QueueStorage.moveToDeadLetters(id: id, error: error, now: now, in: connection)
            ids.append(id)
        }
        try QueueStorage.bump(.deadLettered, configuration.name, by: ids.count, in: connection)
        return ids
    }

    /// Leases the oldest visible messages of `queue`; each comes with whether its previous lease expired.
    private func lease(_ queue: QueueName, limit: Int, now: Timestamp, until leasedUntil: Timestamp) throws
        -> [(LeasedMessage, Bool)]
    {
        let rows = try connection.query(
            QueueStorage.visibleMessagesSQL,
            [.text(queue.rawValue), .integer(now.nanosecondsSinceEpoch), .integer(Int64(limit))])
        var leased: [(LeasedMessage, Bool)] = []
        var redelivered = 0
        for row in rows {
            var message = try QueueStorage.message(from: row, payloads: payloads)
            let isRedelivery = try row.optional("lease", as: Int64.self) != nil
            if isRedelivery {
                redelivered += 1
                message.lastError = "lease of attempt \(message.attempt) expired unsettled"
            }
            message.attempt += 1
            message.deliveryCount += 1
            message.visibleAt = leasedUntil
            try connection.execute(
                "UPDATE queue_messages SET attempt = ?, deliveries = ?, lease = ?, visible_at = ?, last_error = ? "
                    + "WHERE id = ?",
                [
                    .integer(Int64(message.attempt)), .integer(Int64(message.deliveryCount)),
                    .integer(Int64(message.deliveryCount)), .integer(leasedUntil.nanosecondsSinceEpoch),
                    message.lastError.map(SQLiteValue.text) ?? .null, .text(message.id),
                ])
            let lease = MessageLease(queue: queue, messageID: message.id, delivery: message.deliveryCount)
            leased.append((LeasedMessage(message: message, lease: lease, leasedUntil: leasedUntil), isRedelivery))
        }
        try QueueStorage.bump(.delivered, queue, by: leased.count, in: connection)
        try QueueStorage.bump(.redelivered, queue, by: redelivered, in: connection)
        return leased
    }

    /// What settling a lease with `outcome` changed of its queue's depths.
    static func depthChange(of outcome: LeaseOutcome, on queue: QueueName) -> DepthChange {
        switch outcome {
        case .acknowledged: DepthChange(queue: queue, live: -1)
        case .deadLettered: DepthChange(queue: queue, live: -1, deadLettered: 1)
        case .retryScheduled, .released, .leaseLost: DepthChange(queue: queue)
        }
    }

    private func recordSettlement(_ outcome: LeaseOutcome, _ lease: MessageLease) {
        switch outcome {
        case .acknowledged: record("ack \(lease.queue) \(lease)")
        case .retryScheduled(let at): record("retry \(lease.queue) \(lease) at=\(at)")
        case .deadLettered: record("dead-letter \(lease.queue) \(lease)")
        case .released: record("release \(lease.queue) \(lease)")
        case .leaseLost: record("lease-lost \(lease.queue) \(lease)")
        }
    }
}
