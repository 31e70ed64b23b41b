/// Everything nondeterministic the engine may use, passed in at construction.
///
/// There are no globals or task-locals for time, randomness or IDs: a simulation builds an
/// `Environment` from its seed and virtual clock, live mode from the system (see `TMinusLive`),
/// and tests from ``Environment/deterministic(seed:start:)``. Many environments can coexist in
/// one process, so seeds can run in parallel under the test runner.
public struct Environment: Sendable {
    /// This component's clock (skewed in simulation).
    public var clock: any WallClock
    /// This component's entropy (a forked stream in simulation).
    public var random: RandomSource
    /// Identifier source built on `clock` and a fork of `random`.
    public var ids: IDGenerator
    /// Where observable steps are recorded.
    public var trace: any TraceSink
    /// Where a simulation may kill the process inside a handler (``NeverCrash`` unless set).
    public var crashes: any CrashInjector = NeverCrash()
    /// Whether the message broker loses acknowledgements (``ReliableDelivery`` unless set).
    public var delivery: any DeliveryFaults = ReliableDelivery()

    /// Creates an environment from its parts; IDs draw from a fork of `random`.
    public init(clock: any WallClock, random: RandomSource, trace: any TraceSink) {
        self.clock = clock
        self.random = random
        self.ids = IDGenerator(clock: clock, random: random.fork())
        self.trace = trace
    }

    /// A fixed-seed environment on a ``ManualClock`` for tests and the demo.
    /// - Parameters:
    ///   - seed: the random seed.
    ///   - start: what the manual clock reads initially (default 2026-03-02T08:00:00Z).
    public static func deterministic(
        seed: UInt64, start: Timestamp = Timestamp(secondsSinceEpoch: 1_772_438_400),
        trace: any TraceSink = NullTraceSink()
    ) -> Environment {
        Environment(clock: ManualClock(start: start), random: RandomSource(seed: seed), trace: trace)
    }
}
