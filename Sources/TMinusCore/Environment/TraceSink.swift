/// Where the engine reports observable steps (trace lines) and diagnostics.
///
/// The simulator's sink stamps each record with virtual time and folds it into the run's digest;
/// the live sink writes a log. Records must never contain user data such as titles or tokens.
public protocol TraceSink: Sendable {
    /// Records one observable step, e.g. `("usergraph", "delta.applied evt_… v2")`.
    func record(component: String, event: String)
}

/// A sink that drops everything.
public struct NullTraceSink: TraceSink {
    /// Creates the sink.
    public init() {}
    public func record(component: String, event: String) {}
}

/// A sink that keeps records in memory, in order; for tests and the demo.
public final class MemoryTraceSink: TraceSink {
    private let lines = LockedBox<[String]>([])

    /// Creates an empty sink.
    public init() {}

    public func record(component: String, event: String) {
        lines.withLock { $0.append("\(component) \(event)") }
    }

    /// Everything recorded so far, in order.
    public var records: [String] { lines.withLock { $0 } }
}
