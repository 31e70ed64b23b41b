public import TMinusCore

/// How a fake provider's push notifications misbehave: lost, duplicated, delayed, reordered, or a
/// channel that silently stops for good (G-PUSH "no delivery guarantee"; Graph's missed
/// notifications). Active only inside ``window`` (on the provider's clock).
public struct PushFaults: Hashable, Sendable {
    /// When the faults apply; outside it deliveries are prompt and reliable.
    public var window: TimeWindow
    /// Probability a notification is dropped before its first attempt.
    public var loss: Ratio
    /// Probability a notification is delivered twice.
    public var duplication: Ratio
    /// Delay before the first attempt (drawn per notification).
    public var delay: DelayRange
    /// Probability a notification is held back by ``reorderDelay`` so later ones overtake it.
    public var reordering: Ratio
    /// Extra delay of a reordered notification.
    public var reorderDelay: Duration
    /// Probability, per notification, that its channel dies silently: this and every later
    /// notification of the channel is dropped with no error anywhere.
    public var silentDeath: Ratio

    /// Creates a configuration; every fault defaults to off.
    public init(
        window: TimeWindow = .always, loss: Ratio = .never, duplication: Ratio = .never, delay: DelayRange = .zero,
        reordering: Ratio = .never, reorderDelay: Duration = .seconds(30), silentDeath: Ratio = .never
    ) {
        self.window = window
        self.loss = loss
        self.duplication = duplication
        self.delay = delay
        self.reordering = reordering
        self.reorderDelay = reorderDelay
        self.silentDeath = silentDeath
    }

    /// Reliable, immediate delivery.
    public static let none = PushFaults()
}

/// What counts as an accepted delivery, and how failed ones are retried.
public struct PushRetryPolicy: Hashable, Sendable {
    /// Statuses that acknowledge a notification.
    public var successStatuses: Set<Int>
    /// Statuses after which the provider retries (anything else is a failed, dropped message).
    public var retryableStatuses: Set<Int>
    /// Wait before the first retry; doubled for each further one.
    public var initialBackoff: Duration
    /// Attempts in total, the first included.
    public var maximumAttempts: Int

    /// Creates a policy.
    public init(successStatuses: Set<Int>, retryableStatuses: Set<Int>, initialBackoff: Duration, maximumAttempts: Int)
    {
        self.successStatuses = successStatuses
        self.retryableStatuses = retryableStatuses
        self.initialBackoff = initialBackoff
        self.maximumAttempts = maximumAttempts
    }

    /// Google: 200, 201, 202, 204 and 102 succeed; 500, 502, 503 and 504 are retried with
    /// exponential backoff; anything else fails (G-PUSH). The backoff start and attempt count are
    /// not documented [I].
    public static let google = PushRetryPolicy(
        successStatuses: [102, 200, 201, 202, 204], retryableStatuses: [500, 502, 503, 504],
        initialBackoff: .seconds(1), maximumAttempts: 6)
}
