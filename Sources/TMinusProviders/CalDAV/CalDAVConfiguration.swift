/// Everything the CalDAV adapter needs besides the transport, the credential and the clock: where
/// the server is, optional shortcuts past discovery, how far recurring series are expanded and how
/// often the account is polled (CalDAV has no push).
///
/// Guarantees: every value is checked at construction (programmer errors stop there), and the
/// adapter derives every URL from ``serverURL``'s origin plus server-given paths, so a server that
/// answers absolute hrefs on another host is never followed off-host.
public struct CalDAVConfiguration: Hashable, Sendable {
    /// The server's entry URL, e.g. `http://127.0.0.1:5232/` or `https://caldav.fastmail.com/`.
    /// Discovery starts with `PROPFIND` on it (current-user-principal).
    public var serverURL: String
    /// The principal path when known (skips discovery step 1), e.g. `/test/`.
    public var principalPath: String?
    /// The calendar home path when known (skips discovery steps 1 and 2), e.g. `/user/calendars/`.
    public var calendarHomePath: String?
    /// How often the engine should run an incremental round (there is no push).
    public var pollInterval: Duration
    /// When a full listing has no window start, recurring series are expanded from this far
    /// before the adapter's clock (single events are then not filtered at all).
    public var defaultExpansionPast: Duration
    /// When a full listing has no window end, recurring series are expanded up to this far after
    /// the adapter's clock.
    public var defaultExpansionFuture: Duration
    /// Hrefs per `calendar-multiget` when a server returns no calendar-data in sync-collection.
    public var multigetBatchSize: Int
    /// A sync that is still truncated (507) after this many rounds is reported as malformed.
    public var maximumSyncRounds: Int
    /// The IANA zone floating times are read in (nil: UTC).
    public var floatingTimeZone: String?

    /// Creates a configuration.
    /// - Precondition: `serverURL` is an absolute http(s) URL, sizes and intervals are positive.
    public init(
        serverURL: String, principalPath: String? = nil, calendarHomePath: String? = nil,
        pollInterval: Duration = .seconds(300), defaultExpansionPast: Duration = .seconds(30 * 86_400),
        defaultExpansionFuture: Duration = .seconds(400 * 86_400), multigetBatchSize: Int = 100,
        maximumSyncRounds: Int = 1_000, floatingTimeZone: String? = nil
    ) {
        precondition(URLParts(serverURL) != nil, "serverURL must be an absolute http(s) URL: \(serverURL)")
        precondition(pollInterval > .zero, "pollInterval must be positive")
        precondition(
            defaultExpansionPast >= .zero && defaultExpansionFuture > .zero, "expansion horizons must be positive")
        precondition(multigetBatchSize > 0 && maximumSyncRounds > 0, "batch size and round limit must be positive")
        self.serverURL = serverURL
        self.principalPath = principalPath
        self.calendarHomePath = calendarHomePath
        self.pollInterval = pollInterval
        self.defaultExpansionPast = defaultExpansionPast
        self.defaultExpansionFuture = defaultExpansionFuture
        self.multigetBatchSize = multigetBatchSize
        self.maximumSyncRounds = maximumSyncRounds
        self.floatingTimeZone = floatingTimeZone
    }

    /// `scheme://host[:port]` of ``serverURL``: every request goes there.
    public var origin: String {
        guard let parts = URLParts(serverURL) else { return serverURL }
        return parts.scheme + "://" + parts.host
    }

    /// The decoded path of ``serverURL`` (`/` when it has none).
    public var serverPath: String { DAVHref.normalize(URLParts(serverURL)?.path ?? "/") }

    /// The absolute URL of a decoded server path.
    public func url(forPath path: String) -> String { origin + DAVHref.encode(path: path) }
}
