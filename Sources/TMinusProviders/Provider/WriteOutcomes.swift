public import TMinusCore

/// A provider event after a successful create or update.
public struct WrittenEvent: Hashable, Sendable {
    public var address: EventAddress
    /// The new version, for the next conditional write.
    public var version: ResourceVersion?
    /// The server's modification stamp, when given.
    public var updatedAt: Timestamp?

    /// Creates a value.
    public init(address: EventAddress, version: ResourceVersion?, updatedAt: Timestamp? = nil) {
        self.address = address
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// How a create ended. A create is identity-keyed (``MirrorKey``), so retrying it is safe.
public struct CreateOutcome: Hashable, Sendable {
    /// What happened at the provider.
    public enum Disposition: String, Hashable, Sendable {
        /// A new event was created.
        case created
        /// The event already existed with our markers and the projected content (a retried
        /// create whose first response was lost): adopted as is.
        case adopted
        /// The event already existed with our markers but stale content (or was cancelled): it
        /// was adopted and rewritten to the projection.
        case adoptedAndRewritten
    }

    public var event: WrittenEvent
    public var disposition: Disposition

    /// Creates a value.
    public init(event: WrittenEvent, disposition: Disposition) {
        self.event = event
        self.disposition = disposition
    }
}

/// How a delete ended; both cases mean the event is gone (engine rule 4).
public enum DeleteOutcome: String, Hashable, Sendable {
    /// This call deleted it.
    case deleted
    /// It was already gone (404, or Google's 410 `deleted`).
    case alreadyGone
}
