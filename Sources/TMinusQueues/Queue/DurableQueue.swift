public import TMinusCore
public import TMinusSQLite

/// Several named durable queues (``QueueName``) in one SQLite database, each with its dead-letter
/// queue: the runtime behind the sync, write and reconcile queues in both simulation and live mode.
///
/// Guarantees:
/// - **Durability.** Every operation that writes is one IMMEDIATE transaction (or a savepoint of the
///   caller's transaction on the same connection), so after a crash the database file alone holds every
///   message that was accepted and not acknowledged (invariant L).
/// - **At-least-once delivery.** A received message stays in the queue, invisible, until its lease
///   is acknowledged; when the visibility timeout passes unsettled, it is delivered again.
///   Consumers acknowledge only after their effects are committed and key effects by
///   ``QueueMessage/effectKey`` so a redelivery does not repeat them.
/// - **Stale leases are harmless.** Settling a lease that another consumer has since replaced
///   changes nothing (``LeaseOutcome/leaseLost``).
/// - **Bounded retries.** A failed delivery is retried after ``BackoffPolicy`` delays (seeded
///   jitter from the injected ``RandomSource``, or a provider's `Retry-After`); after
///   ``QueueConfiguration/maxAttempts`` deliveries it moves to the dead-letter queue with its
///   last error, from where ``replayDeadLetters(from:ids:now:)`` puts it back.
/// - **Determinism.** Time comes only from the `now` arguments, ids from the injected
///   ``IDGenerator``, randomness from the injected source; messages are handed out in enqueue
///   order among those visible.
///
/// It is a non-Sendable class confined to one owner (a consumer loop, a producer actor, a test).
/// Several owners may each open their own `DurableQueue` on the same file.
public final class DurableQueue {
    /// The connection every operation uses. Producers that share it may wrap their own state change
    /// and an ``enqueue(_:now:)`` in one `connection.inTransaction { … }`.
    public let connection: Connection
    /// How long a dedup key is remembered after its message was enqueued.
    public let dedupWindow: Duration
    let configurationsByName: [QueueName: QueueConfiguration]
    let ids: IDGenerator
    let random: RandomSource
    let trace: any TraceSink
    let delivery: any DeliveryFaults
    /// Per queue, what the last look for visible messages found when it found none: the
    /// database's change stamp then and the earliest instant a message becomes visible (nil: no
    /// message). While the stamp holds and that instant has not come, the answer is still "none"
    /// without a read (an idle consumer asks at every step). Only on a sole-owner connection.
    var quietQueues: [QueueName: QuietQueue] = [:]
    /// Payloads serialized at enqueue, so a lease need not parse them again (``PayloadMemo``).
    var payloads = PayloadMemo()
    /// The payload fields ``payloadFields(_:in:)`` read, by queue and fields asked, then by message
    /// ID (nil: the payload is not valid JSON). A stored payload never changes, so they hold.
    var payloadFieldsRead: [String: [String: [String?]?]] = [:]
    /// Every queue's depths, kept up to date by the operations while the connection owns its file
    /// alone (``DepthTally``); nil until ``depths(for:)`` first reads them, and after any change it
    /// cannot account for.
    var depthTally: DepthTally?

    /// A week: far longer than any outbox entry waits between being enqueued and being deleted.
    public static let defaultDedupWindow: Duration = .seconds(7 * 24 * 3600)

    /// Opens (creating and migrating if needed) the queue database at `path` (`:memory:` for tests).
    ///
    /// Reopening the same file after a crash recovers every committed message; leases held by the
    /// crashed process expire after their visibility timeout and the messages are redelivered.
    /// - Parameters:
    ///   - environment: supplies message ids, the trace and (a fork of) the jitter randomness.
    ///   - configurations: one per queue the database holds (default: the seed's three).
    ///   - options: how the file is synced and locked.
    /// - Throws: ``QueueError/database(_:)`` when the file cannot be opened or migrated.
    public convenience init(
        path: String, environment: Environment,
        configurations: [QueueConfiguration] = QueueConfiguration.seedDefaults,
        dedupWindow: Duration = DurableQueue.defaultDedupWindow, options: ConnectionOptions = .standard
    ) throws(QueueError) {
        let connection: Connection
        do {
            connection = try Connection(path: path, options: options)
            try QueueSchema.migrator.migrate(connection)
        } catch {
            throw QueueError.wrap(error)
        }
        try self.init(
            connection: connection, ids: environment.ids, random: environment.random.fork(),
            trace: environment.trace, configurations: configurations, dedupWindow: dedupWindow,
            delivery: environment.delivery)
    }

    /// Uses an open connection whose database already has the queue tables (migrated with
    /// ``QueueSchema/migrator`` or with ``QueueSchema/register(in:)`` in a store's own migrator).
    /// - Throws: ``QueueError/schemaMissing(path:)`` when the tables are not there.
    /// - Precondition: each queue name is configured at most once (a programmer error).
    public init(
        connection: Connection, ids: IDGenerator, random: RandomSource, trace: any TraceSink,
        configurations: [QueueConfiguration] = QueueConfiguration.seedDefaults,
        dedupWindow: Duration = DurableQueue.defaultDedupWindow, delivery: any DeliveryFaults = ReliableDelivery()
    ) throws(QueueError) {
        self.delivery = delivery
        var byName: [QueueName: QueueConfiguration] = [:]
        for configuration in configurations {
            precondition(byName[configuration.name] == nil, "queue '\(configuration.name)' is configured twice")
            byName[configuration.name] = configuration
        }
        self.connection = connection
        self.configurationsByName = byName
        self.ids = ids
        self.random = random
        self.trace = trace
        self.dedupWindow = dedupWindow
        let hasTables: Int?
        do {
            hasTables = try connection.scalar(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'queue_messages'", as: Int.self)
        } catch {
            throw .database(error)
        }
        guard hasTables != nil else { throw .schemaMissing(path: connection.path) }
    }

    /// The configured queues, sorted by name.
    public var queueNames: [QueueName] { configurationsByName.keys.sorted() }

    /// The configuration of `queue`.
    /// - Throws: ``QueueError/unknownQueue(_:known:)`` when it is not configured here.
    public func configuration(for queue: QueueName) throws(QueueError) -> QueueConfiguration {
        guard let configuration = configurationsByName[queue] else {
            throw .unknownQueue(queue, known: queueNames)
        }
        return configuration
    }

    /// Closes the connection cleanly (pending work is already committed: no operation spans calls).
    public func close() { connection.close() }

    /// Drops the connection the way a killed process would (no checkpoint, nothing more written),
    /// so the next ``init(path:environment:configurations:dedupWindow:options:)`` on the file recovers from
    /// disk alone. The simulator uses this to crash a component.
    public func abandonForCrashTest() { connection.abandonForCrashTest() }

    /// Runs `body` in an IMMEDIATE transaction (a savepoint inside the caller's), mapping errors.
    func transaction<T>(_ body: () throws -> T) throws(QueueError) -> T {
        do {
            return try connection.inTransaction(.immediate, body)
        } catch {
            throw QueueError.wrap(error)
        }
    }

    /// Runs `body`, which only reads, on one state of the database (``Connection/reading(_:)``),
    /// mapping errors.
    func read<T>(_ body: () throws -> T) throws(QueueError) -> T {
        do {
            return try connection.reading(body)
        } catch {
            throw QueueError.wrap(error)
        }
    }

    /// Records one observable step under the component `queue`.
    func record(_ event: String) { trace.record(component: "queue", event: event) }
}

/// Confined to one owner; never shared across tasks.
@available(*, unavailable)
extension DurableQueue: Sendable {}

/// A queue found without visible messages (``DurableQueue/quietQueues``).
struct QuietQueue {
    /// The database's change stamp when the queue was read.
    let stamp: ChangeStamp
    /// The earliest `visible_at` of its messages then (nanoseconds since the epoch), nil when empty.
    let nextVisibleAt: Int64?

    /// Whether the queue still has no visible message at `now` while the database is at `stamp`.
    func isQuiet(at now: Int64, stamp current: ChangeStamp?) -> Bool {
        guard current == stamp else { return false }
        return nextVisibleAt.map { now < $0 } ?? true
    }
}
