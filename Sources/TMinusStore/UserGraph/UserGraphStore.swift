public import TMinusCore
public import TMinusSQLite

/// One user's calendar graph over its own SQLite database: the canonical truth every mirror
/// projects from.
///
/// Guarantees:
/// - Every public operation runs in one IMMEDIATE transaction: its canonical rows, journal entries,
///   mirror rows and outbox entries commit together or not at all (invariant L).
/// - Canonical IDs are made once and never change; `(origin account, origin event)` maps to one
///   canonical event for its whole life (invariant B). Canonical rows are never hard-deleted.
/// - Every canonical mutation appends a journal entry; the journal table refuses UPDATE/DELETE (I).
/// - Managed mirrors are never ingested as origins (E); deletes need positive evidence (G).
///
/// It is a non-Sendable class confined to its owner: the engine's `UserGraph` actor serializes
/// access per user.
public final class UserGraphStore {
    /// The user this graph belongs to.
    public let userID: String
    let database: StoreDatabase
    let environment: Environment
    /// The policy as last read (see ``PolicyView``).
    var policy: PolicyView?
    /// Projection hashes of unchanged events, remembered between reprojections (pure; see
    /// ``ProjectionHashMemo``).
    var projectionMemo = ProjectionHashMemo()
    /// Hashes of what providers showed of our mirrors, remembered per mirror (pure; see
    /// ``ObservedHashMemo``).
    var observedHashMemo = ObservedHashMemo()
    /// Where the last reprojection left the graph, once it committed (see ``ReprojectionInputs``).
    var lastReprojection: ReprojectionInputs?
    /// ``linkedAccounts()`` as last read, while nothing in the graph changed (``StampedValue``).
    var linkedAccountsMemo = StampedValue<[(accountID: String, provider: ProviderKind, status: String)]>()

    /// Opens (creating and migrating if needed) the graph at `path` (`:memory:` for tests) with
    /// `options`.
    /// - Throws: ``StoreError/database(_:)`` when the file cannot be opened or migrated.
    public init(
        userID: String, path: String, environment: Environment, options: ConnectionOptions = .standard
    ) throws(StoreError) {
        self.userID = userID
        self.environment = environment
        database = try StoreDatabase(path: path, migrator: UserGraphSchema.migrator, options: options)
    }

    /// Drops the connection the way a killed process would (no checkpoint, nothing more written);
    /// the store must not be used afterwards.
    public func abandonForCrashTest() { database.abandonForCrashTest() }

    var db: Connection { database.connection }

    /// The connection, for tests that assert on raw rows or simulate a crash.
    public var connection: Connection { db }

    func write<T>(_ body: () throws -> T) throws(StoreError) -> T { try database.write(body) }

    func read<T>(_ body: () throws -> T) throws(StoreError) -> T { try database.read(body) }

    var now: Timestamp { environment.clock.now() }
}

/// Confined to one owner (the `UserGraph` actor or a test); never shared across tasks.
@available(*, unavailable)
extension UserGraphStore: Sendable {}

extension StoreError {
    /// Maps any error thrown inside a store transaction to a ``StoreError``.
    static func wrap(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError: return error
        case let error as SQLiteError: return .database(error)
        case let error as ModelError: return .invalidInput(error)
        default: return .database(SQLiteError(code: .error, message: "unexpected error: \(error)", sql: nil))
        }
    }
}
