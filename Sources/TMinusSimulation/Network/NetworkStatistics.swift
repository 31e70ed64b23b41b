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

    /// No exchanges yet.
    public init() {}

    /// How often `fault` fired.
    public func count(of fault: NetworkFault) -> Int { faults[fault.rawValue] }

    mutating func count(status: Int?, fault: NetworkFault?) {
        exchanges += 1
        if let fault { faults[fault.rawValue] += 1 }
        let delivered = fault.map { $0 != .timeoutAfterApply && $0.reachesServer } ?? true
        if let status, delivered {
            responses += 1
            if (200..<300).contains(status) { successes += 1 }
        }
    }
}
