public import TMinusCore

/// What one ``Simulator/run(until:root:)`` produced: the verdict, the trace fingerprint and the
/// kernel counters.
public struct SimulationReport: Sendable, CustomStringConvertible {
    /// The seed the run used.
    public let seed: SimulationSeed
    /// How ready jobs were chosen.
    public let order: JobOrder
    /// Nil when the run succeeded.
    public let failure: SimulationFailure?
    /// SHA-256 of the trace.
    public let digest: SHA256Digest
    /// Lines in the trace.
    public let traceLines: Int
    /// Virtual time at the end of the run.
    public let elapsed: Duration
    /// Kernel counters.
    public let statistics: SchedulerStatistics
    /// The last trace lines, oldest first (for failure reports).
    public let recentTrace: [String]

    /// Whether the run succeeded.
    public var succeeded: Bool { failure == nil }

    public var description: String {
        var text = "SEED=\(seed) order=\(order) digest=\(digest.hex) lines=\(traceLines) "
            + "virtual=\(elapsed.nanoseconds)ns \(statistics)"
        if let failure { text += "\nFAILED: \(failure)" }
        return text
    }
}
