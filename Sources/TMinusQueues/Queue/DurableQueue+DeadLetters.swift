public import TMinusCore
import TMinusSQLite

extension DurableQueue {
    /// The dead letters of `queue`, oldest first, for status output and reports.
    public func deadLetters(in queue: QueueName, limit: Int = .max) throws(QueueError) -> [DeadLetter] {
        try read {
            let rows = try connection.query(
                "SELECT * FROM queue_dead_letters WHERE queue = ? ORDER BY seq LIMIT ?",
                [.text(queue.rawValue), .integer(Int64(clamping: limit))])
            var letters: [DeadLetter] = []
            for row in rows {
                let deadLetteredAt = Timestamp(nanosecondsSinceEpoch: try row.get("dead_lettered_at"))
                let message = try QueueStorage.message(from: row, visibleAt: deadLetteredAt)
                letters.append(
                    DeadLetter(message: message, error: try row.get("last_error"), deadLetteredAt: deadLetteredAt))
            }
            return letters
        }
    }

    /// Puts dead letters back on their queue (the operator's "replay" command): each becomes visible
    /// at `now` with its attempt count reset to 0, keeping its id, trace id, payload and last error.
    /// - Parameters:
    ///   - ids: the dead letters to replay; nil replays every dead letter of `queue`. Ids that are not
    ///     dead letters of `queue` are ignored.
    /// - Returns: the replayed message ids, in the order they were dead-lettered.
    @discardableResult
    public func replayDeadLetters(from queue: QueueName, ids: [String]? = nil, now: Timestamp) throws(QueueError)
        -> [String]
    {
        _ = try configuration(for: queue)
        let wanted = ids.map(Set.init)
        let replayed: [String] = try transaction {
            let rows = try connection.query(
                "SELECT id FROM queue_dead_letters WHERE queue = ? ORDER BY seq", [.text(queue.rawValue)])
            var replayed: [String] = []
            for row in rows {
                let id: String = try row.get("id")
                if let wanted, !wanted.contains(id) { continue }
                try connection.execute(
                    """
                    INSERT INTO queue_messages (id, queue, type, trace_id, enqueued_at, attempt, deliveries, payload,
                        dedup_key, visible_at, lease, last_error)
                    SELECT id, queue, type, trace_id, enqueued_at, 0, deliveries, payload, dedup_key, ?, NULL,
                        last_error
                    FROM queue_dead_letters WHERE id = ?
                    """,
                    [.integer(now.nanosecondsSinceEpoch), .text(id)])
                try connection.execute("DELETE FROM queue_dead_letters WHERE id = ?", [.text(id)])
                replayed.append(id)
            }
            try QueueStorage.bump(.replayed, queue, by: replayed.count, in: connection)
            return replayed
        }
        for id in replayed { record("replay \(queue) \(id)") }
        return replayed
    }
}
