public import TMinusCore
import TMinusProviders
public import TMinusStore

/// Daily (and on-demand) reconciliation of one account (engine rule 12, flow D).
///
/// 1. Full sync of every origin scope: missing canonical events are created, drifted managed events
///    rewritten, missing origins probed before anything is deleted.
/// 2. Full listing of every calendar our mirrors live in: an event of ours with no live mirror row is
///    an orphan and is deleted (its markers are verified first); an ACTIVE mirror whose event is gone
///    (probed) is tombstoned. A mirror calendar that vanished (a person deleted the overlay) is
///    dropped and its mirrors are placed again (``OverlayRecovery``).
/// 3. Waiting mirrors (PENDING/DELETING) get their commands queued again (lost messages self-heal),
///    and mirrors the policy wants but the graph lost are re-derived (missing mirror → upsert).
/// The repairs are journaled by kind and returned, so a run can report "drift found and fixed".
public struct AccountReconcile: Sendable {
    let graph: UserGraph
    let account: AccountState
    let factory: ProviderFactory
    let trace: any TraceSink
    let configuration: SyncConfiguration
    let crashes: any CrashInjector

    /// Creates the flow for one account.
    public init(
        graph: UserGraph, account: AccountState, factory: @escaping ProviderFactory, trace: any TraceSink,
        configuration: SyncConfiguration, crashes: any CrashInjector = NeverCrash()
    ) {
        self.graph = graph
        self.account = account
        self.factory = factory
        self.trace = trace
        self.configuration = configuration
        self.crashes = crashes
    }

    /// Runs the reconcile and returns its repairs.
    public func run(now: Timestamp) async throws -> ReconcileRepairs {
        var repairs = ReconcileRepairs()
        let scopes = try await account.withStore { store throws(StoreError) in try store.scopes() }
        let sync = CalendarSync(
            graph: graph, account: account, factory: factory, trace: trace, configuration: configuration,
            crashes: crashes)
        for scope in scopes where scope.syncEnabled && scope.role != .overlay {
            let report = try await sync.sync(calendarID: scope.providerCalendarID, full: true, now: now)
            repairs.missingCanonicalsCreated += report.applied.created
            repairs.driftCorrected += report.applied.driftCorrected
            repairs.probeDeletes += report.probeDeletes
        }
        try crashes.reach(.reconcileAfterOriginSync)
        let accountID = account.accountID
        let waiting = try await graph.inspect { store throws(StoreError) in try store.waitingMirrors(targeting: accountID) }
        repairs.missingMirrorsQueued = try await graph.inspect { store throws(StoreError) in
            try store.reprojectEverything()
        }
        let provider = await account.provider(using: factory)
        try await sweepMirrorCalendars(of: scopes, now: now, provider: provider, placeVanishedAgain: true, repairs: &repairs)
        // The commands of the mirrors that were waiting before, requeued only after the mirror
        // calendars were listed and only while the row is as it was: a PENDING mirror whose every
        // answer was lost (dead-lettered after its last attempt) and whose event already holds the
        // projection was confirmed by that listing, so it is not written a sixth time (J; fuzz seed
        // 29630); one the reprojection or a drift correction rewrote has its command queued already.
        repairs.commandsRequeued = try await graph.inspect { store throws(StoreError) in
            try store.requeueWaitingMirrors(targeting: accountID, unchangedSince: waiting)
        }
        let final = repairs
        try await graph.inspect { store throws(StoreError) in
            try store.journalReconcile(accountID: accountID, repairs: final)
        }
        trace.record(
            component: "reconcile", event: "\(accountID) repairs=\(final.total) \(StableJSON.serialize(final.json))")
        return final
    }

    /// The orphan sweep of an account being unlinked (engine rule 9: nothing of ours is left
    /// behind), run before the unlink finishes. A mirror whose create was applied but whose every
    /// response was lost has a row without a provider event ID, so its queued delete could only be
    /// recorded done; an unlinking account is never reconciled, so this listing of its mirror
    /// calendars is what finds such an event, by its markers, and deletes it. A calendar that is
    /// gone holds nothing to delete. Returns the orphans deleted.
    public func sweepForUnlink(now: Timestamp) async throws -> Int {
        var repairs = ReconcileRepairs()
        let scopes = try await account.withStore { store throws(StoreError) in try store.scopes() }
        let provider = await account.provider(using: factory)
        try await sweepMirrorCalendars(of: scopes, now: now, provider: provider, placeVanishedAgain: false, repairs: &repairs)
        trace.record(component: "reconcile", event: "\(account.accountID) unlink-sweep orphans=\(repairs.orphansDeleted)")
        return repairs.orphansDeleted
    }

    /// Step 2: lists every calendar our mirrors live in, corrects drift, deletes orphans and (after
    /// the listings) tombstones ACTIVE mirrors whose event is gone. A vanished mirror calendar is
    /// dropped and its mirrors placed again when `placeVanishedAgain`, else skipped.
    private func sweepMirrorCalendars(
        of scopes: [CalendarScope], now: Timestamp, provider: any CalendarProvider, placeVanishedAgain: Bool,
        repairs: inout ReconcileRepairs
    ) async throws {
        let mirrorCalendars = Set(
            scopes.filter { $0.role == .overlay || $0.role == .primary }.map(\.providerCalendarID)
        ).sorted()
        var seen: Set<String> = []
        for calendarID in mirrorCalendars {
            let window = configuration.window(at: now)
            guard
                let listing = try await ProviderError.unlessGone({ () async throws(ProviderError) in
                    try await provider.fullListing(calendarID: calendarID, window: window)
                })
            else {
                guard placeVanishedAgain else { continue }
                let recovery = OverlayRecovery(graph: graph, account: account, trace: trace)
                guard let queued = try await recovery.recoverIfVanished(calendarID: calendarID, provider: provider)
                else {
                    throw ProviderError.notFound(ProviderErrorContext(provider: account.kind, operation: "full listing"))
                }
                repairs.mirrorsReplaced += queued
                continue
            }
            let records = listing.records.filter { !$0.isDeletion }
            for record in records { seen.insert(record.delta.providerEventID) }
            var drift = DriftBatch(graph: graph, accountID: account.accountID)
            for (record, recorded) in zip(records, try await recordedMirrors(of: records)) {
                try await repairManaged(record, recorded: recorded, provider: provider, drift: &drift, repairs: &repairs)
            }
            try await drift.flush(into: &repairs)
        }
        try await tombstoneVanished(
            seen: seen, calendars: mirrorCalendars, window: configuration.window(at: now), provider: provider,
            repairs: &repairs)
    }

    /// The mirror row recorded for each record's provider event ID, read in one visit of the graph.
    /// Reading them before the listing's repairs gives what reading each just before its own repair
    /// gives: a repair writes only its own row, found by its own provider event ID.
    private func recordedMirrors(of records: [ProviderEventRecord]) async throws -> [MirrorRecord?] {
        let accountID = account.accountID
        let eventIDs = records.map(\.delta.providerEventID)
        return try await graph.inspect { store throws(StoreError) in
            var found: [MirrorRecord?] = []
            for eventID in eventIDs { found.append(try store.recordedMirror(inAccount: accountID, providerEventID: eventID)) }
            return found
        }
    }

    /// A managed event seen in a mirror calendar: drift is corrected through the graph (queued in
    /// `drift`, applied in order before anything else happens); one with no live mirror row is an
    /// orphan of ours and is deleted.
    private func repairManaged(
        _ record: ProviderEventRecord, recorded: MirrorRecord?, provider: any CalendarProvider, drift: inout DriftBatch,
        repairs: inout ReconcileRepairs
    ) async throws {
        let accountID = account.accountID
        let eventID = record.delta.providerEventID
        #if TMINUS_SEEDED_DEFECTS
            if Defects.isActive(.sweepOrphansWithoutMarkerCheck), recorded == nil {
                try await drift.flush(into: &repairs)
                _ = try await ProviderError.unlessGone { () async throws(ProviderError) in
                    try await provider.deleteEvent(at: record.address, precondition: .none)
                }
                repairs.orphansDeleted += 1
                return
            }
        #endif
        guard case .managedMirror = EventClassifier.classify(record.delta.markers, isRecordedMirror: recorded != nil) else {
            return  // an origin in a mirror calendar (e.g. the primary): the sync of that scope owns it
        }
        if let recorded, recorded.state == .active || recorded.state == .pending {
            try await drift.add(record.delta, repairs: &repairs)
            return
        }
        try await drift.flush(into: &repairs)
        if recorded == nil, case .ours(let canonicalEventID) = EventClassifier.mirrorOwnership(record.delta.markers) {
            let row = try await graph.mirror(canonicalEventID: canonicalEventID, targetAccountID: accountID)
            if let row, row.state == .active || row.state == .pending,
                row.providerEventID == nil || row.providerEventID == eventID
            {
                return  // ours and wanted: the row just has not recorded its provider ID yet
            }
        }
        _ = try await ProviderError.unlessGone { () async throws(ProviderError) in
            try await provider.deleteEvent(at: record.address, precondition: .none)
        }
        repairs.orphansDeleted += 1
    }

    /// ACTIVE mirrors whose provider event no listing showed: probe, and tombstone the ones gone.
    /// A mirror of an event wholly outside the listings' `window` was not listed because of its time,
    /// not its absence: it is not probed (one call a mirror a day, for every mirror older than the
    /// look-behind, before session 17).
    private func tombstoneVanished(
        seen: Set<String>, calendars: [String], window: ListingWindow, provider: any CalendarProvider,
        repairs: inout ReconcileRepairs
    ) async throws {
        let accountID = account.accountID
        let configuration = configuration
        let unseen = try await graph.inspect { store throws(StoreError) in
            var rows: [(row: MirrorRecord, address: EventAddress)] = []
            for row in try store.mirrors(targeting: accountID) {
                guard row.state == .active, let eventID = row.providerEventID, let calendarID = row.targetCalendarID,
                    !seen.contains(eventID), calendars.contains(calendarID)
                else { continue }
                if let event = try store.event(id: row.canonicalEventID), configuration.liesOutside(event, window) { continue }
                rows.append((row, EventAddress(calendarID: calendarID, eventID: eventID)))
            }
            return rows
        }
        for (row, address) in unseen {
            let probed = try await ProviderError.unlessGone { () async throws(ProviderError) in
                try await provider.event(at: address)
            }
            if probed == nil || probed?.isDeletion == true {
                try await graph.markMirrorTombstoned(canonicalEventID: row.canonicalEventID, targetAccountID: accountID)
                repairs.vanishedMirrorsTombstoned += 1
            }
        }
    }
}
