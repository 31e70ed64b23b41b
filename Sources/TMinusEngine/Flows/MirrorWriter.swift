public import TMinusCore
import TMinusProviders
public import TMinusQueues
import TMinusStore

/// The write consumer's work for one mirror command (flow A, second half; engine rules 4, 6).
///
/// - A command is applied only if the mirror row still wants it (same state and hash); a stale
///   command is dropped, so a slow write never overwrites a newer decision.
/// - Creates are identity-keyed (``MirrorKey``): a retry after a lost response adopts the event.
/// - If the row moved on while a create was in flight (the origin was deleted meanwhile), the event
///   just created is deleted again, so no ghost is left behind.
/// - A delete first checks that the target event carries our markers (ownership preflight); a
///   404/410 counts as done. T-Minus never deletes an event it cannot prove it wrote (invariant G).
public struct MirrorWriter: Sendable {
    let graph: UserGraph
    let account: AccountState
    let factory: ProviderFactory
    let trace: any TraceSink
    let crashes: any CrashInjector

    /// Creates a writer for commands targeting `account`.
    public init(
        graph: UserGraph, account: AccountState, factory: @escaping ProviderFactory, trace: any TraceSink,
        crashes: any CrashInjector = NeverCrash()
    ) {
        self.graph = graph
        self.account = account
        self.factory = factory
        self.trace = trace
        self.crashes = crashes
    }

    /// Performs one command and says what the queue should do with its message.
    public func perform(_ command: MirrorCommand) async -> HandlerDecision {
        do {
            switch command {
            case .upsert(let upsert): return try await performUpsert(upsert)
            case .delete(let delete): return try await performDelete(delete)
            }
        } catch let error as ProviderError {
            return await decision(for: error, command: command)
        } catch {
            return .retry(after: nil, error: "\(error)")
        }
    }

    private func performUpsert(_ upsert: UpsertMirror) async throws -> HandlerDecision {
        let row = try await graph.mirror(
            canonicalEventID: upsert.canonicalEventID, targetAccountID: upsert.targetAccountID)
        guard let row, row.state == .pending, row.lastProjectedHash == upsert.projection.hash else {
            record("stale-upsert \(upsert.canonicalEventID)→\(upsert.targetAccountID)")
            return .ack
        }
        let provider = await account.provider(using: factory)
        let calendarID = try await targetCalendar(for: upsert.projection.kind, row: row, provider: provider)
        let written: WrittenEvent
        try crashes.reach(.writeBeforeProviderCall)
        if let providerEventID = row.providerEventID {
            let address = EventAddress(calendarID: row.targetCalendarID ?? calendarID, eventID: providerEventID)
            let payload = upsert.projection.payload
            guard
                let updated = try await ProviderError.unlessGone({ () async throws(ProviderError) in
                    try await provider.updateEvent(at: address, projection: payload, precondition: .none)
                })
            else {
                if try await recovery.recoverIfVanished(calendarID: address.calendarID, provider: provider) != nil {
                    // The whole calendar went (a person deleted the overlay): the mirror is placed again.
                    record("replaced-on-update \(upsert.canonicalEventID)→\(upsert.targetAccountID)")
                    return .ack
                }
                // The mirror vanished at the target: a human deleted it (engine rule 2).
                try await graph.markMirrorTombstoned(
                    canonicalEventID: upsert.canonicalEventID, targetAccountID: upsert.targetAccountID)
                record("tombstoned-on-update \(upsert.canonicalEventID)→\(upsert.targetAccountID)")
                return .ack
            }
            written = updated
        } else {
            #if TMINUS_SEEDED_DEFECTS
                let keyTarget =
                    upsert.targetAccountID
                    + (Defects.isActive(.nonIdempotentCreate) ? "#\(Defects.nextNonce())" : "")
            #else
                let keyTarget = upsert.targetAccountID
            #endif
            let key = MirrorKey(canonicalEventID: upsert.canonicalEventID, targetAccountID: keyTarget)
            let payload = upsert.projection.payload
            if row.targetCalendarID == nil {
                // Every attempt of this create goes where the first went, so a lost response is
                // adopted there, even after the policy changed the calendar kind meanwhile (D).
                try await graph.recordMirrorPlacement(
                    canonicalEventID: upsert.canonicalEventID, targetAccountID: upsert.targetAccountID,
                    calendarID: calendarID)
            }
            guard
                let created = try await ProviderError.unlessGone({ () async throws(ProviderError) in
                    try await provider.createEvent(in: calendarID, projection: payload, key: key)
                })
            else {
                guard try await recovery.recoverIfVanished(calendarID: calendarID, provider: provider) != nil else {
                    throw ProviderError.notFound(ProviderErrorContext(provider: account.kind, operation: "create event"))
                }
                record("calendar-vanished-on-create \(upsert.canonicalEventID)→\(upsert.targetAccountID)")
                return .retry(after: nil, error: "target calendar \(calendarID) was deleted; the next attempt re-creates it")
            }
            written = created.event
        }
        try crashes.reach(.writeAfterProviderCall)
        let recorded = try await graph.recordMirrorWritten(
            canonicalEventID: upsert.canonicalEventID, targetAccountID: upsert.targetAccountID,
            projectedHash: upsert.projection.hash, providerEventID: written.address.eventID,
            targetCalendarID: written.address.calendarID, providerUpdatedAt: written.updatedAt)
        if recorded {
            record("written \(upsert.canonicalEventID)→\(upsert.targetAccountID)")
        } else {
            try await compensate(upsert, written: written, provider: provider)
        }
        return .ack
    }

    /// The row changed while we wrote. If it no longer wants a mirror, remove what we just wrote.
    private func compensate(_ upsert: UpsertMirror, written: WrittenEvent, provider: any CalendarProvider) async throws
    {
        let row = try await graph.mirror(
            canonicalEventID: upsert.canonicalEventID, targetAccountID: upsert.targetAccountID)
        switch row?.state {
        case .deleting?, .deleted?, .tombstoned?, nil:
            _ = try await provider.deleteEvent(at: written.address, precondition: .none)
            if row?.state == .deleting, row?.providerEventID == nil {
                _ = try await graph.recordMirrorDeleted(
                    canonicalEventID: upsert.canonicalEventID, targetAccountID: upsert.targetAccountID)
            }
            record("compensated \(upsert.canonicalEventID)→\(upsert.targetAccountID)")
        default:
            // A newer projection is pending; its own command adopts this event by key.
            record("superseded \(upsert.canonicalEventID)→\(upsert.targetAccountID)")
        }
    }

    private func performDelete(_ delete: DeleteMirror) async throws -> HandlerDecision {
        let row = try await graph.mirror(
            canonicalEventID: delete.canonicalEventID, targetAccountID: delete.targetAccountID)
        guard let row, row.state == .deleting else {
            record("stale-delete \(delete.canonicalEventID)→\(delete.targetAccountID)")
            return .ack
        }
        guard let providerEventID = row.providerEventID, let calendarID = row.targetCalendarID else {
            // Never confirmed written. A create sent to a calendar (its placement is recorded) may
            // still have been applied, every answer lost: it is found by its markers and deleted
            // now, while the row still says DELETING, not left for the next reconcile (H, rule 9).
            if let placed = row.targetCalendarID { try await deleteUnconfirmedCreate(of: delete, in: placed) }
            _ = try await graph.recordMirrorDeleted(
                canonicalEventID: delete.canonicalEventID, targetAccountID: delete.targetAccountID)
            return .ack
        }
        let provider = await account.provider(using: factory)
        let address = EventAddress(calendarID: calendarID, eventID: providerEventID)
        if let current = try await ProviderError.unlessGone({ () async throws(ProviderError) in
            try await provider.event(at: address)
        }) {
            if !current.isDeletion {
                guard EventClassifier.mirrorOwnership(current.delta.markers).mayBeMirror(of: delete.canonicalEventID) else {
                    _ = try await graph.recordMirrorError(
                        canonicalEventID: delete.canonicalEventID, targetAccountID: delete.targetAccountID,
                        message: "ownership preflight failed: the target event does not carry our markers")
                    record("preflight-refused \(delete.canonicalEventID)→\(delete.targetAccountID)")
                    return .ack
                }
                try crashes.reach(.writeBeforeProviderCall)
                _ = try await ProviderError.unlessGone { () async throws(ProviderError) in
                    try await provider.deleteEvent(at: address, precondition: .none)
                }
                try crashes.reach(.writeAfterProviderCall)
            }
        }  // nil: already gone, and a delete of a gone event is done (engine rule 4)
        _ = try await graph.recordMirrorDeleted(
            canonicalEventID: delete.canonicalEventID, targetAccountID: delete.targetAccountID)
        record("deleted \(delete.canonicalEventID)→\(delete.targetAccountID)")
        return .ack
    }

    /// Deletes what an unconfirmed create of this mirror left in `calendarID`: every event there,
    /// listed around the canonical event's time, that carries our markers for this canonical event.
    /// An event without them (a person's, another system's) or ours for another event is never touched.
    private func deleteUnconfirmedCreate(of delete: DeleteMirror, in calendarID: String) async throws {
        let canonicalID = delete.canonicalEventID
        guard let event = try await graph.inspect({ store throws(StoreError) in try store.event(id: canonicalID) })
        else { return }
        let day = Duration.seconds(86_400)
        let window = ListingWindow(
            start: event.content.start.instant.adding(.zero - day), end: event.content.end.instant.adding(day))
        let provider = await account.provider(using: factory)
        guard
            let listing = try await ProviderError.unlessGone({ () async throws(ProviderError) in
                try await provider.fullListing(calendarID: calendarID, window: window)
            })
        else { return }  // the calendar is gone, and what was in it with it
        for found in listing.records where !found.isDeletion {
            let address = EventAddress(calendarID: calendarID, eventID: found.delta.providerEventID)
            var ownership = EventClassifier.mirrorOwnership(found.delta.markers)
            if ownership == .oursUnnamed {
                // Ours by a fallback marker only (Graph listings carry our category, not our
                // property): read the event itself to learn whose mirror it is.
                let read = try await ProviderError.unlessGone { () async throws(ProviderError) in
                    try await provider.event(at: address)
                }
                ownership = read.map { EventClassifier.mirrorOwnership($0.delta.markers) } ?? .notOurs
            }
            guard ownership == .ours(canonicalEventID: canonicalID) else { continue }
            try crashes.reach(.writeBeforeProviderCall)
            _ = try await ProviderError.unlessGone { () async throws(ProviderError) in
                try await provider.deleteEvent(at: address, precondition: .none)
            }
            record("deleted-unconfirmed-create \(canonicalID)→\(delete.targetAccountID)")
        }
    }

    /// The calendar a mirror of `kind` lives in: the overlay (created on demand) or the primary.
    private func targetCalendar(for kind: CalendarKind, row: MirrorRecord, provider: any CalendarProvider) async throws
        -> String
    {
        if let known = row.targetCalendarID { return known }
        let role: CalendarScope.Role = kind == .busyOverlay ? .overlay : .primary
        if let scope = try await account.withStore({ store throws(StoreError) in try store.scopes() }).first(where: {
            $0.role == role
        }) {
            return scope.providerCalendarID
        }
        if kind == .trueMirror {
            let primary = try await provider.listCalendars().first { $0.isPrimary }
            guard let primary else {
                throw ProviderError.notFound(
                    ProviderErrorContext(provider: account.kind, operation: "primary calendar"))
            }
            try await account.withStore { store throws(StoreError) in
                try store.upsertScope(CalendarScope(providerCalendarID: primary.id, role: .primary))
            }
            return primary.id
        }
        let overlay = try await provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
        try await account.withStore { store throws(StoreError) in
            try store.upsertScope(
                CalendarScope(providerCalendarID: overlay.calendar.id, role: .overlay, syncEnabled: true))
        }
        return overlay.calendar.id
    }

    private func decision(for error: ProviderError, command: MirrorCommand) async -> HandlerDecision {
        let key = "\(command.canonicalEventID)→\(command.targetAccountID)"
        record("error \(key) \(error.kind)")
        #if TMINUS_SEEDED_DEFECTS
            if Defects.isActive(.giveUpOnFailedWrites) {
                _ = try? await graph.recordMirrorError(
                    canonicalEventID: command.canonicalEventID, targetAccountID: command.targetAccountID,
                    message: error.description)
                return .ack
            }
        #endif
        #if TMINUS_SEEDED_DEFECTS
            if Defects.isActive(.retryWithoutBackoff), case .retryAfter = error.recovery {
                return .retry(after: .zero, error: error.description)
            }
        #endif
        switch error.recovery {
        case .retryAfter(let wait):
            // The account's gate now holds every call to it, not just this message's (invariant K).
            return .retry(after: wait, error: error.description)
        case .relinkAccount: return .deadLetter(error: "account needs relink: \(error.kind)")
        case .pauseWritesAndAlert: return await account.postponeForSpentQuota(error)
        case .doNotRetry:
            _ = try? await graph.recordMirrorError(
                canonicalEventID: command.canonicalEventID, targetAccountID: command.targetAccountID,
                message: error.description)
            return .ack
        default: return .retry(after: nil, error: error.description)
        }
    }

    private var recovery: OverlayRecovery { OverlayRecovery(graph: graph, account: account, trace: trace) }

    private func record(_ event: String) { trace.record(component: "write", event: event) }
}

extension ProviderError {
    /// 404 or 410: the resource is not there (any more).
    var isNotFoundOrGone: Bool {
        switch self {
        case .notFound, .gone: return true
        default: return false
        }
    }

    /// The body's result, or nil when the provider answers 404/410.
    static func unlessGone<T>(_ body: () async throws(ProviderError) -> T) async throws(ProviderError) -> T? {
        do {
            return try await body()
        } catch {
            if error.isNotFoundOrGone { return nil }
            throw error
        }
    }
}
