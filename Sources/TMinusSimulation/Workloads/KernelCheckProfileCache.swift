public import TMinusCore

/// A profile cache (default actor) that coalesces concurrent misses on one in-flight fetch.
///
/// The fetch is an unstructured `Task {}` stored in the actor, so readers arriving while it runs
/// await the same task: the classic coalescing pattern that only exists with real `await`s.
/// Eviction is first-in-first-out through an array, never through `Dictionary` order.
public actor KernelCheckProfileCache {
    private let network: KernelCheckNetwork
    private let trace: any TraceSink
    private let capacity: Int
    private var cached: [Int: Int] = [:]  // looked up only, never iterated
    private var insertionOrder: [Int] = []
    private var inFlight: [Int: Task<Int, any Error>] = [:]  // looked up only, never iterated
    private var fetchCount = 0

    /// Hits, misses and coalesced reads so far.
    public private(set) var counts = (hits: 0, misses: 0, coalesced: 0)

    /// Creates an empty cache holding at most `capacity` profiles.
    public init(network: KernelCheckNetwork, trace: any TraceSink, capacity: Int) {
        self.network = network
        self.trace = trace
        self.capacity = max(1, capacity)
    }

    /// The profile version of `user`, fetched over the network on a miss.
    /// - Throws: the fetch's network failure (every coalesced reader sees it).
    public func profile(_ user: Int) async throws -> Int {
        if let version = cached[user] {
            counts.hits += 1
            return version
        }
        if let pending = inFlight[user] {
            counts.coalesced += 1
            trace.record(component: "cache", event: "coalesce user=\(user)")
            return try await pending.value
        }
        counts.misses += 1
        fetchCount += 1
        let version = fetchCount
        let network = self.network
        let fetch = Task {
            try await network.call("fetch user=\(user)")
            return version
        }
        inFlight[user] = fetch
        trace.record(component: "cache", event: "miss user=\(user) fetch=\(version)")
        defer { inFlight[user] = nil }
        let value = try await fetch.value
        store(user, value)
        return value
    }

    private func store(_ user: Int, _ version: Int) {
        if cached.updateValue(version, forKey: user) == nil { insertionOrder.append(user) }
        if insertionOrder.count > capacity {
            let evicted = insertionOrder.removeFirst()
            cached[evicted] = nil
            trace.record(component: "cache", event: "evict user=\(evicted)")
        }
    }
}
