import Synchronization

/// A value behind a `Mutex`, for the few stateful services (clock, random source, ID generator)
/// that the environment shares across tasks. Uncontended in simulation (one thread), correct in
/// live mode (many threads).
public final class LockedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    /// Creates a box holding `value`.
    public init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with exclusive access to the value and returns its result.
    public func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try mutex.withLock { try body(&$0) }
    }
}
