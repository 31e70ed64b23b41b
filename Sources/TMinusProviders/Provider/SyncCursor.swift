/// An opaque position in one calendar's change stream: Google's `nextSyncToken`, Graph's whole
/// `@odata.deltaLink`, a CalDAV `DAV:sync-token`.
///
/// Callers store and hand it back unchanged; only the adapter that minted it interprets it.
/// Cursors are per calendar (engine rule 7) and advance only after the deltas they cover are
/// committed. The description shows the length only: tokens may embed account state.
public struct SyncCursor: Hashable, Sendable, CustomStringConvertible {
    /// The provider's token text, exactly as received.
    public let rawValue: String

    /// Wraps a stored token.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { "SyncCursor(\(rawValue.utf8.count) bytes)" }
}

/// The opaque version of one provider resource: a Google etag, a Graph `changeKey`/`@odata.etag`,
/// a CalDAV `getetag`. Sent back as the precondition of a conditional write.
public struct ResourceVersion: Hashable, Sendable, CustomStringConvertible {
    /// The version text exactly as the provider sent it (quotes included for etags).
    public let rawValue: String

    /// Wraps a version string.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}

/// Where one provider event lives: its calendar and its provider identity (Google event ID, Graph
/// immutable ID, CalDAV resource href). For recurring instances the ID is the instance's own.
public struct EventAddress: Hashable, Sendable, CustomStringConvertible {
    /// The provider calendar ID (Google calendar ID, Graph calendar ID, CalDAV collection href).
    public var calendarID: String
    /// The provider event ID within that calendar.
    public var eventID: String

    /// Creates an address.
    public init(calendarID: String, eventID: String) {
        self.calendarID = calendarID
        self.eventID = eventID
    }

    public var description: String { "\(calendarID)/\(eventID)" }
}

/// The identity of a mirror to create: one canonical event projected into one target account.
///
/// Each adapter derives its idempotency handle from it (Google: a client-supplied base32hex event
/// ID; Graph: `transactionId`; CalDAV: a deterministic resource name with `If-None-Match: *`), so a
/// create retried after a lost response finds the first one instead of duplicating it (rule 6).
public struct MirrorKey: Hashable, Sendable {
    public var canonicalEventID: String
    public var targetAccountID: String

    /// Creates a key.
    public init(canonicalEventID: String, targetAccountID: String) {
        self.canonicalEventID = canonicalEventID
        self.targetAccountID = targetAccountID
    }
}

/// The version condition of a write: unconditional, or only if the resource is still at a version.
public enum WritePrecondition: Hashable, Sendable {
    /// Write whatever the current version is.
    case none
    /// Write only if the resource is still at this version (`If-Match`); otherwise the call fails
    /// with ``ProviderError/preconditionFailed(_:)``.
    case ifMatch(ResourceVersion)
}
