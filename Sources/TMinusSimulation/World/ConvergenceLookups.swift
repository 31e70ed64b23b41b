import TMinusCore
import TMinusStore

/// What the convergence check (M) looks up per account and event, indexed once per check instead
/// of searched linearly per lookup (the check ran in time quadratic in the user's events).
///
/// Each lookup answers exactly what the linear search it replaces answered: the first matching
/// edge and mirror in the stores' order, and whether any live canonical event has the origin.
struct ConvergenceLookups {
    private struct Pair: Hashable {
        var first: String
        var second: String
    }

    private var edges: [Pair: PolicyEdge] = [:]
    private var mirrorStates: [Pair: MirrorState] = [:]
    /// Per origin account, the origin event IDs of live canonical events, and every prefix of one
    /// that ends just before a "_" or "#": a recurring series reaches the engine as its instances
    /// ("<series>_<start>", Google's expanded form; "<uid>#<recurrence-id>" from CalDAV), so any
    /// live instance stands for the series.
    private var liveOrigins: Set<Pair> = []
    /// The first live canonical event of each (origin account, origin event ID), exactly.
    private var liveByOrigin: [Pair: CanonicalEvent] = [:]

    init(events: [CanonicalEvent], edges: [PolicyEdge], mirrors: [MirrorRecord]) {
        for edge in edges {
            let key = Pair(first: edge.fromAccountID, second: edge.toAccountID)
            if self.edges[key] == nil { self.edges[key] = edge }
        }
        for mirror in mirrors {
            let key = Pair(first: mirror.canonicalEventID, second: mirror.targetAccountID)
            if mirrorStates[key] == nil { mirrorStates[key] = mirror.state }
        }
        for event in events where !event.isDeleted {
            let id = event.originEventID
            liveOrigins.insert(Pair(first: event.originAccountID, second: id))
            if liveByOrigin[Pair(first: event.originAccountID, second: id)] == nil {
                liveByOrigin[Pair(first: event.originAccountID, second: id)] = event
            }
            for index in id.utf8.indices where Self.separatesInstance(id.utf8[index]) {
                liveOrigins.insert(Pair(first: event.originAccountID, second: String(id[..<index])))
            }
        }
    }

    /// The first policy edge from `source` to `target`.
    func edge(from source: String, to target: String) -> PolicyEdge? { edges[Pair(first: source, second: target)] }

    /// The state of the first mirror of `canonicalEventID` in `account`, nil when there is none.
    func mirrorState(of canonicalEventID: String, in account: String) -> MirrorState? {
        mirrorStates[Pair(first: canonicalEventID, second: account)]
    }

    /// True when a live canonical event of `account` has `origin` as its origin event, or is an
    /// instance of the series `origin`.
    func hasLiveCanonical(origin: String, in account: String) -> Bool {
        liveOrigins.contains(Pair(first: account, second: origin))
    }

    /// The first live canonical event whose origin is exactly `origin` of `account` (not an
    /// instance of it), nil when there is none.
    func liveCanonical(origin: String, in account: String) -> CanonicalEvent? {
        liveByOrigin[Pair(first: account, second: origin)]
    }

    private static func separatesInstance(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "_") || byte == UInt8(ascii: "#") }
}
