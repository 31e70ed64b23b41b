import TMinusCore

/// How one queue is consumed: batch size, visibility timeout, attempts, backoff and concurrency.
///
/// The defaults for the seed's queues (``sync``, ``write``, ``reconcile``) take batch size and max
/// attempts from the reference deployment's queue table; the poll interval is its batch timeout.
/// Visibility timeouts, backoff and the concurrency of the queues the reference left at the
/// platform default are our choices; `docs/queues.md` explains each.
public struct QueueConfiguration: Hashable, Sendable {
    /// The queue configured.
    public var name: QueueName
    /// The most messages one `receive` hands out.
    public var batchSize: Int
    /// How long a received message stays invisible to other consumers before it is redelivered.
    /// It must cover handling a whole batch at the configured concurrency.
    public var visibilityTimeout: Duration
    /// Deliveries allowed before a failing message moves to the dead-letter queue.
    public var maxAttempts: Int
    /// The delay before a failed message is delivered again.
    public var backoff: BackoffPolicy
    /// The most handlers a ``QueueConsumer`` runs at the same time.
    public var concurrencyLimit: Int
    /// How long an idle ``QueueConsumer`` waits before polling again (it wakes earlier when a
    /// delayed message becomes visible sooner).
    public var pollInterval: Duration

    /// Creates a configuration.
    /// - Precondition: counts are at least 1 and durations positive (a programmer error).
    public init(
        name: QueueName, batchSize: Int, visibilityTimeout: Duration, maxAttempts: Int, backoff: BackoffPolicy,
        concurrencyLimit: Int, pollInterval: Duration
    ) {
        precondition(batchSize >= 1, "queue \(name): batchSize must be at least 1, got \(batchSize)")
        precondition(maxAttempts >= 1, "queue \(name): maxAttempts must be at least 1, got \(maxAttempts)")
        precondition(concurrencyLimit >= 1, "queue \(name): concurrencyLimit must be at least 1")
        precondition(visibilityTimeout > .zero, "queue \(name): visibilityTimeout must be positive")
        precondition(pollInterval > .zero, "queue \(name): pollInterval must be positive")
        self.name = name
        self.batchSize = batchSize
        self.visibilityTimeout = visibilityTimeout
        self.maxAttempts = maxAttempts
        self.backoff = backoff
        self.concurrencyLimit = concurrencyLimit
        self.pollInterval = pollInterval
    }

    /// Provider reads: batch 5 and 5 attempts (reference), 5 s poll, 2 min visibility,
    /// backoff 5 s doubling to 5 min with 20% jitter, 4 handlers at once.
    public static let sync = QueueConfiguration(
        name: .sync, batchSize: 5, visibilityTimeout: .seconds(120), maxAttempts: 5,
        backoff: BackoffPolicy(base: .seconds(5), cap: .seconds(300), jitter: Ratio(1, 5)),
        concurrencyLimit: 4, pollInterval: .seconds(5))

    /// Provider writes: batch 25, 5 attempts and one handler at a time (reference), 2 s poll,
    /// 2 min visibility, backoff 2 s doubling to 2 min with 20% jitter.
    public static let write = QueueConfiguration(
        name: .write, batchSize: 25, visibilityTimeout: .seconds(120), maxAttempts: 5,
        backoff: BackoffPolicy(base: .seconds(2), cap: .seconds(120), jitter: Ratio(1, 5)),
        concurrencyLimit: 1, pollInterval: .seconds(2))

    /// Repairs: batch 5 and 3 attempts (reference), 10 s poll, 10 min visibility,
    /// backoff 1 min doubling to 30 min with 20% jitter, 2 handlers at once.
    public static let reconcile = QueueConfiguration(
        name: .reconcile, batchSize: 5, visibilityTimeout: .seconds(600), maxAttempts: 3,
        backoff: BackoffPolicy(base: .seconds(60), cap: .seconds(1800), jitter: Ratio(1, 5)),
        concurrencyLimit: 2, pollInterval: .seconds(10))

    /// The seed's three queues with their defaults, sorted by name.
    public static let seedDefaults: [QueueConfiguration] = [.reconcile, .sync, .write]
}
