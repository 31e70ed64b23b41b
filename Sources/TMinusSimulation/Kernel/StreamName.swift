/// The name of one subsystem's random stream (workload, network, a provider, faults, scheduler).
///
/// Every stream is derived from the run's seed and this name alone (see
/// ``SimulationSeed/stream(_:)``), never from how many other streams exist or in which order they
/// were created. So adding a provider or a fault draws from new streams and leaves every existing
/// stream, the workload's above all, byte-for-byte unchanged.
public struct StreamName: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The stable text of the name; it is what the stream's seed is derived from.
    public let rawValue: String

    /// Creates a name from its text. Prefer the named constants and factories below.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The humans and scripted steps acting on the system.
    public static let workload = StreamName("workload")
    /// Latency and loss of the simulated network.
    public static let network = StreamName("network")
    /// Which faults fire and when.
    public static let faults = StreamName("faults")
    /// The seeded choice among ready jobs (``JobOrder/seeded``).
    public static let scheduler = StreamName("scheduler")

    /// One fake provider's own stream, e.g. `provider.google`.
    public static func provider(_ name: String) -> StreamName { StreamName("provider." + name) }

    /// One engine component's environment stream (IDs, jitter), e.g. `component.sync-consumer`.
    public static func component(_ name: String) -> StreamName { StreamName("component." + name) }

    /// The documented order in which a run lists its streams: workload, network, each provider
    /// (in the order given), faults, scheduler. Listing order is for reports only; it does not
    /// influence any stream's values.
    public static func standardOrder(providers: [String]) -> [StreamName] {
        [.workload, .network] + providers.map(provider) + [.faults, .scheduler]
    }

    public static func < (lhs: StreamName, rhs: StreamName) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}
