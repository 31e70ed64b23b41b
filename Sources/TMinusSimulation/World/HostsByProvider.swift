/// The hosts of a transport's statistics grouped by provider (a host of no fake is its own), with
/// the providers sorted: what the sampler sums per step, worked out once per set of hosts.
struct HostsByProvider: Sendable {
    /// Every host, sorted, and the index of its provider in ``providers``.
    private var hosts: [(name: String, provider: Int)] = []
    /// The providers, sorted.
    private(set) var providers: [String] = []

    init() {}

    init(_ names: some Collection<String>, providerByHost: [String: String]) {
        let sorted = names.sorted()
        providers = Set(sorted.map { providerByHost[$0] ?? $0 }).sorted()
        let index = Dictionary(uniqueKeysWithValues: providers.enumerated().map { ($1, $0) })
        hosts = sorted.map { ($0, index[providerByHost[$0] ?? $0]!) }
    }

    /// Adds each host's exchanges and failures to its provider's sums; false (sums unusable) when
    /// the statistics count other hosts than these.
    func tally(_ statistics: NetworkStatistics, calls: inout [Int], errors: inout [Int]) -> Bool {
        guard statistics.byHost.count == hosts.count else { return false }
        for host in hosts {
            guard let counts = statistics.byHost[host.name] else { return false }
            calls[host.provider] += counts.exchanges
            errors[host.provider] += counts.failures
        }
        return true
    }
}
