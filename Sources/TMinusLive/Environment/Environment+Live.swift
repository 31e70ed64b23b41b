public import TMinusCore

/// A trace sink for the daemon: one line per step on standard error (never user data).
public struct StandardErrorTraceSink: TraceSink {
    private let clock: any WallClock

    /// Creates a sink that stamps lines with `clock`.
    public init(clock: any WallClock) { self.clock = clock }

    public func record(component: String, event: String) {
        FileOutput.standardError("\(clock.now()) \(component) \(event)\n")
    }
}

extension Environment {
    /// The live environment: the system clock, entropy seeded from the operating system, and a
    /// trace sink of your choice (default: standard error).
    public static func live(trace: (any TraceSink)? = nil) -> Environment {
        let clock = SystemWallClock()
        var system = SystemRandomNumberGenerator()
        return Environment(
            clock: clock, random: RandomSource(seed: system.next()),
            trace: trace ?? StandardErrorTraceSink(clock: clock))
    }
}
