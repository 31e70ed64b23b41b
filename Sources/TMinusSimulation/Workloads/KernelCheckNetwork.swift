public import TMinusCore

/// The kernel-check workload's network: every call sleeps a seeded latency on the calling side's
/// clock and fails now and then.
///
/// Latencies are integers: 0.5–8 ms uniform, with a 1% tail 30× longer; 0.5% of calls fail.
/// All draws come from the ``StreamName/network`` stream, so adding workload draws never changes
/// network behaviour for the same call sequence.
public final class KernelCheckNetwork: Sendable {
    private let random: RandomSource
    private let clock: any WallClock
    private let trace: any TraceSink

    /// A failed call.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// Which operation failed.
        public let operation: String
        public var description: String { "network call \(operation) failed" }
    }

    /// Creates the network.
    public init(random: RandomSource, clock: any WallClock, trace: any TraceSink) {
        self.random = random
        self.clock = clock
        self.trace = trace
    }

    /// Performs a call: waits its latency, then succeeds or throws ``Failure``.
    /// - Throws: ``Failure``, or `CancellationError` when cancelled while in flight.
    public func call(_ operation: String) async throws {
        var latency = 500_000 + Int64(random.below(7_500_001))
        if random.chance(Ratio(1, 100)) { latency *= 30 }
        let fails = random.chance(Ratio(1, 200))
        try await clock.sleep(for: .nanoseconds(latency))
        if fails {
            trace.record(component: "network", event: "fail \(operation)")
            throw Failure(operation: operation)
        }
    }
}
