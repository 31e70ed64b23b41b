import TMinusCore

/// Where a reprojection (``UserGraphStore/reprojectEverything()``) left the graph when it
/// committed: the canonical event and mirror tables' highest change sequences after its writes,
/// and the effective policy edges and active accounts it applied.
///
/// Why the next run may re-derive only the events written after this position, or with a mirror
/// row written after it, while the edges and active accounts are unchanged:
/// - re-deriving an event is a function of its row, its mirror rows, the edges and the active
///   accounts only (it reads no clock unless it writes), and it is idempotent: right after a run,
///   re-deriving any event writes nothing (each write leaves the row PENDING with the projection's
///   hash, or DELETING, which the next derivation leaves alone);
/// - every insert or update of those rows gives the row a sequence above its table's highest
///   (``UserGraphChangeSequence``'s triggers), no row of them is ever deleted, and this position was
///   committed, so any row written later, by any transaction, has a higher sequence (a rolled-back
///   write leaves the rows and the highest sequence as they were).
/// So an event with no newer row of its own or of its mirrors would get nothing, as after the run.
struct ReprojectionInputs: Equatable {
    var events: Int64
    var mirrors: Int64
    var edges: [PolicyEdge]
    var active: [String]
}
