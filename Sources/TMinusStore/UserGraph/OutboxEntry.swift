public import TMinusCore
import TMinusSQLite

/// One transactional-outbox row: a command committed together with the state change that needs it.
///
/// A relay moves entries to the durable write queue and only then removes them (at-least-once);
/// the idempotency key makes a duplicate delivery harmless.
public struct OutboxEntry: Hashable, Sendable {
    /// The queue mirror writes go to.
    public static let writeQueue = "write"

    public var sequence: Int64
    public var outboxID: String
    public var queue: String
    public var idempotencyKey: String
    public var command: MirrorCommand
    public var createdAt: Timestamp
}

extension UserGraphStore {
    /// Undelivered outbox entries, oldest first.
    public func outboxEntries(limit: Int = .max) throws(StoreError) -> [OutboxEntry] {
        try read {
            try db.query("SELECT * FROM outbox ORDER BY seq LIMIT ?", [.integer(Int64(clamping: limit))]).map { row in
                let payload = try CanonicalEventRow.parseJSON(try row.get("payload"), field: "outbox.payload")
                return OutboxEntry(
                    sequence: try row.get("seq"), outboxID: try row.get("outbox_id"), queue: try row.get("queue"),
                    idempotencyKey: try row.get("idempotency_key"), command: try MirrorCommand(json: payload),
                    createdAt: Timestamp(nanosecondsSinceEpoch: try row.get("created_at")))
            }
        }
    }

    /// Removes delivered entries (after the queue has durably accepted them).
    public func removeOutboxEntries(_ outboxIDs: [String]) throws(StoreError) {
        try write {
            for id in outboxIDs { try db.execute("DELETE FROM outbox WHERE outbox_id = ?", [.text(id)]) }
        }
    }
}
