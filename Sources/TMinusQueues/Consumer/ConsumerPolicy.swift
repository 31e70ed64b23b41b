public import TMinusCore

/// The decisions of a ``QueueConsumer`` loop as pure functions (style rule 10): what to do after a
/// poll, and how to settle a handled message. The loop only executes what these return.
public struct ConsumerPolicy: Hashable, Sendable {
    /// When the loop ends on its own.
    public enum StopCondition: Hashable, Sendable {
        /// Only when the task is cancelled (a long-running consumer).
        case whenCancelled
        /// Also as soon as the queue holds no live message at all (ready, delayed or leased);
        /// for tests, drains and the simulator's quiescence phase.
        case whenEmpty
    }

    /// What the loop does after a poll.
    public enum NextStep: Hashable, Sendable {
        /// Poll again at once.
        case poll
        /// Sleep on the injected clock, then poll.
        case sleep(Duration)
        /// Leave the loop.
        case stop
    }

    /// How one delivery is settled.
    public enum Settlement: Hashable, Sendable {
        /// ``DurableQueue/ack(_:)``.
        case ack
        /// ``DurableQueue/retry(_:now:error:retryAfter:)``.
        case retry(after: Duration?, error: String)
        /// ``DurableQueue/deadLetter(_:now:error:)``.
        case deadLetter(error: String)
        /// ``DurableQueue/release(_:now:)``: the consumer is stopping and did not finish the message.
        case release
        /// ``DurableQueue/release(_:now:after:)`` with a delay: the handler postponed the message.
        case postpone(after: Duration)
    }

    /// The longest idle sleep.
    public var pollInterval: Duration
    /// When the loop ends on its own.
    public var stopCondition: StopCondition

    /// Creates a policy.
    public init(pollInterval: Duration, stopCondition: StopCondition) {
        self.pollInterval = pollInterval
        self.stopCondition = stopCondition
    }

    /// The step after a poll that received `received` messages at `now`.
    /// - Parameter nextVisibleAt: when the next delayed or leased message becomes visible (nil: none).
    public func nextStep(received: Int, now: Timestamp, nextVisibleAt: Timestamp?) -> NextStep {
        if received > 0 { return .poll }
        guard let nextVisibleAt else {
            return stopCondition == .whenEmpty ? .stop : .sleep(pollInterval)
        }
        let untilVisible = nextVisibleAt.duration(since: now)
        if untilVisible <= .zero { return .poll }
        return .sleep(min(pollInterval, untilVisible))
    }

    /// The settlement of a handler that returned `decision`.
    public static func settlement(for decision: HandlerDecision) -> Settlement {
        switch decision {
        case .ack: return .ack
        case .retry(let after, let error): return .retry(after: after, error: error)
        case .deadLetter(let error): return .deadLetter(error: error)
        case .postpone(let after, _): return .postpone(after: after)
        }
    }

    /// The settlement of a handler that threw `error`: a retry after the backoff, or a release when
    /// the consumer is stopping (`isCancelled`) and the handler gave up because of it.
    public static func settlement(forThrown error: any Error, isCancelled: Bool) -> Settlement {
        if isCancelled && error is CancellationError { return .release }
        return .retry(after: nil, error: String(describing: error))
    }
}
