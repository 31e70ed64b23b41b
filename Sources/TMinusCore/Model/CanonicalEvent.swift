/// The one record per real-world event in a user's graph: the truth every mirror projects from.
///
/// Its `id` is made once and never changes (invariant B); `(originAccountID, originEventID)` maps
/// to exactly one canonical event for its whole life. `version` increases with every mutation.
public struct CanonicalEvent: Hashable, Sendable {
    /// `evt_` + ULID.
    public var id: String
    /// The account whose calendar holds the origin, or ``CanonicalEvent/internalOrigin`` for
    /// events created through T-Minus.
    public var originAccountID: String
    /// The provider calendar of the origin.
    public var originCalendarID: String
    /// The provider's identity of the origin (instance identity for recurring instances).
    public var originEventID: String
    public var content: EventContent
    public var source: EventSource
    public var version: Int64
    public var authority: AuthorityMarkers
    /// Set when the origin was deleted (positive evidence) or the user deleted it via T-Minus.
    public var isDeleted: Bool
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    /// The pseudo origin account of events created through T-Minus (API/MCP/system).
    public static let internalOrigin = "tminus"

    /// Creates a canonical event.
    public init(
        id: String, originAccountID: String, originCalendarID: String, originEventID: String,
        content: EventContent, source: EventSource, version: Int64, authority: AuthorityMarkers,
        isDeleted: Bool, createdAt: Timestamp, updatedAt: Timestamp
    ) {
        self.id = id
        self.originAccountID = originAccountID
        self.originCalendarID = originCalendarID
        self.originEventID = originEventID
        self.content = content
        self.source = source
        self.version = version
        self.authority = authority
        self.isDeleted = isDeleted
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// True when this event should have mirrors at all (not deleted, not cancelled).
    public var isProjectable: Bool { !isDeleted && content.status != .cancelled }

    /// True when the user created the event through T-Minus (API, MCP, the engine): internal, or a
    /// write-through origin in a provider account. Only such events may T-Minus change or delete at
    /// their origin, and only when asked (invariant G).
    public var isTMinusAuthored: Bool { source != .provider }

    /// True for an origin the user created through T-Minus in a provider account (flow B write-through).
    public var isWriteThrough: Bool { isTMinusAuthored && originAccountID != Self.internalOrigin }
}
