/// How the scheduler picks the next job when several are ready at the same virtual instant.
///
/// Exploration comes mainly from seeded latencies (few jobs are ever ready together), but seeded
/// order also shuffles coincident work, which is what finds ordering assumptions between tasks
/// that wake at the same instant.
public enum JobOrder: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Arrival order: the oldest ready job runs first.
    case fifo
    /// A choice drawn from the scheduler's own stream (``StreamName/scheduler``).
    case seeded

    public var description: String { rawValue }
}
