/// A provider write the user graph asks for, as carried by the outbox and the write queue.
///
/// Commands are produced in the same transaction as the state change that needs them and are
/// idempotent: the write consumer checks the mirror row's state and hash before acting, and a stale
/// command (hash no longer the row's) is dropped (engine rule 6).
public enum MirrorCommand: Hashable, Sendable {
    /// Create or replace the mirror of a canonical event in a target account.
    case upsert(UpsertMirror)
    /// Delete our mirror from a target account.
    case delete(DeleteMirror)

    /// The canonical event the command is about.
    public var canonicalEventID: String {
        switch self {
        case .upsert(let u): return u.canonicalEventID
        case .delete(let d): return d.canonicalEventID
        }
    }

    /// The account written to.
    public var targetAccountID: String {
        switch self {
        case .upsert(let u): return u.targetAccountID
        case .delete(let d): return d.targetAccountID
        }
    }

    /// The command's idempotency key.
    public var idempotencyKey: String {
        switch self {
        case .upsert(let u): return u.idempotencyKey
        case .delete(let d): return d.idempotencyKey
        }
    }
}

/// Upsert of one mirror with its full projected payload.
public struct UpsertMirror: Hashable, Sendable {
    public var canonicalEventID: String
    public var targetAccountID: String
    /// Nil means "the target account's calendar for this kind" (decided at write time).
    public var targetCalendarID: String?
    public var projection: Projection
    public var idempotencyKey: String

    /// Creates the command for `projection` into `targetAccountID`.
    public init(projection: Projection, targetAccountID: String, targetCalendarID: String?) {
        self.init(
            projection: projection, targetAccountID: targetAccountID, targetCalendarID: targetCalendarID,
            storedKey: projection.idempotencyKey(targetAccountID: targetAccountID))
    }

    /// A command with a key already known: read back as stored (decoding must not hash it again),
    /// or just computed by the public initializer.
    init(projection: Projection, targetAccountID: String, targetCalendarID: String?, storedKey: String) {
        self.canonicalEventID = projection.payload.markers.canonicalEventID
        self.targetAccountID = targetAccountID
        self.targetCalendarID = targetCalendarID
        self.projection = projection
        self.idempotencyKey = storedKey
    }
}

/// Delete of one mirror. `providerEventID` is nil when the create may still be in flight; the writer
/// then resolves the deterministic provider identity or searches by marker.
public struct DeleteMirror: Hashable, Sendable {
    public var canonicalEventID: String
    public var targetAccountID: String
    public var targetCalendarID: String?
    public var providerEventID: String?
    public var idempotencyKey: String

    /// Creates the command; the key hashes `delete:<provider event id>`.
    public init(canonicalEventID: String, targetAccountID: String, targetCalendarID: String?, providerEventID: String?)
    {
        self.init(
            canonicalEventID: canonicalEventID, targetAccountID: targetAccountID, targetCalendarID: targetCalendarID,
            providerEventID: providerEventID,
            storedKey: ProjectionCompiler.idempotencyKey(
                canonicalEventID: canonicalEventID, targetAccountID: targetAccountID,
                projectedHash: "delete:" + (providerEventID ?? "")))
    }

    /// A command with a key already known: read back as stored (decoding must not hash it again),
    /// or just computed by the public initializer.
    init(
        canonicalEventID: String, targetAccountID: String, targetCalendarID: String?, providerEventID: String?,
        storedKey: String
    ) {
        self.canonicalEventID = canonicalEventID
        self.targetAccountID = targetAccountID
        self.targetCalendarID = targetCalendarID
        self.providerEventID = providerEventID
        self.idempotencyKey = storedKey
    }
}
