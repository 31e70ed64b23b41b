import TMinusCore
import TMinusSQLite

/// The SQL behind ``DurableQueue``: row decoding, counters and moves between tables. Every
/// function runs inside a transaction its caller opened on `db`.
enum QueueStorage {
    /// The columns read for a live message, in one place so every query decodes the same way.
    static let messageColumns =
        "seq, id, queue, type, trace_id, enqueued_at, attempt, deliveries, payload, dedup_key, visible_at, lease, "
        + "last_error"

    /// The queue's statements that run per message, built once (an interpolated or concatenated
    /// literal is built again at every call, then compared byte for byte in the statement cache).
    static let leasedRowSQL = "SELECT \(messageColumns) FROM queue_messages WHERE id = ? AND queue = ? AND lease = ?"
    static let visibleMessagesSQL =
        "SELECT \(messageColumns) FROM queue_messages WHERE queue = ? AND visible_at <= ? ORDER BY seq LIMIT ?"
    static let depthSQL =
        "SELECT (SELECT count(*) FROM queue_messages WHERE queue = ?1) AS depth, "
        + "(SELECT count(*) FROM queue_dead_letters WHERE queue = ?1) AS dead, "
        + "coalesce((SELECT value FROM queue_counters WHERE queue = ?1 AND counter = '\(QueueCounter.delivered.rawValue)'), 0) "
        + "AS delivered"
    static let bumpSQL =
        "INSERT INTO queue_counters (queue, counter, value) VALUES (?, ?, ?) "
        + "ON CONFLICT (queue, counter) DO UPDATE SET value = value + excluded.value"

    /// Decodes a `queue_messages` (or, with `visibleAt` supplied, `queue_dead_letters`) row; its
    /// payload comes from `payloads` when they hold the row's exact text, else it is parsed.
    static func message(from row: Row, visibleAt: Timestamp? = nil, payloads: PayloadMemo? = nil) throws -> QueueMessage {
        let id: String = try row.get("id")
        let payloadText: String = try row.get("payload")
        let payload: JSONValue
        if let known = payloads?.payload(id: id, text: payloadText) {
            payload = known
        } else {
            do {
                payload = try StableJSON.parse(payloadText)
            } catch {
                throw QueueError.corruptMessage(id: id, reason: "payload is not valid JSON: \(error)")
            }
        }
        let visible = try visibleAt ?? Timestamp(nanosecondsSinceEpoch: row.get("visible_at"))
        return QueueMessage(
            id: id, queue: QueueName(try row.get("queue", as: String.self)),
            type: MessageType(try row.get("type", as: String.self)), traceID: try row.get("trace_id"),
            enqueuedAt: Timestamp(nanosecondsSinceEpoch: try row.get("enqueued_at")),
            attempt: try row.get("attempt"), deliveryCount: try row.get("deliveries"), payload: payload,
            dedupKey: try row.optional("dedup_key"), visibleAt: visible, lastError: try row.optional("last_error"))
    }

    /// Adds `amount` to a running total.
    static func bump(_ counter: QueueCounter, _ queue: QueueName, by amount: Int = 1, in db: Connection) throws {
        guard amount != 0 else { return }
        try db.execute(
            bumpSQL,
            [.text(queue.rawValue), .text(counter.rawValue), .integer(Int64(amount))])
    }

    /// Moves the live message `id` to its dead-letter queue with `error`.
    static func moveToDeadLetters(id: String, error: String, now: Timestamp, in db: Connection) throws {
        try db.execute(
            """
            INSERT INTO queue_dead_letters (id, queue, type, trace_id, enqueued_at, attempt, deliveries, payload,
                dedup_key, last_error, dead_lettered_at)
            SELECT id, queue, type, trace_id, enqueued_at, attempt, deliveries, payload, dedup_key, ?, ?
            FROM queue_messages WHERE id = ?
            """,
            [.text(error), .integer(now.nanosecondsSinceEpoch), .text(id)])
        try db.execute("DELETE FROM queue_messages WHERE id = ?", [.text(id)])
    }

    /// The live message `id` if `lease` is still its current lease, else nil.
    static func leasedRow(_ lease: MessageLease, in db: Connection) throws -> Row? {
        try db.queryOne(
            leasedRowSQL,
            [.text(lease.messageID), .text(lease.queue.rawValue), .integer(Int64(lease.delivery))])
    }
}
