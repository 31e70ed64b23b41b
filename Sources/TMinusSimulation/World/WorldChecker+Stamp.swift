import TMinusCore
import TMinusEngine
import TMinusSQLite
import TMinusStore

/// Whether a step changed anything the safety checks read: the engine's canonical events, mirror
/// rows, journal, effective edges and accounts being unlinked, the fakes' true state, the humans' ledger, the write log and
/// the accounts. A step that changed none of them needs no check: every safety check is a function
/// of those inputs, so it would find exactly what the last check found (already reported).
extension WorldChecker {
    /// A summary of the checks' inputs that differs whenever one of them changed.
    struct Stamp: Equatable, Sendable {
        var store: StoreInputs
        var fakes: [[FakeCalendarStamp]]
        var ledger: Int
        var accounts: [WorldAccount]
        var detached: Set<String>
    }

    /// What the stamp reads of the user's graph.
    struct StoreInputs: Equatable, Sendable {
        var position: UserGraphChangePosition
        var edges: [PolicyEdge]
        var unlinking: Set<String>
    }

    /// ``StoreInputs`` read from one user graph, with its connection's change stamp at that moment.
    /// While the same graph's stamp has not moved, no row of its database was written and nothing
    /// was rolled back (``ChangeStamp``), so reading the inputs again would give these values.
    struct RememberedStoreInputs: Sendable {
        /// The graph they were read from. Weak: an engine restart opens a new graph, and a remembered
        /// value must never pass for another graph's (a released graph reads as nil, never as a new
        /// one at the same address).
        weak var graph: UserGraph?
        var changes: ChangeStamp
        var inputs: StoreInputs
    }

    /// True when a safety check could find something new now: the checks' inputs changed since the
    /// last time this was asked, the providers logged writes (C, J, K read them), or a mirror row
    /// waits for a write (L also reads the queues, which the stamp does not cover).
    public func needsSafetyCheck() async throws -> Bool {
        let stamp = Stamp(
            store: try await storeInputs(), fakes: world.hosts.map { $0.inspection.inspectionStamp() },
            ledger: world.ledger.withLock { $0.revision },
            accounts: world.accounts, detached: detachedAccountIDs)
        return memory.withLock { memory in
            let changed = memory.stamp != stamp
            memory.stamp = stamp
            return changed || world.transport.hasWriteLog || !memory.store.waiting.isEmpty
        }
    }

    /// The user graph's part of the stamp: read from the store, or the last read's values when the
    /// same graph's change stamp has not moved since. In cross-check mode remembered values are
    /// compared with a fresh read, and a difference is a ``CheckerViewMismatch``.
    func storeInputs() async throws -> StoreInputs {
        let graph = try await world.engine.graph(of: world.userID)
        let remembered = memory.withLock { $0.storeInputs }.flatMap { $0.graph === graph ? $0 : nil }
        let verify = crossCheck
        let (changes, inputs, fresh) = try await graph.inspect { store throws(StoreError) in
            let changes = store.connection.changeStamp
            if let remembered, changes == remembered.changes {
                return (changes, remembered.inputs, verify ? try Self.readStoreInputs(store) : nil)
            }
            return (changes, try Self.readStoreInputs(store), nil)
        }
        if let fresh, fresh != inputs {
            throw CheckerViewMismatch(
                what: "the user graph's stamp inputs remembered at an unchanged change stamp are \(inputs), a read gives \(fresh)")
        }
        memory.withLock { $0.storeInputs = changes.map { RememberedStoreInputs(graph: graph, changes: $0, inputs: inputs) } }
        return inputs
    }

    /// Reads the user graph's part of the stamp.
    static func readStoreInputs(_ store: UserGraphStore) throws(StoreError) -> StoreInputs {
        StoreInputs(position: try store.changePosition(), edges: try store.effectiveEdges(), unlinking: try unlinking(store))
    }
}

/// The checker's incremental view of the engine's stores differs from a full read (cross-check
/// mode): a defect of the checker, not of the engine.
public struct CheckerViewMismatch: Error, CustomStringConvertible {
    /// What differed.
    public var what: String

    public var description: String { "the checker's incremental view differs from a full read: \(what)" }
}
