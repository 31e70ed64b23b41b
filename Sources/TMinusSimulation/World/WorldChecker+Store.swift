import TMinusCore
import TMinusEngine
import TMinusStore

/// The checks that read the engine's stores and compare them with the fakes and with the last
/// check: A (classification of recorded mirrors), B (stable canonical IDs), C (recorded hashes are
/// the projection), F (authority overrides are journaled), I (journal complete and append-only).
extension WorldChecker {
    /// What the stores hold now, read once per check (in one read transaction) and shared by all
    /// of its invariants.
    struct StoreView {
        var events: [CanonicalEvent]
        var mirrors: [MirrorRecord]
        var journal: [JournalEntry]
        var edges: [PolicyEdge]
        var byID: [String: CanonicalEvent]
        /// Accounts whose unlink has started but not finished (their mirrors are being deleted).
        var unlinking: Set<String> = []
    }

    func readStores() async throws -> StoreView {
        let graph = try await world.engine.graph(of: world.userID)
        let (events, mirrors, journal, edges, linked) = try await graph.inspect { store throws(StoreError) in
            (
                try store.allEvents(), try store.allMirrors(), try store.journalEntries(), try store.effectiveEdges(),
                try store.linkedAccounts()
            )
        }
        return StoreView(
            events: events, mirrors: mirrors, journal: journal, edges: edges,
            byID: Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            unlinking: Set(linked.filter { $0.status == "unlinking" }.map(\.accountID)))
    }

    /// B, I, F: compares the canonical store and journal with the last check, then remembers them.
    func checkHistory(_ view: StoreView, now: Timestamp) -> [WorldViolation] {
        memory.withLock { memory in
            var found: [WorldViolation] = []
            // I: the journal is append-only — every entry seen before is still there, unchanged.
            var current: [Int64: String] = [:]
            var newest: [String: Int64] = [:]
            var overrides: [String: Int64] = [:]
            var created: Set<String> = []
            for entry in view.journal {
                current[entry.sequence] = "\(entry.journalID) \(entry.changeType.rawValue) \(entry.canonicalEventID ?? "-")"
                guard let id = entry.canonicalEventID else { continue }
                newest[id] = max(newest[id] ?? 0, entry.sequence)
                created.insert(id)
                if entry.changeType == .fieldOverride { overrides[id] = max(overrides[id] ?? 0, entry.sequence) }
            }
            for sequence in memory.journal.keys.sorted() where current[sequence] != memory.journal[sequence] {
                found.append(
                    WorldViolation(
                        invariant: "I", at: now,
                        message: "journal entry #\(sequence) was \(current[sequence] == nil ? "removed" : "rewritten")",
                        objects: [memory.journal[sequence]!]))
            }
            for event in view.events {
                let origin = "\(event.originAccountID)|\(event.originEventID)"
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
                let journaled = before == nil ? created.contains(event.id) : (newest[event.id] ?? 0) > memory.journalHighest
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
                    if !taken.isEmpty && (overrides[event.id] ?? 0) <= memory.journalHighest {
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
            memory.journal = current
            memory.journalHighest = view.journal.last?.sequence ?? memory.journalHighest
            return found
        }
    }

    /// C: every ACTIVE mirror's recorded hash is what its canonical event compiles to at the row's
    /// detail and kind (the projection is deterministic and the row tells the truth).
    func checkRecordedHashes(_ view: StoreView, now: Timestamp) -> [WorldViolation] {
        var found: [WorldViolation] = []
        for mirror in view.mirrors where mirror.state == .active {
            guard let hash = mirror.lastProjectedHash, let event = view.byID[mirror.canonicalEventID],
                event.isProjectable, let compiled = projectionHash(of: event, detail: mirror.detail, kind: mirror.kind)
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
    /// own (foreign managed) is an origin to us, so it has a live canonical event.
    func checkForeignOrigins(_ events: [CanonicalEvent], now: Timestamp) -> [WorldViolation] {
        var origins: Set<String> = []
        for event in events where !event.isDeleted { origins.insert("\(event.originAccountID)|\(event.originEventID)") }
        var found: [WorldViolation] = []
        for host in world.hosts {
            let calendars = host.inspection.inspectCalendars()
            for account in world.accounts where account.provider == host.kind && !detachedAccountIDs.contains(account.accountID) {
                let primary = calendars.first { $0.account == account.login && $0.id == account.primaryCalendarID }
                for event in primary?.liveEvents ?? [] where !origins.contains("\(account.accountID)|\(event.id)") {
                    guard case .foreignManaged = world.classify(event, in: account)
                    else { continue }
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

    /// A: every provider event the engine recorded is classified one way, as the truth has it — an
    /// ACTIVE mirror row points at an event carrying our markers for that canonical event, and no
    /// provider event is both a live origin and a recorded mirror.
    func checkClassification(_ view: StoreView, live: [String: [String: InspectedEvent]], now: Timestamp)
        -> [WorldViolation]
    {
        var found: [WorldViolation] = []
        var origins: Set<String> = []
        for event in view.events where !event.isDeleted { origins.insert("\(event.originAccountID)|\(event.originEventID)") }
        let accounts = Dictionary(world.accounts.map { ($0.accountID, $0) }, uniquingKeysWith: { first, _ in first })
        for mirror in view.mirrors where mirror.state == .active {
            guard let providerID = mirror.providerEventID, let account = accounts[mirror.targetAccountID] else { continue }
            if origins.contains("\(mirror.targetAccountID)|\(providerID)") {
                found.append(
                    WorldViolation(
                        invariant: "A", at: now,
                        message:
                            "\(providerID) in \(mirror.targetAccountID) is both an origin and the mirror of "
                            + mirror.canonicalEventID,
                        objects: [providerID, mirror.canonicalEventID, mirror.targetAccountID]))
            }
            guard let event = live[account.login]?[providerID] else { continue }
            let classification = world.classify(event, in: account)
            if case .managedMirror(let markers?) = classification, markers.canonicalEventID == mirror.canonicalEventID {
                continue
            }
            found.append(
                WorldViolation(
                    invariant: "A", at: now,
                    message:
                        "\(providerID) in \(mirror.targetAccountID) is recorded as the mirror of \(mirror.canonicalEventID) "
                        + "but is \(classification.isOrigin ? "an origin" : "another event's mirror")",
                    objects: [providerID, mirror.canonicalEventID, mirror.targetAccountID]))
        }
        return found
    }
}
