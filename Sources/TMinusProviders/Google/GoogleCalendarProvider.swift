public import TMinusCore

/// The Google Calendar API v3 adapter: a ``CalendarProvider`` for one Google account.
///
/// A thin client: it builds requests with ``GoogleRequests``, sends them through the injected
/// ``HTTPTransport`` via ``AuthorizedExchange`` (one credential refresh on 401, nothing else),
/// follows pages to the end, and parses with ``GoogleResponses``. Retry and backoff belong to the
/// callers; every failure is a ``ProviderError``.
public struct GoogleCalendarProvider: CalendarProvider {
    public let configuration: GoogleConfiguration
    let exchange: AuthorizedExchange

    /// Creates the adapter for one account.
    public init(transport: any HTTPTransport, credentials: any CredentialSource, configuration: GoogleConfiguration) {
        self.configuration = configuration
        exchange = AuthorizedExchange(
            provider: .google, transport: transport, credentials: credentials,
            mapError: { response, operation in GoogleErrorMapper.map(response, operation: operation) })
    }

    public var kind: ProviderKind { .google }

    /// Webhook channels; Google documents a 7-day default lifetime and no automatic renewal.
    public var pushSupport: PushSupport { .webhook(maximumLifetime: configuration.channelTimeToLive) }

    // MARK: - Calendars

    public func listCalendars() async throws(ProviderError) -> [ProviderCalendar] {
        try await calendarEntries().map(\.calendar)
    }

    public func findOrCreateOverlayCalendar(named name: String) async throws(ProviderError) -> OverlayCalendar {
        let candidates = try await calendarEntries()
            .filter { ($0.summary == name || $0.calendar.name == name) && $0.calendar.isWritable }
            .sorted { $0.calendar.id < $1.calendar.id }
        if let existing = candidates.first { return OverlayCalendar(calendar: existing.calendar, created: false) }
        let response = try await exchange.send("calendars.insert") { credential in
            GoogleRequests.insertCalendar(configuration, name: name, credential: credential)
        }
        return OverlayCalendar(calendar: try GoogleResponses.insertedCalendar(response.body), created: true)
    }

    private func calendarEntries() async throws(ProviderError) -> [GoogleResponses.CalendarListEntry] {
        var entries: [GoogleResponses.CalendarListEntry] = []
        var pageToken: String?
        for _ in 0..<configuration.maximumPages {
            let response = try await exchange.send("calendarList.list") { [pageToken] credential in
                GoogleRequests.calendarList(configuration, pageToken: pageToken, credential: credential)
            }
            let page = try GoogleResponses.calendarListPage(response.body)
            entries += page.entries
            guard let next = page.nextPageToken else { return entries }
            pageToken = next
        }
        throw pagingDidNotEnd("calendarList.list")
    }

    // MARK: - Listings

    public func fullListing(calendarID: String, window: ListingWindow?) async throws(ProviderError) -> EventListing {
        try await listing(calendarID: calendarID, mode: .full(window))
    }

    public func changes(calendarID: String, since cursor: SyncCursor) async throws(ProviderError) -> EventListing {
        try await listing(calendarID: calendarID, mode: .incremental(cursor))
    }

    /// Follows `nextPageToken` with the identical query until a page carries `nextSyncToken`.
    /// Empty and short pages do not end the round; a 410 on any page is ``ProviderError/cursorInvalid(_:)``.
    private func listing(calendarID: String, mode: GoogleEventsQuery.Mode) async throws(ProviderError) -> EventListing {
        var query = GoogleEventsQuery(calendarID: calendarID, mode: mode, pageSize: configuration.eventsPageSize)
        var records: [ProviderEventRecord] = []
        for pageCount in 1...configuration.maximumPages {
            let response = try await exchange.send("events.list") { [query] credential in
                GoogleRequests.listEvents(configuration, query: query, credential: credential)
            }
            let page = try GoogleResponses.eventsPage(response.body, calendarID: calendarID)
            records += page.records
            if let syncToken = page.nextSyncToken {
                let isFull = if case .full = mode { true } else { false }
                return EventListing(
                    calendarID: calendarID, records: records, cursor: SyncCursor(syncToken), isFullListing: isFull,
                    pageCount: pageCount)
            }
            query.pageToken = page.nextPageToken
        }
        throw pagingDidNotEnd("events.list")
    }

    private func pagingDidNotEnd(_ operation: String) -> ProviderError {
        .malformedResponse(
            ProviderErrorContext(
                provider: .google, operation: operation,
                detail: "no last page after \(configuration.maximumPages) pages (nextPageToken never stopped)"))
    }

    // MARK: - Token endpoint

    public func refreshAccessToken(using refreshToken: ProviderSecret) async throws(ProviderError) -> TokenGrant {
        let response = try await exchange.sendUnauthenticated(
            GoogleOAuth.operation, GoogleOAuth.refreshRequest(configuration, refreshToken: refreshToken),
            mapTokenError: GoogleOAuth.mapError)
        return try GoogleOAuth.grant(response.body)
    }
}
