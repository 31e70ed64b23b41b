public import TMinusCore

/// One external calendar account, as the engine sees it: the same operations and the same typed
/// errors for Google Calendar, Microsoft Graph and CalDAV.
///
/// An instance serves one account (it holds that account's ``CredentialSource`` and an
/// ``HTTPTransport``). Implementations are thin clients over pure request builders and response
/// parsers; they follow pages to the end but never retry or back off, except for the single
/// credential refresh after a 401 (queue consumers own retry policy). Every error is a
/// ``ProviderError`` whose ``ProviderError/recovery`` says what to do.
///
/// Guarantees every implementation gives:
/// - listings are followed to the last page, and the returned ``SyncCursor`` is the one from that
///   last page; a short or empty page never ends a listing early;
/// - records never carry attendees, organizer or conference data;
/// - writes never notify attendees, and an update replaces the whole projected field set (a
///   field nil in the ``ProjectedEvent`` is cleared at the provider);
/// - creates are idempotent by ``MirrorKey`` (a retry adopts the first create's event);
/// - a delete of an event that is already gone succeeds (``DeleteOutcome/alreadyGone``).
public protocol CalendarProvider: Sendable {
    /// Which provider this is.
    var kind: ProviderKind { get }
    /// Whether push is available or the account must be polled.
    var pushSupport: PushSupport { get }

    /// Every calendar of the account, all pages.
    func listCalendars() async throws(ProviderError) -> [ProviderCalendar]
    /// The overlay calendar named `name`, created when absent (flow C). When several calendars
    /// carry the name, the writable one with the smallest ID is chosen, deterministically.
    func findOrCreateOverlayCalendar(named name: String) async throws(ProviderError) -> OverlayCalendar

    /// Every event of a calendar (recurring series expanded into instances), all pages, and the
    /// cursor for later incremental rounds.
    func fullListing(calendarID: String, window: ListingWindow?) async throws(ProviderError) -> EventListing
    /// What changed since `cursor`, all pages, deletions included. Throws
    /// ``ProviderError/cursorInvalid(_:)`` when the cursor expired: run ``fullListing(calendarID:window:)``.
    func changes(calendarID: String, since cursor: SyncCursor) async throws(ProviderError) -> EventListing

    /// One event's current state (a cancelled event reads as a deletion record).
    func event(at address: EventAddress) async throws(ProviderError) -> ProviderEventRecord
    /// Creates the mirror of `key` with the projected payload and our markers; a retry after a
    /// lost response adopts the existing event instead of duplicating it.
    func createEvent(in calendarID: String, projection: ProjectedEvent, key: MirrorKey) async throws(ProviderError)
        -> CreateOutcome
    /// Replaces the event's projected fields and markers, conditionally on `precondition`.
    func updateEvent(at address: EventAddress, projection: ProjectedEvent, precondition: WritePrecondition)
        async throws(ProviderError) -> WrittenEvent
    /// Deletes the event, conditionally on `precondition`; already gone counts as done.
    func deleteEvent(at address: EventAddress, precondition: WritePrecondition) async throws(ProviderError)
        -> DeleteOutcome

    /// Opens a push channel for a calendar (``ProviderError/unsupported(_:)`` when poll-only).
    func watch(calendarID: String, request: PushChannelRequest) async throws(ProviderError) -> PushChannel
    /// Extends or replaces `channel` before it expires.
    func renewWatch(_ channel: PushChannel, request: PushChannelRequest) async throws(ProviderError) -> PushRenewal
    /// Stops a channel; one that is already gone counts as stopped.
    func stopWatch(_ channel: PushChannel) async throws(ProviderError)
    /// Decodes an incoming push request (pure: no I/O) and says what to reply.
    func decodePush(_ request: HTTPRequest) throws(ProviderError) -> PushDelivery

    /// Exchanges a refresh token at the provider's token endpoint. Throws
    /// ``ProviderError/tokenRevoked(_:)`` on `invalid_grant`.
    func refreshAccessToken(using refreshToken: ProviderSecret) async throws(ProviderError) -> TokenGrant
}
