public import TMinusCore
public import TMinusSQLite

extension DurableQueue {
    /// Stores one message; it becomes visible after its `delay`.
    /// - Returns: the stored envelope, or ``EnqueueResult/duplicate(dedupKey:existingMessageID:)``
    ///   when its dedup key was seen within ``dedupWindow``.
    /// - Throws: ``QueueError/unknownQueue(_:known:)`` for an unconfigured queue (nothing is stored),
    ///   or ``QueueError/database(_:)``.
    @discardableResult
    public func enqueue(_ message: OutgoingMessage, now: Timestamp) throws(QueueError) -> EnqueueResult {
        try enqueue([message], now: now)[0]
    }

    /// Stores several messages in one transaction: all are stored (or found duplicate), or none.
    /// A dedup key repeated within the batch keeps the first message.
    @discardableResult
    public func enqueue(_ messages: [OutgoingMessage], now: Timestamp) throws(QueueError) -> [EnqueueResult] {
        for message in messages { _ = try configuration(for: message.queue) }
        let before = connection.changeStamp
        let results = try transaction { try insert(messages, now: now, in: connection) }
        tallyDepths(
            since: before,
            results.compactMap { result in
                guard case .enqueued(let stored) = result else { return nil }
                return DepthChange(queue: stored.queue, live: 1)
            })
        recordEnqueued(results, messages)
        return results
    }

    /// Stores messages inside the caller's open transaction on `connection`, so they commit (or roll
    /// back) together with the caller's own state change. `connection` may be this queue's own
    /// connection or another one whose database has the queue tables (``QueueSchema``).
    ///
    /// The trace records the enqueue when this call returns, before the caller commits.
    /// - Throws: ``QueueError/notInTransaction(operation:)`` when `connection` has no open
    ///   transaction; otherwise as the other `enqueue` methods.
    @discardableResult
    public func enqueue(
        _ messages: [OutgoingMessage], now: Timestamp, in connection: Connection
    ) throws(QueueError) -> [EnqueueResult] {
        guard connection.isInTransaction else { throw .notInTransaction(operation: "enqueue(_:now:in:)") }
        for message in messages { _ = try configuration(for: message.queue) }
        let results: [EnqueueResult]
        do {
            results = try connection.inTransaction(.immediate) { try insert(messages, now: now, in: connection) }
        } catch {
            throw QueueError.wrap(error)
        }
        recordEnqueued(results, messages)
        return results
    }

    /// Forgets dedup keys older than the window; runs as part of every enqueue, callable on its own.
    /// - Returns: how many keys were forgotten.
    @discardableResult
    public func pruneExpiredDedupKeys(now: Timestamp) throws(QueueError) -> Int {
        try transaction {
            try connection.execute(
                "DELETE FROM queue_dedup_keys WHERE expires_at <= ?", [.integer(now.nanosecondsSinceEpoch)])
            return connection.changes
        }
    }

    private func insert(_ messages: [OutgoingMessage], now: Timestamp, in db: Connection) throws -> [EnqueueResult] {
        if messages.contains(where: { $0.dedupKey != nil }) {
            try db.execute("DELETE FROM queue_dedup_keys WHERE expires_at <= ?", [.integer(now.nanosecondsSinceEpoch)])
        }
        var results: [EnqueueResult] = []
        for message in messages {
            if let key = message.dedupKey, let existing = try seenDedupKey(key, queue: message.queue, in: db) {
                try QueueStorage.bump(.duplicates, message.queue, in: db)
                results.append(.duplicate(dedupKey: key, existingMessageID: existing))
                continue
            }
            let stored = envelope(for: message, now: now)
            let payloadText = StableJSON.serialize(stored.payload)
            try db.execute(
                """
                INSERT INTO queue_messages (id, queue, type, trace_id, enqueued_at, attempt, deliveries, payload,
                    dedup_key, visible_at, lease, last_error)
                VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, NULL, NULL)
                """,
                [
                    .text(stored.id), .text(stored.queue.rawValue), .text(stored.type.rawValue), .text(stored.traceID),
                    .integer(now.nanosecondsSinceEpoch), .text(payloadText),
                    stored.dedupKey.map(SQLiteValue.text) ?? .null, .integer(stored.visibleAt.nanosecondsSinceEpoch),
                ])
            if let key = message.dedupKey {
                try db.execute(
                    "INSERT INTO queue_dedup_keys (queue, dedup_key, message_id, expires_at) VALUES (?, ?, ?, ?)",
                    [
                        .text(message.queue.rawValue), .text(key), .text(stored.id),
                        .integer(now.adding(dedupWindow).nanosecondsSinceEpoch),
                    ])
            }
            try QueueStorage.bump(.enqueued, message.queue, in: db)
            payloads.remember(id: stored.id, text: payloadText, payload: stored.payload)
            results.append(.enqueued(stored))
        }
        return results
    }

    private func seenDedupKey(_ key: String, queue: QueueName, in db: Connection) throws -> String? {
        try db.scalar(
            "SELECT message_id FROM queue_dedup_keys WHERE queue = ? AND dedup_key = ?",
            [.text(queue.rawValue), .text(key)], as: String.self)
    }

    private func envelope(for message: OutgoingMessage, now: Timestamp) -> QueueMessage {
        let id = ids.make(.message)
        return QueueMessage(
            id: id, queue: message.queue, type: message.type, traceID: message.traceID ?? id, enqueuedAt: now,
            attempt: 0, deliveryCount: 0, payload: message.payload, dedupKey: message.dedupKey,
            visibleAt: now.adding(max(message.delay, .zero)), lastError: nil)
    }

    private func recordEnqueued(_ results: [EnqueueResult], _ messages: [OutgoingMessage]) {
        for (result, message) in zip(results, messages) {
            switch result {
            case .enqueued(let stored):
                record("enqueue \(stored.queue) \(stored.id) \(stored.type) visible=\(stored.visibleAt)")
            case .duplicate(_, let existing):
                record("duplicate \(message.queue) \(existing) \(message.type)")
            }
        }
    }
}
