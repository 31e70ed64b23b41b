public import TMinusCore

/// The Microsoft Graph (Outlook calendar) adapter: a ``CalendarProvider`` for one mailbox.
///
/// A thin client: it builds requests with ``GraphRequests``, sends them through the injected
/// ``HTTPTransport`` via ``AuthorizedExchange`` (one credential refresh on 401 — also in the
/// middle of a delta round, replaying the same link, fault row 30 — nothing else), follows
/// `@odata.nextLink` to the end, stores the whole `@odata.deltaLink` as the cursor, and parses
/// with ``GraphResponses``. The injected clock only bounds open listing windows and subscription
/// expirations; it never stamps data. Retry and backoff belong to the callers.
public struct GraphCalendarProvider: CalendarProvider {
    public let configuration: GraphConfiguration
    let exchange: AuthorizedExchange
    let clock: any WallClock

    /// Creates the adapter for one mailbox.
    public init(
        transport: any HTTPTransport, credentials: any CredentialSource, configuration: GraphConfiguration,
        clock: any WallClock
    ) {
        self.configuration = configuration
        self.clock = clock
        exchange = AuthorizedExchange(
            provider: .microsoft, transport: transport, credentials: credentials,
            mapError: { response, operation in GraphErrorMapper.map(response, operation: operation) })
    }

    public var kind: ProviderKind { .microsoft }

    /// Subscriptions capped at ``GraphConfiguration/subscriptionLifetime``; renew at half-life
    /// (``renewalDue(_:now:)``).
    public var pushSupport: PushSupport { .webhook(maximumLifetime: configuration.subscriptionLifetime) }

    // MARK: - Calendars

    public func listCalendars() async throws(ProviderError) -> [ProviderCalendar] {
        var calendars: [ProviderCalendar] = []
        var nextLink: String?
        for _ in 0..<configuration.maximumPages {
            let response = try await exchange.send("calendars.list") { [nextLink] credential in
                GraphRequests.calendars(configuration, nextLink: nextLink, credential: credential)
            }
            let page = try GraphResponses.calendarsPage(response.body)
            calendars += page.calendars
            guard let next = page.nextLink else { return calendars }
            nextLink = try checkedLink(next, operation: "calendars.list")
        }
        throw pagingDidNotEnd("calendars.list")
    }

    /// Finds the writable calendar named `name` (smallest id first), or creates it; a 409
    /// `ErrorFolderExists` (another worker created it meanwhile) re-lists and adopts it.
    public func findOrCreateOverlayCalendar(named name: String) async throws(ProviderError) -> OverlayCalendar {
        if let existing = try await overlay(named: name) { return OverlayCalendar(calendar: existing, created: false) }
        do {
            let response = try await exchange.send("calendars.create") { credential in
                GraphRequests.createCalendar(configuration, name: name, credential: credential)
            }
            return OverlayCalendar(calendar: try GraphResponses.createdCalendar(response.body), created: true)
        } catch .alreadyExists(let context) {
            guard let existing = try await overlay(named: name) else { throw .alreadyExists(context) }
            return OverlayCalendar(calendar: existing, created: false)
        }
    }

    private func overlay(named name: String) async throws(ProviderError) -> ProviderCalendar? {
        try await listCalendars().filter { $0.name == name && $0.isWritable }.sorted { $0.id < $1.id }.first
    }

    // MARK: - Listings

    /// A delta round over the window (open bounds filled from the clock with the configured
    /// spans); its last page's deltaLink is the cursor.
    public func fullListing(calendarID: String, window: ListingWindow?) async throws(ProviderError) -> EventListing {
        let now = clock.now()
        let start = window?.start ?? now.adding(.zero - configuration.defaultWindowPast)
        let end = window?.end ?? now.adding(configuration.defaultWindowFuture)
        guard start < end else {
            throw .invalidRequest(
                ProviderErrorContext(
                    provider: .microsoft, operation: "calendarView.delta", detail: "the listing window is empty"))
        }
        let url = GraphRequests.deltaURL(configuration, calendarID: calendarID, start: start, end: end)
        return try await round(from: url, calendarID: calendarID, isFull: true)
    }

    /// Replays the stored deltaLink. A link this adapter cannot have stored (another host or
    /// API base) is ``ProviderError/cursorInvalid(_:)``: drop it and run a full listing.
    public func changes(calendarID: String, since cursor: SyncCursor) async throws(ProviderError) -> EventListing {
        guard isOurs(cursor.rawValue) else {
            throw .cursorInvalid(
                ProviderErrorContext(
                    provider: .microsoft, operation: "calendarView.delta",
                    detail: "the cursor is not a deltaLink of this API base"))
        }
        return try await round(from: cursor.rawValue, calendarID: calendarID, isFull: false)
    }

    /// Follows `@odata.nextLink` until a page carries `@odata.deltaLink`. Empty pages do not end
    /// the round; a 410 (or a sync-state code) on any page is ``ProviderError/cursorInvalid(_:)``.
    private func round(from first: String, calendarID: String, isFull: Bool) async throws(ProviderError)
        -> EventListing
    {
        var url = first
        var records: [ProviderEventRecord] = []
        for pageCount in 1...configuration.maximumPages {
            let response = try await exchange.send("calendarView.delta") { [url] credential in
                GraphRequests.deltaPage(configuration, url: url, credential: credential)
            }
            let page = try GraphResponses.deltaPage(
                response.body, calendarID: calendarID, propertyID: configuration.markerPropertyID)
            records += page.records
            if let deltaLink = page.deltaLink {
                return EventListing(
                    calendarID: calendarID, records: records,
                    cursor: SyncCursor(try checkedLink(deltaLink, operation: "calendarView.delta")),
                    isFullListing: isFull, pageCount: pageCount)
            }
            url = try checkedLink(page.nextLink ?? "", operation: "calendarView.delta")
        }
        throw pagingDidNotEnd("calendarView.delta")
    }

    /// True when `link` points inside the configured API base (the credential never leaves it).
    func isOurs(_ link: String) -> Bool {
        link.hasPrefix(configuration.apiBase + "/") && URLParts.isAbsoluteHTTP(link)
    }

    func checkedLink(_ link: String, operation: String) throws(ProviderError) -> String {
        guard isOurs(link) else {
            throw .malformedResponse(
                ProviderErrorContext(
                    provider: .microsoft, operation: operation, detail: "a paging link outside the API base"))
        }
        return link
    }

    private func pagingDidNotEnd(_ operation: String) -> ProviderError {
        .malformedResponse(
            ProviderErrorContext(
                provider: .microsoft, operation: operation,
                detail: "no last page after \(configuration.maximumPages) pages (nextLink never stopped)"))
    }

    // MARK: - Token endpoint

    public func refreshAccessToken(using refreshToken: ProviderSecret) async throws(ProviderError) -> TokenGrant {
        let response = try await exchange.sendUnauthenticated(
            GraphOAuth.operation, GraphOAuth.refreshRequest(configuration, refreshToken: refreshToken),
            mapTokenError: GraphOAuth.mapError)
        return try GraphOAuth.grant(response.body)
    }
}
