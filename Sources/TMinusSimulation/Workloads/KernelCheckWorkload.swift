import TMinusCore

/// A synthetic async workload that exercises every construct the simulator must capture: default
/// actors, `Task {}` stored in an actor (coalescing) and fire-and-forget, `async let`, task groups
/// (fan-out in completion order, a timeout race with cancellation), skewed-clock sleeps with
/// seeded latencies, and a reentrancy-sensitive ledger. Every step is recorded in the trace.
///
/// Used by `tminus sim kernel-check` (determinism and leak tests) and `tminus bench sim`. Requests
/// arrive with seeded gaps from the ``StreamName/workload`` stream; latencies and failures come
/// from the ``StreamName/network`` stream. It never reads real time or real randomness.
public struct KernelCheckWorkload: Sendable {
    /// Sizes and rates of the workload.
    public struct Options: Sendable, Hashable {
        /// Requests to issue.
        public var requests = 2_000
        /// Distinct users whose profiles are read.
        public var users = 400
        /// Ledger accounts.
        public var accounts = 64
        /// Profiles the cache keeps.
        public var cacheCapacity = 64
        /// Mean gap between requests on the gateway's clock (uniform in `0...2×mean`).
        public var meanGap: Duration = .microseconds(50)
        /// How long a transfer may take before its timeout wins.
        public var transferTimeout: Duration = .milliseconds(50)
        /// Pins the request stream (mix, users, gaps) to this seed instead of the run's, so
        /// different run seeds replay the *same* requests under different latencies and job
        /// orders: the way to compare interleavings of one workload.
        public var workloadSeed: SimulationSeed?

        /// Creates options; the defaults suit a quick check.
        public init() {}
    }

    /// One request, drawn from the workload stream.
    enum Request: Sendable {
        case read(id: Int, user: Int)
        case transfer(id: Int, from: Int, to: Int, amount: Int64)
        case fanOut(id: Int, users: [Int])
    }

    /// How one request ended, folded into the summary.
    enum Outcome: Sendable {
        case read, readFailed, applied(interleaved: Bool), rejected, timedOut, transferFailed, fanOut, fanOutFailed
    }

    let options: Options
    let gateway: SimComponent
    let random: RandomSource
    let trace: any TraceSink
    let network: KernelCheckNetwork
    let cache: KernelCheckProfileCache
    let ledger: KernelCheckLedger
    let audit: KernelCheckAuditLog

    /// Builds the workload's components on `simulator` (call before ``Simulator/run(until:root:)``).
    public init(simulator: Simulator, options: Options = Options()) {
        self.options = options
        gateway = simulator.makeComponent(
            "gateway", clock: .init(offset: .milliseconds(2_500), driftPartsPerMillion: 35))
        let server = simulator.makeComponent(
            "server", clock: .init(offset: .milliseconds(-1_200), driftPartsPerMillion: -20))
        random = (options.workloadSeed ?? simulator.seed).randomSource(.workload)
        trace = simulator.trace
        network = KernelCheckNetwork(random: simulator.seed.randomSource(.network), clock: server.clock, trace: trace)
        cache = KernelCheckProfileCache(network: network, trace: trace, capacity: options.cacheCapacity)
        audit = KernelCheckAuditLog(trace: trace)
        ledger = KernelCheckLedger(
            accounts: options.accounts, initialBalance: 1_000, network: network, audit: audit, trace: trace)
    }

    /// Issues every request, waits for all of them, and records and returns the summary.
    /// - Throws: `CancellationError` if the root task is cancelled.
    public func run() async throws -> KernelCheckSummary {
        trace.record(component: "workload", event: "start requests=\(options.requests) users=\(options.users)")
        // A discarding group forgets finished children at once, so thousands of requests in
        // flight cost nothing; outcomes go to the tally actor instead.
        let tally = KernelCheckTally()
        try await withThrowingDiscardingTaskGroup { group in
            for id in 0..<options.requests {
                let gap = random.below(UInt64(max(1, options.meanGap.nanoseconds * 2)) + 1)
                try await gateway.clock.sleep(for: .nanoseconds(Int64(gap)))
                let request = draw(id: id)
                group.addTask { await tally.add(await self.handle(request)) }
            }
        }
        var summary = await tally.summary
        summary.requests = options.requests
        let counts = await cache.counts
        summary.cacheHits = counts.hits
        summary.cacheMisses = counts.misses
        summary.coalescedReads = counts.coalesced
        summary.totalBalance = await ledger.total()
        trace.record(component: "workload", event: "summary \(summary)")
        return summary
    }

    private func draw(id: Int) -> Request {
        let kind = random.below(100)
        let users = UInt64(max(1, options.users))
        if kind < 60 { return .read(id: id, user: Int(random.below(users))) }
        if kind < 90 {
            let accounts = UInt64(max(2, options.accounts))
            let from = Int(random.below(accounts))
            let to = (from + 1 + Int(random.below(accounts - 1))) % Int(accounts)
            return .transfer(id: id, from: from, to: to, amount: 1 + Int64(random.below(200)))
        }
        return .fanOut(id: id, users: (0..<3).map { _ in Int(random.below(users)) })
    }

    private func handle(_ request: Request) async -> Outcome {
        switch request {
        case .read(let id, let user):
            trace.record(component: "gateway", event: "read id=\(id) user=\(user) local=\(gateway.clock.now())")
            do {
                _ = try await cache.profile(user)
                return .read
            } catch {
                return .readFailed
            }
        case .transfer(let id, let from, let to, let amount):
            trace.record(component: "gateway", event: "transfer id=\(id) \(from)->\(to) amount=\(amount)")
            return await transferWithTimeout(id: id, from: from, to: to, amount: amount)
        case .fanOut(let id, let users):
            trace.record(component: "gateway", event: "fanout id=\(id) users=\(users)")
            return await fanOut(id: id, users: users)
        }
    }

    /// Races the transfer against the gateway clock; the loser is cancelled.
    private func transferWithTimeout(id: Int, from: Int, to: Int, amount: Int64) async -> Outcome {
        let ledger = self.ledger
        let clock = gateway.clock
        let timeout = options.transferTimeout
        let outcome = await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    switch try await ledger.transfer(id: id, from: from, to: to, amount: amount) {
                    case .applied(let interleaved): return .applied(interleaved: interleaved)
                    case .rejected: return .rejected
                    }
                } catch is CancellationError {
                    return nil
                } catch {
                    return .transferFailed
                }
            }
            group.addTask {
                do {
                    try await clock.sleep(for: timeout)
                    return .timedOut
                } catch {
                    return nil
                }
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .timedOut
        }
        if case .timedOut = outcome { trace.record(component: "gateway", event: "timeout id=\(id)") }
        return outcome
    }

    /// Three reads with `async let`, then three pings in a task group, recorded in completion
    /// order (which is what different seeds reorder).
    private func fanOut(id: Int, users: [Int]) async -> Outcome {
        async let first = cache.profile(users[0])
        async let second = cache.profile(users[1])
        async let third = cache.profile(users[2])
        do {
            _ = try await (first, second, third)
        } catch {
            return .fanOutFailed
        }
        let network = self.network
        let order = await withTaskGroup(of: Int.self) { group in
            for leg in 0..<3 {
                group.addTask {
                    try? await network.call("ping id=\(id) leg=\(leg)")
                    return leg
                }
            }
            var order: [Int] = []
            for await leg in group { order.append(leg) }
            return order
        }
        trace.record(component: "gateway", event: "fanout-done id=\(id) order=\(order)")
        return .fanOut
    }
}
