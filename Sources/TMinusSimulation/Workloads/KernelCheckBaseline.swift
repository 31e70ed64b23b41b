import TMinusCore

/// The kernel-check workload written the other way: synchronous run-to-completion handlers on the
/// plain ``SimScheduler`` API, with no Swift concurrency at all.
///
/// Same request mix, sizes, latency model and streams as ``KernelCheckWorkload``, so `tminus bench
/// sim` can put the cost of running real async code next to this baseline. What it cannot express
/// is exactly what the async version exists for: a handler here is atomic, so interleavings
/// happen only between whole callbacks. Works in any process (no runtime capture needed).
public final class KernelCheckBaseline {
    private let scheduler: SimScheduler
    private let trace: SimTrace
    private let options: KernelCheckWorkload.Options
    private let gatewayClock: SimClock
    private let serverClock: SimClock
    private var workload: Xoshiro256StarStar
    private var network: Xoshiro256StarStar
    private var cached: [Int: Int] = [:]  // looked up only, never iterated
    private var insertionOrder: [Int] = []
    private var waiters: [Int: [(Bool) -> Void]] = [:]  // looked up only, never iterated
    private var fetchCount = 0
    private var balances: [Int64]
    private var summary = KernelCheckSummary()
    private var audits = 0

    /// Prepares the baseline on its own scheduler and trace.
    public init(scheduler: SimScheduler, trace: SimTrace, seed: SimulationSeed, options: KernelCheckWorkload.Options) {
        self.scheduler = scheduler
        self.trace = trace
        self.options = options
        gatewayClock = SimClock(
            scheduler: scheduler, component: "gateway", offset: .milliseconds(2_500), driftPartsPerMillion: 35)
        serverClock = SimClock(
            scheduler: scheduler, component: "server", offset: .milliseconds(-1_200), driftPartsPerMillion: -20)
        workload = (options.workloadSeed ?? seed).stream(.workload)
        network = seed.stream(.network)
        balances = Array(repeating: 1_000, count: max(1, options.accounts))
    }

    /// Schedules every request, runs the scheduler until idle and returns the summary.
    public func run() -> KernelCheckSummary {
        trace.record(component: "workload", event: "start requests=\(options.requests) users=\(options.users)")
        scheduleArrival(id: 0)
        scheduler.run()
        summary.requests = options.requests
        summary.totalBalance = balances.reduce(0, +)
        trace.record(component: "workload", event: "summary \(summary)")
        return summary
    }

    private func scheduleArrival(id: Int) {
        guard id < options.requests else { return }
        let gap = Int64(workload.below(UInt64(max(1, options.meanGap.nanoseconds * 2)) + 1))
        let delay = gatewayClock.virtualNanoseconds(forLocal: .nanoseconds(gap))
        scheduler.schedule(after: .nanoseconds(delay), "arrival") {
            self.arrive(id: id)
            self.scheduleArrival(id: id + 1)
        }
    }

    private func arrive(id: Int) {
        let kind = workload.below(100)
        let users = UInt64(max(1, options.users))
        if kind < 60 {
            let user = Int(workload.below(users))
            trace.record(component: "gateway", event: "read id=\(id) user=\(user) local=\(gatewayClock.now())")
            read(user) { ok in if !ok { self.summary.failures += 1 } }
        } else if kind < 90 {
            let accounts = UInt64(max(2, options.accounts))
            let from = Int(workload.below(accounts))
            let to = (from + 1 + Int(workload.below(accounts - 1))) % Int(accounts)
            let amount = 1 + Int64(workload.below(200))
            trace.record(component: "gateway", event: "transfer id=\(id) \(from)->\(to) amount=\(amount)")
            transfer(id: id, from: from, to: to, amount: amount)
        } else {
            let picked = (0..<3).map { _ in Int(workload.below(users)) }
            trace.record(component: "gateway", event: "fanout id=\(id) users=\(picked)")
            fanOut(id: id, users: picked)
        }
    }

    /// Draws a latency and a failure exactly like ``KernelCheckNetwork/call(_:)`` and calls back.
    private func call(_ operation: String, _ completion: @escaping (Bool) -> Void) -> TimerHandle {
        var latency = 500_000 + Int64(network.below(7_500_001))
        if network.chance(Ratio(1, 100)) { latency *= 30 }
        let fails = network.chance(Ratio(1, 200))
        let delay = serverClock.virtualNanoseconds(forLocal: .nanoseconds(latency))
        return scheduler.schedule(after: .nanoseconds(delay), operation) {
            if fails { self.trace.record(component: "network", event: "fail \(operation)") }
            completion(!fails)
        }
    }

    private func read(_ user: Int, _ completion: @escaping (Bool) -> Void) {
        if cached[user] != nil {
            summary.cacheHits += 1
            return completion(true)
        }
        if waiters[user] != nil {
            summary.coalescedReads += 1
            trace.record(component: "cache", event: "coalesce user=\(user)")
            waiters[user, default: []].append(completion)
            return
        }
        summary.cacheMisses += 1
        fetchCount += 1
        let version = fetchCount
        waiters[user] = [completion]
        trace.record(component: "cache", event: "miss user=\(user) fetch=\(version)")
        _ = call("fetch user=\(user)") { ok in
            if ok { self.store(user, version) }
            let waiting = self.waiters.removeValue(forKey: user) ?? []
            for waiter in waiting { waiter(ok) }
        }
    }

    private func store(_ user: Int, _ version: Int) {
        if cached.updateValue(version, forKey: user) == nil { insertionOrder.append(user) }
        if insertionOrder.count > options.cacheCapacity {
            let evicted = insertionOrder.removeFirst()
            cached[evicted] = nil
            trace.record(component: "cache", event: "evict user=\(evicted)")
        }
    }

    private func transfer(id: Int, from source: Int, to target: Int, amount: Int64) {
        guard balances[source] >= amount else {
            trace.record(component: "ledger", event: "reject id=\(id) from=\(source) balance=\(balances[source])")
            summary.rejections += 1
            return
        }
        balances[source] -= amount
        let reserved = balances[source]
        var settled = false
        let timeoutDelay = gatewayClock.virtualNanoseconds(forLocal: options.transferTimeout)
        var commit: TimerHandle?
        let timeout = scheduler.schedule(after: .nanoseconds(timeoutDelay), "timeout") {
            guard !settled else { return }
            settled = true
            if let commit { self.scheduler.cancel(commit) }
            self.balances[source] += amount
            self.trace.record(component: "ledger", event: "release id=\(id) reason=cancel")
            self.trace.record(component: "gateway", event: "timeout id=\(id)")
            self.summary.timeouts += 1
        }
        commit = call("commit id=\(id)") { ok in
            guard !settled else { return }
            settled = true
            self.scheduler.cancel(timeout)
            self.finishTransfer(id: id, source: source, target: target, amount: amount, reserved: reserved, ok: ok)
        }
    }

    private func finishTransfer(id: Int, source: Int, target: Int, amount: Int64, reserved: Int64, ok: Bool) {
        guard ok else {
            balances[source] += amount
            trace.record(component: "ledger", event: "release id=\(id) reason=fail")
            summary.failures += 1
            return
        }
        let interleaved = balances[source] != reserved
        balances[target] += amount
        let marker = interleaved ? " interleaved" : ""
        trace.record(component: "ledger", event: "apply id=\(id) \(source)->\(target) amount=\(amount)\(marker)")
        summary.transfers += 1
        if interleaved { summary.interleavings += 1 }
        scheduler.execute("audit") {
            self.audits += 1
            self.trace.record(component: "audit", event: "#\(self.audits) transfer id=\(id) amount=\(amount)")
        }
    }

    private func fanOut(id: Int, users: [Int]) {
        var remaining = users.count
        var failed = false
        for user in users {
            read(user) { ok in
                failed = failed || !ok
                remaining -= 1
                guard remaining == 0 else { return }
                if failed { self.summary.failures += 1 } else { self.ping(id: id) }
            }
        }
    }

    private func ping(id: Int) {
        var order: [Int] = []
        for leg in 0..<3 {
            _ = call("ping id=\(id) leg=\(leg)") { _ in
                order.append(leg)
                guard order.count == 3 else { return }
                self.trace.record(component: "gateway", event: "fanout-done id=\(id) order=\(order)")
                self.summary.fanOuts += 1
            }
        }
    }
}

/// Confined to the thread that runs its scheduler.
@available(*, unavailable)
extension KernelCheckBaseline: Sendable {}
