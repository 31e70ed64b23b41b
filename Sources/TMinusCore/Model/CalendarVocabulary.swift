/// How much of an origin event a mirror reveals. Ordered: `busy` < `title` < `full`.
public enum DetailLevel: String, CaseIterable, Comparable, Sendable {
    /// Start, end, transparency and markers only; the title reads "Busy".
    case busy = "BUSY"
    /// Adds the origin's title.
    case title = "TITLE"
    /// Adds the description and location.
    case full = "FULL"

    var rank: Int { self == .busy ? 0 : (self == .title ? 1 : 2) }
    public static func < (a: DetailLevel, b: DetailLevel) -> Bool { a.rank < b.rank }
}

/// Where a projection lands in the target account: a dedicated overlay calendar of busy blocks,
/// or the account's own calendar as a true mirror. It changes the projected hash, not the payload.
public enum CalendarKind: String, CaseIterable, Sendable {
    /// The "External Busy (T-Minus)" overlay calendar.
    case busyOverlay = "BUSY_OVERLAY"
    /// A copy in the target's primary calendar.
    case trueMirror = "TRUE_MIRROR"
}

/// The calendar providers T-Minus federates.
public enum ProviderKind: String, CaseIterable, Sendable {
    /// Google Calendar API v3.
    case google
    /// Microsoft Graph calendar.
    case microsoft
    /// CalDAV (RFC 4791) servers.
    case caldav
}

/// Lifecycle of one mirror row; see ``MirrorTransition`` for the allowed moves.
public enum MirrorState: String, CaseIterable, Sendable {
    /// A write is wanted (new, or the projection changed) and not yet confirmed.
    case pending = "PENDING"
    /// The provider holds exactly the last projected payload.
    case active = "ACTIVE"
    /// A delete is wanted and not yet confirmed.
    case deleting = "DELETING"
    /// The provider copy is gone (terminal).
    case deleted = "DELETED"
    /// A human deleted the mirror at the target; it is not recreated unless asked (terminal).
    case tombstoned = "TOMBSTONED"
    /// A permanent write error; retryable by replay.
    case error = "ERROR"

    /// True for states after which no provider copy is expected to exist.
    public var isTerminal: Bool { self == .deleted || self == .tombstoned }
}

/// Canonical event status.
public enum EventStatus: String, CaseIterable, Sendable {
    case confirmed, tentative, cancelled
}

/// Who may see an event's details at its origin.
public enum EventVisibility: String, CaseIterable, Sendable {
    case `default`, `public`, `private`, confidential

    /// Private and confidential origins never project more than BUSY (engine rule 5).
    public var restrictsProjection: Bool { self == .private || self == .confidential }
}

/// Whether an event blocks time.
public enum EventTransparency: String, CaseIterable, Sendable {
    case opaque, transparent
}

/// Where a canonical event came from.
public enum EventSource: String, CaseIterable, Sendable {
    /// Read from a provider account (an origin event there).
    case provider
    /// Created through the T-Minus API.
    case api
    /// Created through the MCP server.
    case mcp
    /// Created by the engine itself (e.g. a committed scheduling session).
    case system
}
