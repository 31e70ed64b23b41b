/// How a top-level transaction takes its locks.
///
/// See <https://www.sqlite.org/lang_transaction.html>.
public enum TransactionKind: Sendable {
    /// `BEGIN DEFERRED`: takes no lock until the first read or write. Good for read-only work; a
    /// deferred transaction that later writes can fail with `SQLITE_BUSY` without waiting.
    case deferred
    /// `BEGIN IMMEDIATE`: takes the write lock at once (waiting up to the busy timeout). The default for
    /// writes, so that a writer never fails half-way because another writer got in first.
    case immediate
    /// `BEGIN EXCLUSIVE`: like immediate; in WAL mode it also excludes nothing more.
    case exclusive

    /// The statement that starts a transaction of this kind.
    var beginStatement: String {
        switch self {
        case .deferred: "BEGIN DEFERRED TRANSACTION"
        case .immediate: "BEGIN IMMEDIATE TRANSACTION"
        case .exclusive: "BEGIN EXCLUSIVE TRANSACTION"
        }
    }
}
