public import TMinusCore
public import TMinusSQLite

/// Why a store operation was refused. Each case says what the caller can do about it.
///
/// Nothing is written when an operation throws: every operation runs in one transaction.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The input (a delta, an edge, an event) is malformed; the field is named.
    case invalidInput(ModelError)
    /// A stored row could not be read back (unknown enum value, bad date); the table and field are named.
    case corruptRow(table: String, ModelError)
    /// The database refused the operation (I/O, constraint, busy).
    case database(SQLiteError)
    /// No such object (e.g. an unknown canonical event or account).
    case notFound(kind: String, id: String)
    /// The request would rewrite or delete an event T-Minus does not own (invariant G).
    case notOwnedByTMinus(canonicalEventID: String)
    /// The account is not linked to this user, or is already unlinked.
    case accountNotLinked(accountID: String)

    public var description: String {
        switch self {
        case .invalidInput(let error):
            return "invalid input: \(error)"
        case .corruptRow(let table, let error):
            return "stored row in '\(table)' is unreadable: \(error); restore from backup or run 'tminus check'"
        case .database(let error):
            return "database error: \(error)"
        case .notFound(let kind, let id):
            return "no \(kind) with id '\(id)'"
        case .notOwnedByTMinus(let id):
            return "event \(id) was authored at a provider; T-Minus only changes events created through T-Minus"
        case .accountNotLinked(let id):
            return "account \(id) is not linked to this user; link it first"
        }
    }
}
