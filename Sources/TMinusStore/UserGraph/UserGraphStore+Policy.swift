public import TMinusCore
import TMinusSQLite

extension UserGraphStore {
    /// The ID of the default policy, created on first use.
    static let defaultPolicyName = "Default Policy"

    func ensureDefaultPolicy() throws -> String {
        if let id = try db.scalar("SELECT policy_id FROM policies WHERE is_default = 1", as: String.self) { return id }
        let id = environment.ids.make(.policy)
        try db.execute(
            "INSERT INTO policies VALUES (?, ?, 1, ?)",
            [.text(id), .text(Self.defaultPolicyName), .integer(now.nanosecondsSinceEpoch)])
        return id
    }

    /// The default policy's ID (creating it if needed).
    public func defaultPolicyID() throws(StoreError) -> String {
        try write { try ensureDefaultPolicy() }
    }

    /// Replaces the default policy's edges and converges (engine rule 8): added edges project
    /// existing events, removed edges delete their mirrors at the provider, and a changed detail
    /// level rewrites them. Journals the change.
    /// - Returns: the number of outbox entries written.
    /// - Throws: ``StoreError/invalidInput(_:)`` naming `edges[i].field` for a self-loop or duplicate,
    ///   ``StoreError/accountNotLinked(accountID:)`` for an edge naming an unknown account.
    @discardableResult
    public func setPolicyEdges(_ edges: [PolicyEdge]) throws(StoreError) -> Int {
        for (index, edge) in edges.enumerated() {
            do { try edge.validate(field: "edges[\(index)]") } catch { throw .invalidInput(error) }
            if edges[..<index].contains(where: {
                $0.fromAccountID == edge.fromAccountID && $0.toAccountID == edge.toAccountID
            }) {
                throw .invalidInput(
                    .invalidField(
                        field: "edges[\(index)]", value: "\(edge.fromAccountID)→\(edge.toAccountID)",
                        expected: "each (from, to) pair at most once"))
            }
        }
        return try write {
            for account in Set(edges.flatMap { [$0.fromAccountID, $0.toAccountID] }).sorted()
            where try !isLinked(account) {
                throw StoreError.accountNotLinked(accountID: account)
            }
            let policyID = try ensureDefaultPolicy()
            try db.execute("DELETE FROM policy_edges WHERE policy_id = ?", [.text(policyID)])
            for edge in edges.sorted() {
                try db.execute(
                    "INSERT INTO policy_edges VALUES (?, ?, ?, ?, ?)",
                    [
                        .text(policyID), .text(edge.fromAccountID), .text(edge.toAccountID),
                        .text(edge.detail.rawValue), .text(edge.kind.rawValue),
                    ])
            }
            try journal(
                .policyChanged, event: nil, actor: "tminus",
                patch: .object([
                    "edges": .array(
                        edges.sorted().map {
                            .object([
                                "from": .string($0.fromAccountID), "to": .string($0.toAccountID),
                                "detail": .string($0.detail.rawValue), "kind": .string($0.kind.rawValue),
                            ])
                        })
                ]), reason: "policy edges replaced")
            return try reprojectAll()
        }
    }
}
