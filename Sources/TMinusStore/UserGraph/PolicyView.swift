import TMinusCore
import TMinusSQLite

/// The effective policy edges and active accounts of a user graph as last read, and the state of
/// the database they were read in.
///
/// Nearly every write (each batch of provider deltas, each reprojection) needs the policy, which
/// changes rarely, so the store remembers it instead of reading and decoding both tables each time.
/// It is read again when `policy_version` differs (triggers bump it in the transaction that changes
/// `policy_edges` or `linked_accounts`, whoever makes the change) or when the connection rolled a
/// transaction or savepoint back since (``Connection/rollbackCount``: a rollback can bring an earlier
/// version number back, and a later change the same number with different rows).
/// When the connection owns the file alone, the view is used without reading the counter while the
/// connection's ``Connection/changeStamp`` is the one it was last confirmed at (nothing changed since).
/// So it always equals what reading the tables in the current transaction would give.
struct PolicyView {
    var version: Int64
    var rollbacks: Int
    var confirmedAt: ChangeStamp?
    var edges: [PolicyEdge]
    var active: [String]
}

extension UserGraphStore {
    /// The policy as the current transaction sees it, read again only when it may have changed.
    func policyView() throws -> PolicyView {
        let stamp = db.changeStamp
        if let policy, let stamp, policy.confirmedAt == stamp { return policy }
        let version = try db.scalar("SELECT version FROM policy_version WHERE id = 1", as: Int64.self) ?? -1
        let rollbacks = db.rollbackCount
        if var policy, policy.version == version, policy.rollbacks == rollbacks {
            policy.confirmedAt = stamp
            self.policy = policy
            return policy
        }
        let view = PolicyView(
            version: version, rollbacks: rollbacks, confirmedAt: stamp, edges: try readEffectiveEdges(),
            active: try readActiveAccountIDs())
        policy = view
        return view
    }
}
