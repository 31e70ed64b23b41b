/// Counters kept by ``SimulatedTransport``: exchanges, responses by status class, faults by kind.
public struct NetworkStatistics: Hashable, Sendable {
    /// Every `send` call, including ones that failed to route.
    public var exchanges = 0
    /// Exchanges after which the client received a response.
    public var responses = 0
    /// Responses with a 2xx status.
    public var successes = 0
    /// How often each fault fired, indexed by ``NetworkFault/rawValue``.
    public var faults: [Int] = Array(repeating: 0, count: NetworkFault.allCases.count)
    /// Exchanges and failed exchanges (no 2xx response reached the client) by lower-cased host
    /// name. Read them through ``hostNames`` (sorted); a dictionary's order is not stable.
    public var byHost: [String: HostCounts] = [:]

    /// The exchanges with one host.
    public struct HostCounts: Hashable, Sendable {
        /// Every exchange with the host.
        public var exchanges = 0
        /// Exchanges after which the client had no 2xx response (error status or transport fault).
        public var failures = 0

        /// None yet.
        public init() {}
    }

    /// No exchanges yet.
    public init() {}

    /// How often `fault` fired.
    public func count(of fault: NetworkFault) -> Int { faults[fault.rawValue] }

    /// Every host exchanged with, sorted.
    public var hostNames: [String] { byHost.keys.sorted() }

    mutating func count(status: Int?, fault: NetworkFault?, host: String) {
        exchanges += 1
        if let fault { faults[fault.rawValue] += 1 }
        let delivered = fault.map { $0 != .timeoutAfterApply && $0.reachesServer } ?? true
        var succeeded = false
        if let status, delivered {
            responses += 1
            if (200..<300).contains(status) {
                successes += 1
                succeeded = true
            }
        }
        byHost[host, default: HostCounts()].exchanges += 1
        if !succeeded { byHost[host, default: HostCounts()].failures += 1 }
    }
}
