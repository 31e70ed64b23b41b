import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusStore

/// Checks the invariants by reading two things: the engine's own stores and the fake providers'
/// **true** state (never the engine's account of what it wrote).
///
/// Safety checks (run after every step that changed something they read, ``needsSafetyCheck()``):
/// A — every recorded mirror is an event carrying our markers for its canonical event, and no
/// provider event is both an origin and a mirror; B — one origin maps to one canonical ID for life;
/// C — every ACTIVE mirror's recorded hash is its canonical event's projection, and no write
/// repeats content the engine already saw accepted (the providers' write log) unless a human or a
/// policy change (detail level and kind are in the hash) changed what the mirror must be; D — at most one
/// mirror of a canonical event per account; E — no canonical event originates from one of our
/// mirrors; F — a field taken over from another authority is journaled as a `field_override`;
/// G — every human-authored event the humans did not delete still exists as they left it;
/// H — no mirror shows an origin's title unless a TITLE/FULL edge allows it and the origin is not
/// private; I — every new or changed canonical event has a journal entry, and the journal only
/// grows; J — one change of one mirror gets at most 1 + retries writes; K — no request is repeated
/// before the `Retry-After` the engine received; L — every mirror row waiting for a write still
/// has a queued command (none acknowledged before its effect was committed).
/// Liveness (at quiescence): M — every account holds exactly the projection of the canonical store,
/// and every event the humans left inside the engine's listing window has a canonical event showing
/// its latest title and times.
///
/// B, C (writes), F, I, J and K compare the present with the past: the checker keeps what it needs
/// in ``CheckerMemory`` (shared by copies of the checker). A check reads only the engine's rows
/// written since the last one (``CheckedStore`` keeps the whole view), the write log since, and
/// the fakes' events and the humans' ledger entries changed since (``FakeView`` keeps the whole
/// view); each invariant judges only what changed (see ``checkFakeSide(_:fakes:ledger:scope:now:)``).
public struct WorldChecker: Sendable {
    let world: SyncWorld
    let memory = LockedBox(CheckerMemory())
    /// Engine account IDs no longer expected to converge (unlinked, or their grant revoked):
    /// convergence (M) skips them; the safety checks still cover them.
    public var detachedAccountIDs: Set<String> = []
    /// Cross-check mode (tests): every check also reads the whole store and every fake's whole
    /// state and compares them with the incremental views, and judges every fake-side item besides
    /// the changed ones (throwing ``CheckerViewMismatch`` on any difference), and I also compares
    /// the whole journal with the one seen before.
    public var crossCheck = false

    /// Creates a checker for `world`.
    public init(world: SyncWorld) { self.world = world }

    /// The safety invariants, now.
    public func checkSafety() async throws -> [WorldViolation] {
        let now = world.clock.now()
        var violations: [WorldViolation] = []
        // One read of the stores per check, shared by every check below.
        let view = try await readStores()
        let (fakes, ledger, scope) = try readFakes(view)
        violations += try checkFakeSide(view, fakes: fakes, ledger: ledger, scope: scope, now: now)
        violations += try await checkJournalUnchanged(now: now)
        violations += checkHistory(view, now: now)
        violations += checkRecordedHashes(view, now: now)
        violations += checkWrites(now: now)
        violations += try await checkDurability(view, now: now)
        return violations
    }

    /// What the write log showed so far: event writes, and the most attempts one change of one
    /// mirror took (the report's writes per change).
    public var writeCounts: (writes: Int, maxPerChange: Int) {
        memory.withLock { ($0.writes, $0.maxWritesPerChange) }
    }

    /// M: each account holds exactly the projection of the canonical store (no mirror missing,
    /// orphaned or drifted), and every live human event the engine's listings covered
    /// (``coveredSpan(now:)``) has a live canonical event showing what its owner last left (title,
    /// start and end of a single event or a changed occurrence).
    public func checkConvergence() async throws -> [WorldViolation] {
        let now = world.clock.now()
        let span = coveredSpan(now: now)
        var violations: [WorldViolation] = []
        let graph = try await world.engine.graph(of: world.userID)
        let events = try await graph.inspect { store throws(StoreError) in try store.allEvents() }
        let edges = try await graph.inspect { store throws(StoreError) in try store.effectiveEdges() }
        let mirrors = try await graph.inspect { store throws(StoreError) in try store.allMirrors() }
        violations += checkForeignOrigins(events, within: span, now: now)
        let lookups = ConvergenceLookups(events: events, edges: edges, mirrors: mirrors)
        for account in world.accounts where !detachedAccountIDs.contains(account.accountID) {
            var expected: [String: Projection] = [:]
            for event in events where event.isProjectable {
                guard
                    let edge = lookups.edge(from: event.originAccountID, to: account.accountID),
                    lookups.mirrorState(of: event.id, in: account.accountID) != .tombstoned,
                    let projection = ProjectionCompiler.project(event, detail: edge.detail, kind: edge.kind)
                else { continue }
                expected[event.id] = projection
            }
            var actual: [String: InspectedEvent] = [:]
            for (_, event) in world.managedEvents(of: account) {
                guard
                    case .managedMirror(let markers?) = world.classify(event, in: account)
                else { continue }
                actual[markers.canonicalEventID] = event
            }
            for id in expected.keys.sorted() {
                guard let found = actual[id] else {
                    violations.append(
                        WorldViolation(
                            invariant: "M", at: now, message: "mirror of \(id) missing in \(account.accountID)"))
                    continue
                }
                let want = expected[id]!.payload
                if found.title != want.summary || found.start?.instant != want.start.instant
                    || found.end?.instant != want.end.instant
                {
                    violations.append(
                        WorldViolation(
                            invariant: "M", at: now, message: "mirror of \(id) in \(account.accountID) drifted"))
                }
            }
            for id in actual.keys.sorted() where expected[id] == nil {
                violations.append(
                    WorldViolation(invariant: "M", at: now, message: "orphaned mirror of \(id) in \(account.accountID)")
                )
            }
            for entry in world.humanLedger.live(login: account.login)
            where !world.showsNothing(entry, in: account, within: span) {
                guard lookups.hasLiveCanonical(origin: entry.eventID, in: account.accountID) else {
                    violations.append(
                        WorldViolation(
                            invariant: "M", at: now,
                            message: "origin \(entry.eventID) of \(account.accountID) has no live canonical event"))
                    continue
                }
                if entry.recurrence.isEmpty, let canonical = lookups.liveCanonical(origin: entry.eventID, in: account.accountID),
                    let stale = Self.staleField(of: canonical, against: entry)
                {
                    violations.append(
                        WorldViolation(
                            invariant: "M", at: now,
                            message: "canonical \(canonical.id) of origin \(entry.eventID) in \(account.accountID) has a stale \(stale)",
                            objects: [canonical.id, entry.eventID, account.accountID]))
                }
            }
        }
        return violations
    }
}

extension WorldChecker {
    /// How far inside the engine's listing window an event must lie before M demands a canonical
    /// event for it: clock faults skew the engine's idea of now, and the providers' bounds differ
    /// (Google's `timeMin` is on the end and exclusive; Graph's window is fixed at its delta's start).
    static let windowMargin = Duration.seconds(2 * 86_400)

    /// The times every listing of the run covered, less ``windowMargin`` on each side: from the
    /// engine's look-behind before `now` (every earlier window reached at least that far back) to
    /// its look-ahead after the world was made (no window was anchored earlier: Graph keeps the
    /// window of its first delta round). Events wholly outside it may or may not have reached the
    /// engine, and either is right; an event moved out of it may be followed there (Google, CalDAV)
    /// or dropped (Graph's delta reports it removed).
    func coveredSpan(now: Timestamp) -> ListingWindow {
        let configuration = world.engine.syncConfiguration
        return ListingWindow(start: now.adding(.zero - configuration.lookBehind), end: world.createdAt.adding(configuration.lookAhead))
            .widened(by: .zero - Self.windowMargin)
    }

    /// The first of title, start and end in which `canonical` differs from what the person last
    /// left in `entry` (instants compared, so a zone or an all-day form does not count), or nil.
    static func staleField(of canonical: CanonicalEvent, against entry: HumanLedger.Entry) -> String? {
        if (canonical.content.title ?? "") != entry.title { return "title" }
        if canonical.content.start.instant != entry.start.instant { return "start" }
        if canonical.content.end.instant != entry.end.instant { return "end" }
        return nil
    }
}
