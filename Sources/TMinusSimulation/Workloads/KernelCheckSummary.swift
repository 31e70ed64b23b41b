/// Counters of one kernel-check workload run; also recorded as the trace's last line.
public struct KernelCheckSummary: Sendable, Hashable, CustomStringConvertible {
    /// Requests issued.
    public var requests = 0
    /// Profile reads served from the cache.
    public var cacheHits = 0
    /// Profile reads that started a fetch.
    public var cacheMisses = 0
    /// Profile reads that joined a fetch already in flight.
    public var coalescedReads = 0
    /// Transfers applied.
    public var transfers = 0
    /// Transfers refused for insufficient funds.
    public var rejections = 0
    /// Transfers that lost the race against their timeout.
    public var timeouts = 0
    /// Calls that failed on the network.
    public var failures = 0
    /// Transfers during whose network wait another transfer changed the same account.
    public var interleavings = 0
    /// Fan-out requests completed.
    public var fanOuts = 0
    /// Sum of all balances at the end (conserved by correct transfers).
    public var totalBalance: Int64 = 0

    /// Creates zeroed counters.
    public init() {}

    public var description: String {
        "requests=\(requests) hits=\(cacheHits) misses=\(cacheMisses) coalesced=\(coalescedReads) "
            + "transfers=\(transfers) rejected=\(rejections) timeouts=\(timeouts) failures=\(failures) "
            + "interleavings=\(interleavings) fanouts=\(fanOuts) total=\(totalBalance)"
    }
}
