import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusStore

/// The checks that read the engine's stores and compare them with the fakes and with the last
/// check: A (classification of recorded mirrors), B (stable canonical IDs), C (recorded hashes are
/// the projection), F (authority overrides are journaled), I (journal complete and append-only).
extension WorldChecker {
    /// What the stores hold now and what changed since the last check: one read per check (in one
    /// read transaction) of the rows written since, shared by all of its invariants.
    struct StoreView {
        /// Every canonical event and mirror row (kept up to date from the changes).
        var store: CheckedStore
        /// The rows written since the last check.
        var delta: CheckedStore.Delta
        /// The journal entries appended since the last check, oldest first.
        var journal: [JournalEntry]
        var edges: [PolicyEdge]
        var byID: [String: CanonicalEvent] { store.byID }
        /// Accounts whose unlink has started but not finished (their mirrors are being deleted).
        var unlinking: Set<String> = []
    }

    /// Reads the rows written since the last check (``UserGraphChanges``), the journal entries
    /// appended since, and the effective edges; in ``crossCheck`` mode also reads everything and
    /// throws when the incremental view differs from it.
    func readStores() async throws -> StoreView {
        let graph = try await world.engine.graph(of: world.userID)
        let (position, journalFrom) = memory.withLock { ($0.store.position, $0.journalHighest) }
        let (changes, journal, edges, unlinking) = try await graph.inspect { store throws(StoreError) in
            (
                try store.changes(after: position), try store.journalEntries(after: journalFrom),
                try store.effectiveEdges(), try Self.unlinking(store)
            )
        }
        var (store, delta) = memory.withLock { memory in
            let delta = memory.store.apply(changes)
            return (memory.store, delta)
        }
        if !store.holdsAsManyRows(as: changes) {
            // A row vanished from under its key (deleted or re-keyed): read everything again, and
            // judge every row as written since.
            let all = try await graph.inspect { store throws(StoreError) in try store.changes(after: UserGraphChangePosition()) }
            (store, delta) = memory.withLock { memory in
                memory.store = CheckedStore()
                let delta = memory.store.apply(all)
                return (memory.store, delta)
            }
        }
        if crossCheck {
            let (events, mirrors) = try await graph.inspect { store throws(StoreError) in
                (try store.allEvents(), try store.allMirrors())
            }
            guard events == store.events, mirrors == store.allMirrors else {
                throw CheckerViewMismatch(what: "the canonical events or mirror rows (\(events.count), \(mirrors.count))")
            }
        }
        return StoreView(store: store, delta: delta, journal: journal, edges: edges, unlinking: unlinking)
    }

    /// Accounts whose unlink has started but not finished (a few rows, read whole).
    static func unlinking(_ store: UserGraphStore) throws(StoreError) -> Set<String> {
        Set(try store.linkedAccounts().filter { $0.status == "unlinking" }.map(\.accountID))
    }

    /// I (append-only half), in ``crossCheck`` mode only: every journal entry seen before is still
    /// there, unchanged. Without it the store's append-only triggers guarantee this (an UPDATE or
    /// DELETE of the journal aborts), so a check reads only the entries appended since.
    func checkJournalUnchanged(now: Timestamp) async throws -> [WorldViolation] {
        guard crossCheck else { return [] }
        let graph = try await world.engine.graph(of: world.userID)
        let journal = try await graph.inspect { store throws(StoreError) in try store.journalEntries() }
        var current: [Int64: String] = [:]
        for entry in journal { current[entry.sequence] = Self.fingerprint(entry) }
        return memory.withLock { memory in
            memory.journal.keys.sorted().filter { current[$0] != memory.journal[$0] }.map { sequence in
                WorldViolation(
                    invariant: "I", at: now,
                    message: "journal entry #\(sequence) was \(current[sequence] == nil ? "removed" : "rewritten")",
                    objects: [memory.journal[sequence]!])
            }
        }
    }

    private static func fingerprint(_ entry: JournalEntry) -> String {
        "\(entry.journalID) \(entry.changeType.rawValue) \(entry.canonicalEventID ?? "-")"
    }

    /// B, I, F: compares the canonical events written since the last check, and the journal
    /// entries appended since, with what the last check saw, then remembers them. An event not
    /// written since is what the last check saw, so none of B, I, F can find anything new in it.
    func checkHistory(_ view: StoreView, now: Timestamp) -> [WorldViolation] {
        memory.withLock { memory in
            var found: [WorldViolation] = []
            // I, F: which events have entries (and field overrides) since the last check.
            var journaledSince: Set<String> = []
            var overriddenSince: Set<String> = []
            for entry in view.journal {
                if crossCheck { memory.journal[entry.sequence] = Self.fingerprint(entry) }
                guard let id = entry.canonicalEventID else { continue }
                journaledSince.insert(id)
                memory.journaledIDs.insert(id)
                if entry.changeType == .fieldOverride { overriddenSince.insert(id) }
            }
            for event in view.delta.events {
                let origin = CheckedStore.origin(event)
                // B: one origin, one canonical ID, for life.
                if let known = memory.canonicalByOrigin[origin], known != event.id {
                    found.append(
                        WorldViolation(
                            invariant: "B", at: now,
                            message: "origin \(event.originEventID) of \(event.originAccountID) is now \(event.id), was \(known)",
                            objects: [event.id, known, event.originEventID]))
                }
                if let known = memory.originByCanonical[event.id], known != origin {
                    found.append(
                        WorldViolation(
                            invariant: "B", at: now, message: "canonical \(event.id) changed its origin from \(known)",
                            objects: [event.id]))
                }
                memory.canonicalByOrigin[origin] = event.id
                memory.originByCanonical[event.id] = origin
                // I: a new or changed canonical event has a journal entry since the last check.
                let before = memory.events[event.id]
                let changed =
                    before.map {
                        $0.version != event.version || $0.isDeleted != event.isDeleted || $0.content != event.content
                    } ?? true
                let journaled = before == nil ? memory.journaledIDs.contains(event.id) : journaledSince.contains(event.id)
                if changed && !journaled {
                    found.append(
                        WorldViolation(
                            invariant: "I", at: now,
                            message:
                                "canonical \(event.id) \(before == nil ? "was created" : "changed to v\(event.version)") "
                                + "without a journal entry",
                            objects: [event.id]))
                }
                // F: a field taken over from another authority was journaled as a field_override.
                if let before, changed {
                    let taken = event.content.changedFields(comparedTo: before.content).filter { field in
                        guard let previous = before.authority[field], let now = event.authority[field] else { return false }
                        return previous != now
                    }
                    if !taken.isEmpty && !overriddenSince.contains(event.id) {
                        found.append(
                            WorldViolation(
                                invariant: "F", at: now,
                                message:
                                    "canonical \(event.id): \(taken.map(\.rawValue).joined(separator: ",")) changed "
                                    + "authority without a field_override",
                                objects: [event.id]))
                    }
                }
                memory.events[event.id] = CheckerMemory.EventSnapshot(
                    version: event.version, content: event.content, isDeleted: event.isDeleted,
                    authority: event.authority)
            }
            memory.journalHighest = view.journal.last?.sequence ?? memory.journalHighest
            return found
        }
    }

    /// C: every ACTIVE mirror's recorded hash is what its canonical event compiles to at the row's
    /// detail and kind (the projection is deterministic and the row tells the truth).
    func checkRecordedHashes(_ view: StoreView, now: Timestamp) -> [WorldViolation] {
        // Only rows written since the last check, or whose canonical event was: for any other row
        // both inputs are what the last check judged, and the compiler is a pure function.
        var keys = Set(view.delta.mirrors.map {
            CheckedStore.MirrorKey(canonicalEventID: $0.canonicalEventID, targetAccountID: $0.targetAccountID)
        })
        for event in view.delta.events { keys.formUnion(view.store.mirrorKeysByEvent[event.id] ?? []) }
        var found: [WorldViolation] = []
        for key in keys.sorted() {
            guard let mirror = view.store.mirrors[key], mirror.state == .active, let hash = mirror.lastProjectedHash,
                let event = view.byID[mirror.canonicalEventID], event.isProjectable,
                let compiled = projectionHash(of: event, detail: mirror.detail, kind: mirror.kind)
            else { continue }
            if compiled != hash {
                found.append(
                    WorldViolation(
                        invariant: "C", at: now,
                        message:
                            "mirror of \(event.id) in \(mirror.targetAccountID) records hash \(hash.prefix(12)), "
                            + "but v\(event.version) compiles to \(compiled.prefix(12))",
                        objects: [event.id, mirror.targetAccountID]))
            }
        }
        return found
    }

    /// The hash `event` compiles to at `detail` and `kind` (nil when it projects to nothing), compiled
    /// again only when the event differs from the one compiled last time for that key: the compiler
    /// is a pure function of its arguments, so the answer is the compiler's own.
    private func projectionHash(of event: CanonicalEvent, detail: DetailLevel, kind: CalendarKind) -> String? {
        let key = CheckerMemory.ProjectionKey(canonicalEventID: event.id, detail: detail, kind: kind)
        if let known = memory.withLock({ $0.projections[key] }), known.event == event { return known.hash }
        let hash = ProjectionCompiler.project(event, detail: detail, kind: kind)?.hash
        memory.withLock { $0.projections[key] = CheckerMemory.CompiledProjection(event: event, hash: hash) }
        return hash
    }

    /// A (at quiescence, once the engine has read every event): an event another tool tagged as its
    /// own (foreign managed) is an origin to us, so it has a live canonical event, when it lies
    /// inside `span` (``WorldChecker/coveredSpan(now:)``).
    func checkForeignOrigins(_ events: [CanonicalEvent], within span: ListingWindow, now: Timestamp) -> [WorldViolation] {
        var origins: Set<String> = []
        for event in events where !event.isDeleted { origins.insert("\(event.originAccountID)|\(event.originEventID)") }
        var found: [WorldViolation] = []
        for host in world.hosts {
            let calendars = host.inspection.inspectCalendars()
            for account in world.accounts where account.provider == host.kind && !detachedAccountIDs.contains(account.accountID) {
                let primary = calendars.first { $0.account == account.login && $0.id == account.primaryCalendarID }
                for event in primary?.liveEvents ?? [] where !origins.contains("\(account.accountID)|\(event.id)") {
                    guard case .foreignManaged = world.classify(event, in: account) else { continue }
                    // Wholly outside the listing window, the engine need not have seen it (as M).
                    if let start = event.start, let end = event.end, !span.overlaps(from: start.instant, to: end.instant) {
                        continue
                    }
                    found.append(
                        WorldViolation(
                            invariant: "A", at: now,
                            message: "foreign-managed \(event.id) in \(account.accountID) was never ingested as an origin",
                            objects: [event.id, account.accountID]))
                }
            }
        }
        return found
    }
}
