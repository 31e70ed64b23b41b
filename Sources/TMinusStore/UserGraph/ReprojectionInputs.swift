import TMinusCore

/// Everything a whole reprojection (``UserGraphStore/reprojectEverything()``) reads: the canonical
/// event and mirror rows, identified by their tables' highest change sequences, and the effective
/// policy edges and active accounts.
///
/// Why equal inputs mean equal content: every insert or update of those rows gives the row a
/// sequence above its table's highest (``UserGraphChangeSequence``'s triggers), and no row of them
/// is ever deleted, so while both highest sequences stand still the rows are the ones read before
/// (a rolled-back change leaves the same rows too). A reprojection is a function of these inputs
/// (it reads neither the clock nor anything else when it writes nothing), so a run over inputs equal
/// to those of a run that wrote nothing writes nothing either.
struct ReprojectionInputs: Equatable {
    var events: Int64
    var mirrors: Int64
    var edges: [PolicyEdge]
    var active: [String]
}
