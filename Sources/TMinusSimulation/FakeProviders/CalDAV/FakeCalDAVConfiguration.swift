public import TMinusCore

/// Every knob of the fake CalDAV server. Behaviour both recorded servers share is fixed; where they
/// differ, ``dialect`` chooses; the §5 fault rows that apply to CalDAV (40–51) are switched on here.
/// Values marked [I] are our choice where no server or RFC fixes one.
public struct FakeCalDAVConfiguration: Sendable {
    /// Which server to imitate where Radicale and Xandikos differ.
    public var dialect: CalDAVDialect = .radicale
    /// The host the server answers on (register it on the transport under this name).
    public var host = "caldav.example.test"
    /// `https` or `http`: only the URLs the fake hands out use it.
    public var scheme = "https"

    /// Requests per user per minute before 429 / 503 [I]; nil for no limit.
    public var requestsPerMinute: Int? = nil
    /// The status of a throttled request: 429 (Nextcloud) or 503 (iCloud) (fault row 49).
    public var throttleStatus = 429
    /// Probability a throttled answer carries `Retry-After` (iCloud does not always) [I].
    public var retryAfterChance: Ratio = .always
    /// Injected protocol-level faults, evaluated in order (fault row 49 bursts).
    public var faults: [CalDAVFaultRule] = []

    /// A sync token older than this (server clock) is refused (Radicale's `max_sync_token_age`
    /// default is 30 days); nil: tokens live forever.
    public var syncTokenLifetime: Duration? = .seconds(2_592_000)
    /// Instants (server clock) at which every token minted earlier becomes invalid.
    public var syncTokenInvalidations: [Timestamp] = []
    /// Probability that an incremental sync finds its token invalidated (fault row 40) [I].
    public var syncTokenInvalidationChance: Ratio = .never
    /// When set, a sync answer with more members than this is truncated with a 507 response on the
    /// collection and a token for the partial state (RFC 6578 §3.6, fault row 41; Google's CalDAV
    /// truncates at about 230).
    public var syncTruncation: Int? = nil
    /// When true, a sync-collection carrying `DAV:limit` fails as a whole with 507
    /// `number-of-matches-within-limits` (fault row 42) instead of the dialect's handling.
    public var rejectsSyncLimit = false
    /// When true, the collection itself is listed among sync changes with its ETag (iCloud, fault
    /// row 48).
    public var listsCollectionInSync = false
    /// Probability a PUT answer carries no `ETag` (a server that normalised the data, fault row 47).
    public var omitETagChance: Ratio = .never
    /// Radicale stores a TEXT value with unescaped `,` cut at the first comma (caldav-servers.md 4g);
    /// on by default in the Radicale dialect, never in Xandikos.
    public var truncatesUnescapedText = true

    /// The defaults (Radicale dialect).
    public init() {}

    /// The defaults of `dialect`.
    public init(dialect: CalDAVDialect) {
        self.dialect = dialect
        truncatesUnescapedText = dialect == .radicale
        if dialect == .xandikos { scheme = "http" }
    }

    /// `scheme://host`, the base every URL of the fake starts with.
    public var origin: String { "\(scheme)://\(host)" }
}
