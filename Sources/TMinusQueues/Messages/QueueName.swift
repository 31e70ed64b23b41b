/// The name of one durable queue (`sync`, `write`, `reconcile`, …) inside a queue database.
///
/// Names are open (any non-empty string without whitespace) so a new queue needs no change here,
/// but the seed's three queues have constants. Every queue has a dead-letter queue, named
/// ``deadLetterName`` in traces and reports, that holds messages which failed too often.
public struct QueueName: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The name as stored in the database, e.g. `"write"`.
    public let rawValue: String

    /// Creates a name.
    /// - Precondition: `rawValue` is not empty and contains no whitespace (a programmer error).
    public init(rawValue: String) {
        precondition(!rawValue.isEmpty, "a queue name must not be empty")
        precondition(!Self.containsWhitespace(rawValue), "queue name '\(rawValue)' contains whitespace")
        self.rawValue = rawValue
    }

    /// Creates a name (shorthand for ``init(rawValue:)``).
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    /// Whether `text` holds a whitespace character. ASCII text (every stored queue name) is
    /// checked byte by byte, without breaking it into characters: an ASCII character is
    /// whitespace exactly when it is a space or one of U+0009…U+000D.
    static func containsWhitespace(_ text: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.contains(where: \.isWhitespace) }
        return text.utf8.contains { $0 == 0x20 || (0x09...0x0D).contains($0) }
    }

    /// Provider reads: `SYNC_INCREMENTAL` and `SYNC_FULL` (producers: webhooks, cron, the sync consumer).
    public static let sync = QueueName("sync")
    /// Provider writes: `UPSERT_MIRROR` and `DELETE_MANAGED_MIRROR` (producer: the user-graph outbox).
    public static let write = QueueName("write")
    /// Scheduled and on-demand repairs: `RECONCILE_ACCOUNT` (producer: cron and the operator).
    public static let reconcile = QueueName("reconcile")

    /// The name of this queue's dead-letter queue, e.g. `write.dlq`.
    public var deadLetterName: String { rawValue + ".dlq" }

    public var description: String { rawValue }

    public static func < (lhs: QueueName, rhs: QueueName) -> Bool { lhs.rawValue < rhs.rawValue }
}
