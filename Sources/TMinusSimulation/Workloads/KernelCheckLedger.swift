public import TMinusCore

/// Account balances (default actor) with transfers that await the network between reserving and
/// crediting: the reentrancy-sensitive part of the kernel-check workload.
///
/// A transfer reserves the amount *before* its `await`, so it is correct under reentrancy; it
/// also notices when another transfer changed the source account during its wait and counts that
/// as an interleaving. Which transfers interleave depends on the seed, which is what the
/// "different seeds give different interleavings" test observes.
public actor KernelCheckLedger {
    /// How a transfer ended.
    public enum Outcome: Sendable, Hashable {
        /// Applied; `interleaved` when the source account changed during the network wait.
        case applied(interleaved: Bool)
        /// Refused for insufficient funds.
        case rejected
    }

    private var balances: [Int64]
    private let network: KernelCheckNetwork
    private let audit: KernelCheckAuditLog
    private let trace: any TraceSink

    /// Creates `accounts` accounts holding `initialBalance` each.
    public init(
        accounts: Int, initialBalance: Int64, network: KernelCheckNetwork, audit: KernelCheckAuditLog,
        trace: any TraceSink
    ) {
        self.balances = Array(repeating: initialBalance, count: max(1, accounts))
        self.network = network
        self.audit = audit
        self.trace = trace
    }

    /// Moves `amount` from one account to another, committing over the network.
    /// - Throws: the network failure or `CancellationError`; the reservation is then released.
    public func transfer(id: Int, from source: Int, to target: Int, amount: Int64) async throws -> Outcome {
        guard balances[source] >= amount else {
            trace.record(component: "ledger", event: "reject id=\(id) from=\(source) balance=\(balances[source])")
            return .rejected
        }
        balances[source] -= amount
        let reserved = balances[source]
        do {
            try await network.call("commit id=\(id)")
        } catch {
            balances[source] += amount
            let reason = error is CancellationError ? "cancel" : "fail"
            trace.record(component: "ledger", event: "release id=\(id) reason=\(reason)")
            throw error
        }
        let interleaved = balances[source] != reserved
        balances[target] += amount
        trace.record(
            component: "ledger",
            event: "apply id=\(id) \(source)->\(target) amount=\(amount)\(interleaved ? " interleaved" : "")")
        let audit = self.audit
        Task { await audit.append("transfer id=\(id) amount=\(amount)") }  // fire-and-forget, no self capture
        return .applied(interleaved: interleaved)
    }

    /// The sum of all balances (conserved by correct transfers).
    public func total() -> Int64 { balances.reduce(0, +) }
}
