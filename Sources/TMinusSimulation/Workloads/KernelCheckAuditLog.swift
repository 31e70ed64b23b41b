public import TMinusCore

/// An append-only audit log (default actor) fed by fire-and-forget tasks.
public actor KernelCheckAuditLog {
    private let trace: any TraceSink
    /// Entries appended so far.
    public private(set) var count = 0

    /// Creates an empty log.
    public init(trace: any TraceSink) { self.trace = trace }

    /// Appends one entry and records it.
    public func append(_ entry: String) {
        count += 1
        trace.record(component: "audit", event: "#\(count) \(entry)")
    }
}
