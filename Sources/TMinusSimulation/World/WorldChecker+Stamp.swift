import TMinusCore
import TMinusEngine
import TMinusStore

/// Whether a step changed anything the safety checks read: the engine's canonical events, mirror
/// rows, journal, effective edges and accounts being unlinked, the fakes' true state, the humans' ledger, the write log and
/// the accounts. A step that changed none of them needs no check: every safety check is a function
/// of those inputs, so it would find exactly what the last check found (already reported).
extension WorldChecker {
    /// A summary of the checks' inputs that differs whenever one of them changed.
    struct Stamp: Equatable, Sendable {
        var store: UserGraphChangePosition
        var edges: [PolicyEdge]
        var unlinking: Set<String>
        var fakes: [[FakeCalendarStamp]]
        var ledger: Int
        var accounts: [WorldAccount]
        var detached: Set<String>
    }

    /// True when a safety check could find something new now: the checks' inputs changed since the
    /// last time this was asked, the providers logged writes (C, J, K read them), or a mirror row
    /// waits for a write (L also reads the queues, which the stamp does not cover).
    public func needsSafetyCheck() async throws -> Bool {
        let graph = try await world.engine.graph(of: world.userID)
        let (position, edges, unlinking) = try await graph.inspect { store throws(StoreError) in
            (try store.changePosition(), try store.effectiveEdges(), try Self.unlinking(store))
        }
        let stamp = Stamp(
            store: position, edges: edges, unlinking: unlinking, fakes: world.hosts.map { $0.inspection.inspectionStamp() },
            ledger: world.ledger.withLock { $0.revision },
            accounts: world.accounts, detached: detachedAccountIDs)
        return memory.withLock { memory in
            let changed = memory.stamp != stamp
            memory.stamp = stamp
            return changed || world.transport.hasWriteLog || !memory.store.waiting.isEmpty
        }
    }
}

/// The checker's incremental view of the engine's stores differs from a full read (cross-check
/// mode): a defect of the checker, not of the engine.
public struct CheckerViewMismatch: Error, CustomStringConvertible {
    /// What differed.
    public var what: String

    public var description: String { "the checker's incremental view differs from a full read: \(what)" }
}
