public import TMinusCore

/// The CalDAV adapter (RFC 4791 + RFC 6578): a ``CalendarProvider`` for one account on a CalDAV
/// server (Radicale, Xandikos, iCloud, Fastmail, Nextcloud, …), with HTTP Basic credentials.
///
/// - Discovery: `current-user-principal` → `calendar-home-set` → the home's calendars (PROPFIND
///   Depth 1), each with its `getctag`, `sync-token`, component set and privileges.
/// - Sync: a full listing reads the `sync-token` (PROPFIND), then every event in one
///   `calendar-query`; incremental rounds are `sync-collection` with that token inside a
///   ``CalDAVCursor``: `404` members are deletions, `507` truncation is followed with the returned
///   token, an invalid token is ``ProviderError/cursorInvalid(_:)``; bodies a server leaves out
///   (Xandikos) come by calendar-multiget. `DAV:limit` is never sent.
/// - Identity: events are keyed by `UID` (instances by `UID#RECURRENCE-ID`, see ``CalDAVEventID``),
///   never by href; series are expanded within the listing window (engine rule 13).
/// - Writes: mirrors are PUT to a resource name derived from their ``MirrorKey`` with
///   `If-None-Match: *` (412 → the existing resource is adopted when it is ours), updates and
///   deletes carry `If-Match` (412 → ``ProviderError/preconditionFailed(_:)``); a write answered
///   without a strong ETag is followed by a PROPFIND for it.
/// - No push: ``pushSupport`` is ``PushSupport/pollOnly``; poll every ``pollInterval``.
///
/// Thread-safe, and stateless but for a memo: everything it must remember between rounds lives in
/// the cursor (``CalDAVCursorMemo`` only remembers the last cursor text's decoded value).
/// The injected clock is read only for DTSTAMP and default expansion windows, never as a sync
/// watermark (fault row 51).
public struct CalDAVCalendarProvider: CalendarProvider {
    public let configuration: CalDAVConfiguration
    let exchange: AuthorizedExchange
    let clock: any WallClock
    let trace: any TraceSink
    /// The cursor texts last written, per collection (``CalDAVCursorMemo``): a quiet poll neither
    /// decodes nor encodes the member index again.
    let cursorMemo = CalDAVCursorMemo()

    /// Creates the adapter for one account.
    /// - Parameters:
    ///   - transport: the HTTP seam (simulated or live).
    ///   - credentials: usually a ``FixedCredentialSource`` with ``ProviderCredential/basic(user:password:)``.
    ///   - clock: the injected clock (DTSTAMP of written mirrors, default expansion windows).
    ///   - trace: where skipped unreadable resources are reported (no event data is written).
    public init(
        transport: any HTTPTransport, credentials: any CredentialSource, configuration: CalDAVConfiguration,
        clock: any WallClock, trace: any TraceSink = NullTraceSink()
    ) {
        self.configuration = configuration
        self.clock = clock
        self.trace = trace
        exchange = AuthorizedExchange(
            provider: .caldav, transport: transport, credentials: credentials,
            mapError: { response, operation in CalDAVErrorMapper.map(response, operation: operation) })
    }

    public var kind: ProviderKind { .caldav }

    /// CalDAV has no push: the engine polls every ``pollInterval``.
    public var pushSupport: PushSupport { .pollOnly }

    /// How often to run an incremental round for each calendar of this account.
    public var pollInterval: Duration { configuration.pollInterval }

    // MARK: - Calendars

    public func listCalendars() async throws(ProviderError) -> [ProviderCalendar] {
        let collections = try await self.collections()
        let primary = Self.primaryPath(collections)
        return collections.map { $0.calendar(isPrimary: $0.path == primary) }
    }

    /// The calendar collections of the home that can hold events, sorted by path.
    public func collections() async throws(ProviderError) -> [CalDAVCollection] {
        try await collections(home: try await calendarHome())
    }

    /// One collection's current `getctag` and `sync-token` (PROPFIND Depth 0): a poller whose
    /// stored ctag still matches can skip the round.
    public func collection(calendarID: String) async throws(ProviderError) -> CalDAVCollection {
        let path = Self.collectionPath(calendarID)
        let multistatus = try await propfind(
            "propfind.collection", path: path, depth: 0, CalDAVRequests.collectionProperties)
        guard let found = multistatus.responses.lazy.compactMap(CalDAVCollection.init(response:)).first else {
            throw .notFound(
                ProviderErrorContext(
                    provider: .caldav, operation: "propfind.collection", detail: "not a calendar collection"))
        }
        return found
    }

    public func findOrCreateOverlayCalendar(named name: String) async throws(ProviderError) -> OverlayCalendar {
        let home = try await calendarHome()
        let existing = try await collections(home: home)
        if let found = Self.overlay(named: name, in: existing) {
            return OverlayCalendar(calendar: found.calendar(isPrimary: false), created: false)
        }
        let path = home + Self.overlaySegment(for: name) + "/"
        do {
            _ = try await exchange.send("mkcalendar") { credential in
                DAVRequests.mkcalendar(
                    url: configuration.url(forPath: path), DAVMkcalendar(displayName: name),
                    authorization: credential.authorizationHeader)
            }
        } catch .invalidRequest(let context), .forbidden(let context), .alreadyExists(let context) {
            // Created by an earlier attempt whose answer was lost: adopt the collection at that path.
            guard let found = try await collections(home: home).first(where: { $0.path == path }) else {
                throw .invalidRequest(context)
            }
            return OverlayCalendar(calendar: found.calendar(isPrimary: false), created: false)
        }
        let calendar = ProviderCalendar(id: path, name: name, accessRole: .owner)
        return OverlayCalendar(calendar: calendar, created: true)
    }

    // MARK: - Token endpoint

    /// CalDAV accounts use app passwords (HTTP Basic): there is no token endpoint.
    public func refreshAccessToken(using refreshToken: ProviderSecret) async throws(ProviderError) -> TokenGrant {
        throw .unsupported(
            ProviderErrorContext(
                provider: .caldav, operation: "oauth.token",
                detail: "CalDAV uses HTTP Basic app passwords; there is no OAuth refresh"))
    }

    // MARK: - Helpers

    /// A calendar ID as a decoded collection path with a trailing slash.
    public static func collectionPath(_ calendarID: String) -> String {
        let path = DAVHref.normalize(calendarID)
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// The URL of the resource of `uid` in `collection`.
    func resourceURL(collection: String, uid: String) -> String {
        configuration.url(forPath: collection) + CalDAVEventID.resourceName(forUID: uid)
    }

    /// The collection the overlay is created as: `tminus-` + 16 base32hex characters of the
    /// name's SHA-256, so a retried creation targets the same path.
    static func overlaySegment(for name: String) -> String {
        "tminus-" + String(GoogleEventID.base32hex(Array(SHA256.hash(Array(name.utf8)).bytes.prefix(10))))
    }

    /// The writable collection named `name` with the smallest path.
    static func overlay(named name: String, in collections: [CalDAVCollection]) -> CalDAVCollection? {
        collections.filter { $0.name == name && $0.accessRole >= .writer }.min { $0.path < $1.path }
    }

    /// CalDAV has no primary calendar: the first writable event calendar by path that is not the
    /// overlay, else the first calendar.
    static func primaryPath(_ collections: [CalDAVCollection]) -> String? {
        let candidates = collections.filter { $0.accessRole >= .writer && $0.name != OverlayCalendar.defaultName }
        return (candidates.first ?? collections.first)?.path
    }

    func malformed(_ operation: String, _ detail: String, status: Int? = nil) -> ProviderError {
        .malformedResponse(
            ProviderErrorContext(provider: .caldav, operation: operation, status: status, detail: detail))
    }
}
