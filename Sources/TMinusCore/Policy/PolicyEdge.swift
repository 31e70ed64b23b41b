/// One directed edge of a user's policy graph: events originating in `fromAccountID` are projected
/// into `toAccountID` at `detail` on a calendar of `kind`. No edge, no projection (invariant H).
public struct PolicyEdge: Hashable, Sendable, Comparable {
    public var fromAccountID: String
    public var toAccountID: String
    public var detail: DetailLevel
    public var kind: CalendarKind

    /// Creates an edge.
    public init(from: String, to: String, detail: DetailLevel = .busy, kind: CalendarKind = .busyOverlay) {
        self.fromAccountID = from
        self.toAccountID = to
        self.detail = detail
        self.kind = kind
    }

    /// Rejects self-loops and empty account IDs, naming the field.
    public func validate(field prefix: String) throws(ModelError) {
        if fromAccountID.isEmpty { throw .missingField(field: prefix + ".from") }
        if toAccountID.isEmpty { throw .missingField(field: prefix + ".to") }
        if fromAccountID == toAccountID {
            throw .invalidField(field: prefix + ".to", value: toAccountID, expected: "an account other than 'from'")
        }
    }

    /// Edges order by (from, to) so every iteration over a policy is deterministic.
    public static func < (a: PolicyEdge, b: PolicyEdge) -> Bool {
        (a.fromAccountID, a.toAccountID) < (b.fromAccountID, b.toAccountID)
    }

    /// The default policy for a set of accounts: every ordered pair, BUSY onto the overlay calendar.
    public static func allPairsBusy(_ accounts: [String]) -> [PolicyEdge] {
        let sorted = accounts.sorted()
        return sorted.flatMap { from in sorted.filter { $0 != from }.map { PolicyEdge(from: from, to: $0) } }
    }
}
