public import TMinusCore

/// The consumer loop of one durable queue: receive a batch, run the handler for each message with
/// at most the queue's concurrency limit in flight, settle each result as soon as it arrives, and
/// sleep on the injected clock when idle.
///
/// Guarantees:
/// - Time and waiting come only from the injected ``WallClock`` (virtual in simulation), never
///   from the task system's own sleep or a system clock.
/// - A receive returns at most the queue's ``QueueConfiguration/batchSize`` messages, and at most
///   ``QueueConfiguration/concurrencyLimit`` handlers run at once. The next batch is received only
///   after the current one is settled.
/// - A message is acknowledged only after its handler returned ``HandlerDecision/ack``; a handler
///   that throws is retried with backoff.
/// - On cancellation the loop stops starting handlers, waits for the running ones and then either
///   settles them and hands unstarted leases back (``CancellationBehavior/releaseLeases``), or
///   behaves like a killed process (``CancellationBehavior/crash``): it writes nothing more and
///   abandons the connection, leaving the leases to expire and the messages to be redelivered.
///
/// The decisions are in ``ConsumerPolicy``; this type only executes them. The queue it runs on is
/// confined to the task calling ``run(on:handler:)``; handlers run in child tasks and never touch it.
public struct QueueConsumer: Sendable {
    /// What cancelling the consumer's task means.
    public enum CancellationBehavior: Hashable, Sendable {
        /// A clean shutdown: settle what finished, release what did not.
        case releaseLeases
        /// A simulated kill: settle nothing more and abandon the queue's connection.
        case crash
    }

    /// A message handler. It commits the message's effects (idempotently, keyed by
    /// ``QueueMessage/effectKey``) before returning ``HandlerDecision/ack``.
    public typealias Handler = @Sendable (QueueMessage) async throws -> HandlerDecision

    /// The queue consumed.
    public var queueName: QueueName
    /// The consumer's only source of time and waiting.
    public var clock: any WallClock
    /// When the loop ends on its own.
    public var stopCondition: ConsumerPolicy.StopCondition
    /// What cancellation means.
    public var cancellationBehavior: CancellationBehavior

    /// Creates a consumer of `queueName`; batch size, concurrency and poll interval come from the
    /// queue's ``QueueConfiguration``.
    public init(
        queueName: QueueName, clock: any WallClock, stopCondition: ConsumerPolicy.StopCondition = .whenCancelled,
        cancellationBehavior: CancellationBehavior = .releaseLeases
    ) {
        self.queueName = queueName
        self.clock = clock
        self.stopCondition = stopCondition
        self.cancellationBehavior = cancellationBehavior
    }

    /// Runs the loop until its stop condition holds or its task is cancelled.
    /// - Throws: ``QueueError`` when the queue's database fails (unsettled messages are redelivered
    ///   after their visibility timeout); handler errors never escape.
    @discardableResult
    public func run(on queue: DurableQueue, handler: @escaping Handler) async throws(QueueError) -> ConsumerReport {
        let configuration = try queue.configuration(for: queueName)
        let policy = ConsumerPolicy(pollInterval: configuration.pollInterval, stopCondition: stopCondition)
        var report = ConsumerReport()
        polling: while !Task.isCancelled {
            let batch = try queue.receive(from: queueName, now: clock.now())
            report.polls += 1
            report.delivered += batch.count
            report.largestBatch = max(report.largestBatch, batch.count)
            if !batch.isEmpty {
                try await handle(batch, limit: configuration.concurrencyLimit, on: queue, handler, &report)
                continue
            }
            let now = clock.now()
            let nextVisibleAt = try queue.nextVisibleAt(in: queueName, after: now)
            switch policy.nextStep(received: 0, now: now, nextVisibleAt: nextVisibleAt) {
            case .poll:
                continue
            case .stop:
                return report
            case .sleep(let duration):
                do {
                    try await clock.sleep(for: duration)
                } catch {
                    break polling
                }
            }
        }
        report.wasCancelled = true
        if cancellationBehavior == .crash { queue.abandonForCrashTest() }
        return report
    }

    /// Runs the handlers of one batch with at most `limit` in flight, settling each as it finishes.
    private func handle(
        _ batch: [LeasedMessage], limit: Int, on queue: DurableQueue, _ handler: @escaping Handler,
        _ report: inout ConsumerReport
    ) async throws(QueueError) {
        var failure: QueueError?
        var started = 0
        await withTaskGroup(of: (Int, ConsumerPolicy.Settlement).self) { group in
            while started < min(limit, batch.count) {
                let (index, message) = (started, batch[started].message)
                group.addTask { await Self.invoke(handler, message, index: index) }
                started += 1
            }
            for await (index, settlement) in group {
                if Task.isCancelled && cancellationBehavior == .crash { continue }
                guard failure == nil else { continue }
                do throws(QueueError) {
                    report.count(try settle(batch[index].lease, settlement, on: queue))
                } catch {
                    failure = error
                    continue
                }
                if started < batch.count && !Task.isCancelled {
                    let (index, message) = (started, batch[started].message)
                    group.addTask { await Self.invoke(handler, message, index: index) }
                    started += 1
                }
            }
        }
        if let failure { throw failure }
        guard Task.isCancelled, cancellationBehavior == .releaseLeases else { return }
        for item in batch[started...] { report.count(try queue.release(item.lease, now: clock.now())) }
    }

    /// Runs the handler for one message and turns its result into a settlement.
    private static func invoke(_ handler: Handler, _ message: QueueMessage, index: Int) async
        -> (Int, ConsumerPolicy.Settlement)
    {
        do {
            return (index, ConsumerPolicy.settlement(for: try await handler(message)))
        } catch {
            return (index, ConsumerPolicy.settlement(forThrown: error, isCancelled: Task.isCancelled))
        }
    }

    private func settle(
        _ lease: MessageLease, _ settlement: ConsumerPolicy.Settlement, on queue: DurableQueue
    ) throws(QueueError) -> LeaseOutcome {
        let now = clock.now()
        switch settlement {
        case .ack: return try queue.ack(lease)
        case .retry(let after, let error): return try queue.retry(lease, now: now, error: error, retryAfter: after)
        case .deadLetter(let error): return try queue.deadLetter(lease, now: now, error: error)
        case .release: return try queue.release(lease, now: now)
        case .postpone(let after): return try queue.release(lease, now: now, after: after)
        }
    }
}
