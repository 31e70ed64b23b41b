import TMinusCore
import TMinusStore

/// The reconcile's drift checks of one mirror calendar listing, applied as one batch of deltas
/// instead of one graph transaction per mirror.
///
/// Applying deltas `[a, b]` in one call does what applying `[a]` and then `[b]` does (in order, each
/// seeing the writes before it), except that a malformed delta fails the whole call; so a delta is
/// validated when added, and a malformed one is applied alone after the batch before it, failing
/// exactly as it did alone. The reconcile flushes the batch before any other effect (a provider
/// call, a read of a mirror row), so the order of everything it does is unchanged.
struct DriftBatch {
    let graph: UserGraph
    let accountID: String
    private var deltas: [ProviderEventDelta] = []

    init(graph: UserGraph, accountID: String) {
        self.graph = graph
        self.accountID = accountID
    }

    /// Queues the drift check of `delta` (a recorded ACTIVE or PENDING mirror).
    mutating func add(_ delta: ProviderEventDelta, repairs: inout ReconcileRepairs) async throws {
        let malformed = (try? delta.validate(field: "deltas[0]")) == nil
        if malformed { try await flush(into: &repairs) }
        deltas.append(delta)
        if malformed { try await flush(into: &repairs) }  // alone, so it fails as it did alone
    }

    /// Applies the queued checks, in order, in one transaction.
    mutating func flush(into repairs: inout ReconcileRepairs) async throws {
        guard !deltas.isEmpty else { return }
        let batch = deltas
        deltas = []
        repairs.driftCorrected += try await graph.applyProviderDeltas(accountID: accountID, batch).driftCorrected
    }
}
