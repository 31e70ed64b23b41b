/// What a queue message asks its consumer to do: the `type` field of the seed's queue contracts.
///
/// The set is open (a new message type needs no change here); the seed's types have constants,
/// spelled exactly as in the queue contracts so traces and payloads read the same everywhere.
public struct MessageType: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The type as stored and traced, e.g. `"UPSERT_MIRROR"`.
    public let rawValue: String

    /// Creates a type.
    /// - Precondition: `rawValue` is not empty (a programmer error).
    public init(rawValue: String) {
        precondition(!rawValue.isEmpty, "a message type must not be empty")
        self.rawValue = rawValue
    }

    /// Creates a type (shorthand for ``init(rawValue:)``).
    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    /// Read one account's changes since its cursor (webhook ping or poll); queue `sync`.
    public static let syncIncremental = MessageType("SYNC_INCREMENTAL")
    /// List one account from scratch (onboarding, reconcile, expired sync token); queue `sync`.
    public static let syncFull = MessageType("SYNC_FULL")
    /// Create or replace one mirror at a provider; queue `write`.
    public static let upsertMirror = MessageType("UPSERT_MIRROR")
    /// Delete one of our mirrors at a provider; queue `write`.
    public static let deleteManagedMirror = MessageType("DELETE_MANAGED_MIRROR")
    /// Compare one account with canonical state and repair it; queue `reconcile`.
    public static let reconcileAccount = MessageType("RECONCILE_ACCOUNT")

    public var description: String { rawValue }

    public static func < (lhs: MessageType, rhs: MessageType) -> Bool { lhs.rawValue < rhs.rawValue }
}
