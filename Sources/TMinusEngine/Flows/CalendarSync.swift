public import TMinusCore
import TMinusProviders
public import TMinusQueues
import TMinusStore

/// The sync consumer's work for one scoped calendar of one account (flow A; engine rules 1–3, 7).
///
/// Reads the changes since the calendar's cursor (all pages), or a full listing when there is no
/// cursor or it became invalid; applies every record to the user graph in one transaction
/// (classification, drift and tombstones happen there); for a full listing, probes the origins the
/// listing did not mention and deletes only on a probe's positive answer, unless too many look
/// missing at once (circuit breaker); and only then stores the new cursor.
public struct CalendarSync: Sendable {
    let graph: UserGraph
    let account: AccountState
    let factory: ProviderFactory
    let trace: any TraceSink
    let configuration: SyncConfiguration
    let crashes: any CrashInjector

    /// Creates the flow for one account.
    public init(
        graph: UserGraph, account: AccountState, factory: @escaping ProviderFactory, trace: any TraceSink,
        configuration: SyncConfiguration = SyncConfiguration(), crashes: any CrashInjector = NeverCrash()
    ) {
        self.graph = graph
        self.account = account
        self.factory = factory
        self.trace = trace
        self.configuration = configuration
        self.crashes = crashes
    }

    /// Syncs one calendar; `full` forces a full listing (reconcile, onboarding).
    public func run(calendarID: String, full: Bool, now: Timestamp) async -> HandlerDecision {
        do {
            let report = try await sync(calendarID: calendarID, full: full, now: now, recordsSuccess: true)
            record("synced \(account.accountID)/\(calendarID) \(report)")
            return .ack
        } catch let error as ProviderError {
            try? await account.withStore { store throws(StoreError) in try store.recordSync(error: error.kind) }
            record("error \(account.accountID)/\(calendarID) \(error.kind)")
            switch error.recovery {
            case .retryAfter(let wait): return .retry(after: wait, error: error.description)
            case .relinkAccount: return .ack  // the account is flagged; retrying would only storm
            case .pauseWritesAndAlert: return await account.postponeForSpentQuota(error)
            case .doNotRetry: return .deadLetter(error: error.description)
            default: return .retry(after: nil, error: error.description)
            }
        } catch {
            record("error \(account.accountID)/\(calendarID) \(error)")
            return .retry(after: nil, error: "\(error)")
        }
    }

    /// Syncs one calendar. The last transaction stores the new cursor together with the sync's
    /// health: a tripped circuit breaker's error always, a success only when `recordsSuccess`.
    func sync(calendarID: String, full: Bool, now: Timestamp, recordsSuccess: Bool = false) async throws -> SyncReport {
        try crashes.ensureAlive()
        let provider = await account.provider(using: factory)
        let stored =
            full
            ? nil : try await account.withStore { store throws(StoreError) in try store.cursor(calendarID: calendarID) }
        var listing: EventListing
        var window: ListingWindow?
        var report = SyncReport()
        if let stored,
            let changes = try await Self.unlessCursorInvalid({ () async throws(ProviderError) in
                try await provider.changes(calendarID: calendarID, since: SyncCursor(stored))
            })
        {
            listing = changes
        } else {
            report.cursorReset = stored != nil
            if stored != nil {
                try await account.withStore { store throws(StoreError) in
                    try store.setCursor(nil, calendarID: calendarID)
                }
            }
            window = configuration.window(at: now)
            listing = try await provider.fullListing(calendarID: calendarID, window: window)
        }
        try crashes.reach(.syncAfterListing)
        let applied = try await graph.applyProviderDeltas(accountID: account.accountID, listing.records.map(\.delta))
        report.applied = applied
        if listing.isFullListing {
            try await probeMissing(listing, window: window, calendarID: calendarID, provider: provider, report: &report)
        }
        try crashes.reach(.syncAfterCommit)
        let cursor = listing.cursor.rawValue
        let outcome: SyncOutcome? = report.circuitBreaker.map { .failed($0.error) } ?? (recordsSuccess ? .succeeded : nil)
        try await account.withStore { store throws(StoreError) in
            try store.finishSync(cursor: cursor, calendarID: calendarID, outcome: outcome)
        }
        return report
    }

    /// Engine rule 3: absence from a full listing is not evidence. Probe each missing origin; delete
    /// only on a positive answer; refuse to delete anything when too many look missing at once.
    /// An origin wholly outside the listing's `window` is neither missing nor counted
    /// (``SyncConfiguration/liesOutside(_:_:)``).
    private func probeMissing(
        _ listing: EventListing, window: ListingWindow?, calendarID: String, provider: any CalendarProvider,
        report: inout SyncReport
    ) async throws {
        let listed = Set(listing.records.map(\.delta.providerEventID))
        // Only what the window covers is known to this listing: the breaker's share counts those.
        let known = try await graph.liveEvents(originAccountID: account.accountID, calendarID: calendarID)
            .filter { event in !(window.map { configuration.liesOutside(event, $0) } ?? false) }
        let missing = known.filter { !listed.contains($0.originEventID) }
        guard !missing.isEmpty else { return }
        if known.count > 0,
            UInt64(missing.count) * configuration.circuitBreaker.denominator
                > UInt64(known.count) * configuration.circuitBreaker.numerator
        {
            report.circuitBreaker = CircuitBreakerTrip(missing: missing.count, known: known.count)
            record("circuit-breaker \(account.accountID)/\(calendarID) missing=\(missing.count) of \(known.count)")
            return
        }
        var deletions: [ProviderEventDelta] = []
        for event in missing {
            let address = EventAddress(calendarID: calendarID, eventID: event.originEventID)
            let probed = try await ProviderError.unlessGone { () async throws(ProviderError) in
                try await provider.event(at: address)
            }
            if let probed {
                if probed.isDeletion { deletions.append(probed.delta) }
            } else {
                deletions.append(
                    ProviderEventDelta(
                        kind: .deleted, providerEventID: event.originEventID, calendarID: calendarID, content: nil))
            }
        }
        report.probed = missing.count
        if !deletions.isEmpty {
            report.probeDeletes = deletions.count
            _ = try await graph.applyProviderDeltas(accountID: account.accountID, deletions)
        }
    }

    private func record(_ event: String) { trace.record(component: "sync", event: event) }

    /// The body's result, or nil when the provider says the cursor is no longer valid.
    static func unlessCursorInvalid<T>(_ body: () async throws(ProviderError) -> T) async throws(ProviderError) -> T? {
        do {
            return try await body()
        } catch {
            if case .cursorInvalid = error { return nil }
            throw error
        }
    }
}

/// What one calendar sync did, for the trace.
struct SyncReport: CustomStringConvertible {
    var applied = ApplyResult()
    var cursorReset = false
    var probed = 0
    var probeDeletes = 0
    /// Set when the circuit breaker refused a full listing's deletions.
    var circuitBreaker: CircuitBreakerTrip?

    var description: String {
        "created=\(applied.created) updated=\(applied.updated) deleted=\(applied.deleted) unchanged=\(applied.unchanged) "
            + "echoes=\(applied.managedEchoes) drift=\(applied.driftCorrected) tombstoned=\(applied.tombstoned) "
            + "probed=\(probed) probe-deletes=\(probeDeletes)" + (cursorReset ? " cursor-reset" : "")
            + (circuitBreaker != nil ? " circuit-breaker" : "")
    }
}

/// A full listing in which too many known origins looked missing (engine rule 3's circuit breaker).
struct CircuitBreakerTrip {
    var missing: Int
    var known: Int

    /// What the account's sync health records.
    var error: String { "circuit breaker: \(missing) of \(known) events missing from a full listing" }
}
