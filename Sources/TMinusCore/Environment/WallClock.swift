/// The engine's only way to learn the time or to wait.
///
/// In simulation each component gets its own skewed clock driven by virtual time; in live mode
/// it is the system clock. Engine code never reads any other clock (the tidy test enforces it).
public protocol WallClock: Sendable {
    /// The current instant as this component believes it to be.
    func now() -> Timestamp
    /// Suspends the caller for `duration` of this clock's time.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func sleep(for duration: Duration) async throws
}

/// A clock that only moves when told to: the deterministic default for unit tests.
///
/// `sleep(for:)` advances the clock by the duration and returns at once, so code that waits
/// (backoff, visibility timeouts) runs instantly and reproducibly.
public final class ManualClock: WallClock, @unchecked Sendable {
    private let state: LockedBox<Timestamp>

    /// Creates a clock reading `start`.
    public init(start: Timestamp) { state = LockedBox(start) }

    public func now() -> Timestamp { state.withLock { $0 } }

    /// Moves the clock forward (or to) a later instant.
    public func advance(by duration: Duration) { state.withLock { $0 = $0.adding(duration) } }

    /// Sets the clock to an instant (tests may move it backwards to model a clock jump).
    public func set(_ instant: Timestamp) { state.withLock { $0 = instant } }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration)
    }
}
