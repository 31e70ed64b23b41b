import TMinusCore
import TMinusProviders

/// The provider adapter of one account as every flow sees it: each call that reaches the network
/// first asks the account's ``RetryAfterHold``, and a `Retry-After` the provider answers with
/// starts (or extends) that hold.
///
/// While the hold lasts, a call is answered with ``ProviderError/rateLimited(retryAfter:_:)``
/// carrying the time still to wait, without a request being sent, so every flow's existing
/// `Retry-After` handling applies (a sync retries after it, a write waits, onboarding records the
/// step as failing, a reconcile retries). This is what keeps invariant K for every path to the
/// provider, not only the ones a handler checks before it starts: onboarding's discovery, the
/// reconcile's listings, a write's lookups, push channel calls.
///
/// Not gated: ``decodePush(_:)`` (pure, no I/O) and ``refreshAccessToken(using:)`` (the token
/// endpoint is a different service; its answers neither start nor wait for the hold).
struct RetryAfterGate: CalendarProvider {
    let adapter: any CalendarProvider
    let hold: RetryAfterHold
    let clock: any WallClock

    var kind: ProviderKind { adapter.kind }
    var pushSupport: PushSupport { adapter.pushSupport }

    /// Runs `call` unless the account is held, and holds the account when its answer says to wait.
    private func gated<T>(
        _ operation: String, _ call: () async throws(ProviderError) -> T
    ) async throws(ProviderError) -> T {
        #if TMINUS_SEEDED_DEFECTS
            if Defects.isActive(.retryWithoutBackoff) { return try await call() }
        #endif
        if let wait = hold.remaining(at: clock.now()) {
            throw .rateLimited(
                retryAfter: wait,
                ProviderErrorContext(
                    provider: kind, operation: operation, reason: "held",
                    detail: "an earlier answer's Retry-After has not passed; nothing was sent"))
        }
        do {
            return try await call()
        } catch {
            if case .rateLimited(let wait?, _) = error { hold.hold(for: wait, from: clock.now()) }
            throw error
        }
    }

    func listCalendars() async throws(ProviderError) -> [ProviderCalendar] {
        try await gated("calendars.list") { () async throws(ProviderError) in try await adapter.listCalendars() }
    }

    func findOrCreateOverlayCalendar(named name: String) async throws(ProviderError) -> OverlayCalendar {
        try await gated("overlay") { () async throws(ProviderError) in
            try await adapter.findOrCreateOverlayCalendar(named: name)
        }
    }

    func fullListing(calendarID: String, window: ListingWindow?) async throws(ProviderError) -> EventListing {
        try await gated("full listing") { () async throws(ProviderError) in
            try await adapter.fullListing(calendarID: calendarID, window: window)
        }
    }

    func changes(calendarID: String, since cursor: SyncCursor) async throws(ProviderError) -> EventListing {
        try await gated("changes") { () async throws(ProviderError) in
            try await adapter.changes(calendarID: calendarID, since: cursor)
        }
    }

    func event(at address: EventAddress) async throws(ProviderError) -> ProviderEventRecord {
        try await gated("event") { () async throws(ProviderError) in try await adapter.event(at: address) }
    }

    func createEvent(in calendarID: String, projection: ProjectedEvent, key: MirrorKey) async throws(ProviderError)
        -> CreateOutcome
    {
        try await gated("create") { () async throws(ProviderError) in
            try await adapter.createEvent(in: calendarID, projection: projection, key: key)
        }
    }

    func updateEvent(at address: EventAddress, projection: ProjectedEvent, precondition: WritePrecondition)
        async throws(ProviderError) -> WrittenEvent
    {
        try await gated("update") { () async throws(ProviderError) in
            try await adapter.updateEvent(at: address, projection: projection, precondition: precondition)
        }
    }

    func deleteEvent(at address: EventAddress, precondition: WritePrecondition) async throws(ProviderError)
        -> DeleteOutcome
    {
        try await gated("delete") { () async throws(ProviderError) in
            try await adapter.deleteEvent(at: address, precondition: precondition)
        }
    }

    func watch(calendarID: String, request: PushChannelRequest) async throws(ProviderError) -> PushChannel {
        try await gated("watch") { () async throws(ProviderError) in
            try await adapter.watch(calendarID: calendarID, request: request)
        }
    }

    func renewWatch(_ channel: PushChannel, request: PushChannelRequest) async throws(ProviderError) -> PushRenewal {
        try await gated("renew watch") { () async throws(ProviderError) in
            try await adapter.renewWatch(channel, request: request)
        }
    }

    func stopWatch(_ channel: PushChannel) async throws(ProviderError) {
        try await gated("stop watch") { () async throws(ProviderError) in try await adapter.stopWatch(channel) }
    }

    func decodePush(_ request: HTTPRequest) throws(ProviderError) -> PushDelivery {
        try adapter.decodePush(request)
    }

    func refreshAccessToken(using refreshToken: ProviderSecret) async throws(ProviderError) -> TokenGrant {
        try await adapter.refreshAccessToken(using: refreshToken)
    }
}
