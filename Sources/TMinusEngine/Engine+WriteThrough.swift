public import TMinusCore
import TMinusProviders
import TMinusStore

/// Why a write-through (flow B) request was refused before anything was written.
public enum WriteThroughError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The account does not belong to the user: link it first, or name one of the user's accounts.
    case accountNotOfUser(accountID: String, userID: String)
    /// The account has no primary calendar scope yet (onboarding has not listed its calendars):
    /// wait for onboarding, or name the calendar.
    case noPrimaryCalendar(accountID: String)
    /// The provider event no longer carries our write-through markers for this canonical event, so
    /// T-Minus cannot prove it is the one the user created through it (invariant G): nothing deleted.
    case notOurs(canonicalEventID: String, address: String)

    public var description: String {
        switch self {
        case .accountNotOfUser(let account, let user): "account \(account) is not linked to user \(user)"
        case .noPrimaryCalendar(let account): "account \(account) has no primary calendar in scope yet"
        case .notOurs(let id, let address):
            "the event at \(address) does not carry T-Minus's markers for \(id); not deleted"
        }
    }
}

extension Engine {
    /// Creates an event in a linked provider account through T-Minus (flow B write-through).
    ///
    /// The event is created at the account's provider first, with the same creation identity the
    /// write consumer uses for mirrors (``MirrorKey`` of the new canonical ID and the account): a
    /// retried create after a lost response adopts the first one. It carries write-through markers
    /// (`managed` false), so it stays an origin that people may edit, and a lost response is healed
    /// by the sync consumer, which records the event under the same canonical ID when it sees it.
    /// The canonical event's origin is that provider event; its fields are owned by `tminus`; it
    /// is projected to the other accounts by policy like any origin.
    /// - Parameter calendarID: the provider calendar; the account's primary calendar when nil.
    public func createEvent(
        userID: String, inAccount accountID: String, calendarID: String? = nil, _ content: EventContent,
        source: EventSource = .api
    ) async throws -> CanonicalEvent {
        try content.validate(field: "event")
        guard try self.userID(ofAccount: accountID) == userID else {
            throw WriteThroughError.accountNotOfUser(accountID: accountID, userID: userID)
        }
        let account = try account(accountID)
        var calendar = calendarID ?? ""
        if calendarID == nil { calendar = try await primaryCalendar(of: account) }
        let id = environment.ids.make(.event)
        let payload = ProjectionCompiler.writeThroughPayload(canonicalEventID: id, accountID: accountID, content: content)
        let provider = await account.provider(using: factory)
        let created = try await provider.createEvent(
            in: calendar, projection: payload, key: MirrorKey(canonicalEventID: id, targetAccountID: accountID))
        // The calendar as the account's scopes name it (what its sync reports), not the adapter's spelling.
        let origin = EventAddressRecord(accountID: accountID, calendarID: calendar, eventID: created.event.address.eventID)
        let stored = try await Self.readBack(created.event.address, provider: provider) ?? content
        let event = try await graph(of: userID).recordWriteThroughEvent(
            id: id, origin: origin, content: stored, source: source)
        record("write-through-created \(id) in \(accountID) (\(created.disposition.rawValue))")
        try await relayOutbox(of: userID)
        return event
    }

    /// Writes the user's change of a write-through origin to its provider and returns the content as
    /// the provider now reports it (what the store records after, so the sync's echo is no change).
    /// A change that compiles to the payload the provider already holds is not written (C: an equal
    /// projection is never written again); the stored content stands. Equal means what the
    /// projected hash compares: every field, date-times without zone names (a provider answers a
    /// time written in `UTC` with a bare UTC time, and the two are the same write).
    func updateWriteThroughOrigin(_ event: CanonicalEvent, content: EventContent) async throws -> EventContent {
        let payload = ProjectionCompiler.writeThroughPayload(
            canonicalEventID: event.id, accountID: event.originAccountID, content: content)
        let held = ProjectionCompiler.writeThroughPayload(
            canonicalEventID: event.id, accountID: event.originAccountID, content: event.content)
        guard payload.hashContent != held.hashContent else {
            record("write-through-unchanged \(event.id) in \(event.originAccountID)")
            return event.content
        }
        let provider = try await account(event.originAccountID).provider(using: factory)
        let written = try await provider.updateEvent(at: address(of: event), projection: payload, precondition: .none)
        record("write-through-updated \(event.id) in \(event.originAccountID)")
        return try await Self.readBack(written.address, provider: provider) ?? content
    }

    /// The event's content as its provider reports it (zones and all-day forms in the provider's own
    /// spelling), nil when it is gone or cancelled meanwhile.
    private static func readBack(_ address: EventAddress, provider: any CalendarProvider) async throws
        -> EventContent?
    {
        let record = try await ProviderError.unlessGone { () async throws(ProviderError) in
            try await provider.event(at: address)
        }
        return record?.delta.content
    }

    /// Deletes a write-through origin at its provider after the ownership preflight (rule 4): the
    /// event must still carry our write-through markers for this canonical event. Gone counts as done.
    func deleteWriteThroughOrigin(_ event: CanonicalEvent) async throws {
        let provider = try await account(event.originAccountID).provider(using: factory)
        let address = address(of: event)
        guard
            let current = try await ProviderError.unlessGone({ () async throws(ProviderError) in
                try await provider.event(at: address)
            }), !current.isDeletion
        else { return }
        guard EventClassifier.writeThroughMarkers(current.delta.markers)?.canonicalEventID == event.id else {
            throw WriteThroughError.notOurs(canonicalEventID: event.id, address: address.description)
        }
        let precondition: WritePrecondition = current.version.map { .ifMatch($0) } ?? .none
        _ = try await provider.deleteEvent(at: address, precondition: precondition)
        record("write-through-deleted \(event.id) in \(event.originAccountID)")
    }

    private func address(of event: CanonicalEvent) -> EventAddress {
        EventAddress(calendarID: event.originCalendarID, eventID: event.originEventID)
    }

    private func primaryCalendar(of account: AccountState) async throws -> String {
        let scopes = try await account.withStore { store throws(StoreError) in try store.scopes() }
        guard let primary = scopes.first(where: { $0.role == .primary }) else {
            throw WriteThroughError.noPrimaryCalendar(accountID: account.accountID)
        }
        return primary.providerCalendarID
    }
}
