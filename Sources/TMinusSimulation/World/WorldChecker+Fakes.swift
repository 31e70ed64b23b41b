import TMinusCore
import TMinusEngine
import TMinusStore

/// The safety checks that read the fakes' true state — H (no mirror shows a title its edge does
/// not allow), D (at most one mirror per canonical event and account), G (the humans' events are
/// as they left them), E (no mirror ingested as an origin), A (a recorded mirror is our mirror of
/// its canonical event) — over the checker's view of the fakes (``FakeView``), judging only what
/// changed since the last check.
///
/// Each verdict is a function of a few inputs: the fake's event or an account's set of mirrors,
/// a ledger entry, a canonical event, a mirror row, and the accounts, edges and accounts being
/// unlinked. A check judges every item one of whose inputs changed since the last check (the
/// fakes' changed events, the ledger's changed entries, the store's rows written since), and
/// everything when the accounts, edges or unlinking accounts changed (rare: linking, policy
/// steps, unlinks). An item none of whose inputs changed gets the verdict the last check gave it,
/// and a violation it shows was reported then (the run reports each distinct violation once), so
/// a check finds exactly the new violations a walk over everything would. Cross-check mode walks
/// everything too and fails on any difference.
extension WorldChecker {
    /// What the fake-side checks judge at one check: what changed, or everything.
    struct FakeScope: Sendable {
        var everything: Bool
        /// The fakes' changes since the last check.
        var changes = FakeView.Changes()
        /// The ledger keys changed since the last check.
        var ledgerKeys: [String] = []
    }

    /// The inputs on which every fake-side verdict depends: when one changes, everything is judged.
    struct FakeInputs: Equatable, Sendable {
        var accounts: [WorldAccount]
        var unlinking: Set<String>
        var edges: [PolicyEdge]
    }

    /// Brings the checker's view of the fakes up to date from their change logs, reads the ledger's
    /// changes, and says what to judge. In ``crossCheck`` mode compares the view with a full
    /// inspection of every fake.
    func readFakes(_ view: StoreView) throws -> (FakeView, HumanLedger, FakeScope) {
        let ledger = world.humanLedger
        // Taken out of the memory while it is updated, so the update mutates the only copy.
        var (fakes, ledgerPosition, inputs) = memory.withLock { memory in
            let taken = (memory.fakes, memory.ledgerPosition, memory.fakeInputs)
            memory.fakes = FakeView()
            return taken
        }
        var changes = FakeView.Changes()
        for (index, host) in world.hosts.enumerated() {
            fakes.update(host: index, provider: host.kind, from: host.inspection, into: &changes)
        }
        let current = FakeInputs(accounts: world.accounts, unlinking: view.unlinking, edges: view.edges)
        let scope = FakeScope(
            everything: inputs != current, changes: changes, ledgerKeys: ledger.changes.keys(changedAfter: ledgerPosition))
        (ledgerPosition, inputs) = (ledger.changes.head, current)
        let updated = fakes
        memory.withLock { memory in
            (memory.fakes, memory.ledgerPosition, memory.fakeInputs) = (updated, ledgerPosition, inputs)
        }
        if crossCheck { try compareWithInspections(fakes) }
        return (fakes, ledger, scope)
    }

    /// Cross-check mode: the view lists exactly what each fake's full inspection lists, and its
    /// indexes are what the view's calendars give.
    private func compareWithInspections(_ fakes: FakeView) throws {
        for (index, host) in world.hosts.enumerated() {
            let truth = host.inspection.inspectCalendars()
            let seen = fakes.inspectedCalendars(host: index)
            guard seen != truth else { continue }
            let differing = zip(seen, truth).first { $0 != $1 }.map { "calendar \($0.0.id)" } ?? "the calendar list"
            throw CheckerViewMismatch(
                what: "the \(host.kind.rawValue) fake (\(differing); \(seen.count) vs \(truth.count) calendars)")
        }
        guard fakes.indexes == fakes.rebuiltIndexes() else {
            throw CheckerViewMismatch(what: "the indexes of the fakes' view")
        }
    }

    /// H, D, G, E, A in that order. In ``crossCheck`` mode also judges everything and fails when
    /// that finds a violation neither this check nor an earlier one reported.
    func checkFakeSide(_ view: StoreView, fakes: FakeView, ledger: HumanLedger, scope: FakeScope, now: Timestamp) throws
        -> [WorldViolation]
    {
        let found = judgeFakeSide(view, fakes: fakes, ledger: ledger, scope: scope, now: now)
        guard crossCheck else { return found }
        let everything = judgeFakeSide(view, fakes: fakes, ledger: ledger, scope: FakeScope(everything: true), now: now)
        let key = { (violation: WorldViolation) in "\(violation.invariant) \(violation.message)" }
        let foundKeys = Set(found.map(key))
        try memory.withLock { memory in
            if let missed = everything.first(where: { !foundKeys.contains(key($0)) && !memory.reported.contains(key($0)) }) {
                throw CheckerViewMismatch(what: "the incremental checks missed \(key(missed))")
            }
            memory.reported.formUnion(foundKeys)
        }
        return found
    }

    private func judgeFakeSide(
        _ view: StoreView, fakes: FakeView, ledger: HumanLedger, scope: FakeScope, now: Timestamp
    ) -> [WorldViolation] {
        checkMirrors(view, fakes: fakes, scope: scope, now: now)
            + checkHumanEvents(fakes: fakes, ledger: ledger, scope: scope, now: now)
            + checkNoManagedOrigins(view, fakes: fakes, scope: scope, now: now)
            + checkClassification(view, fakes: fakes, scope: scope, now: now)
    }

    /// The index of the fake of `provider` among the world's hosts (the one ``SyncWorld/host(for:)`` returns).
    private func hostIndex(of provider: ProviderKind) -> Int? { world.hosts.firstIndex { $0.kind == provider } }

    /// H and D over our mirrors in each account that is not being unlinked (its mirrors are on their
    /// way out until the unlink finishes; rule 9 then wants nothing of ours left there, including a
    /// mirror whose row never learned its event ID): H for every mirror of a canonical event whose
    /// mirrors there changed or whose row or event was written; D for every canonical event whose
    /// mirrors there changed.
    func checkMirrors(_ view: StoreView, fakes: FakeView, scope: FakeScope, now: Timestamp) -> [WorldViolation] {
        var violations: [WorldViolation] = []
        let written = Set(view.delta.events.map(\.id) + view.delta.mirrors.map(\.canonicalEventID))
        for account in world.accounts where !view.unlinking.contains(account.accountID) {
            guard let host = hostIndex(of: account.provider) else { continue }
            let ref = FakeView.AccountRef(host: host, login: account.login)
            let mirrors = fakes.indexes.mirrors[ref] ?? [:]
            let counted = scope.everything ? Set(mirrors.keys) : scope.changes.canonicals[ref] ?? []
            var judged: Set<FakeView.EventRef> = []
            for canonical in scope.everything ? counted : counted.union(written) { judged.formUnion(mirrors[canonical] ?? []) }
            for mirror in judged.sorted() {
                guard let stored = fakes.calendar(mirror.calendarID, host: host)?.events[mirror.eventID],
                    let canonical = stored.mirrored,
                    let violation = judgeTitle(of: stored.event, mirroring: canonical, in: account, view: view, now: now)
                else { continue }
                violations.append(violation)
            }
            for canonical in counted.sorted() {
                let count = mirrors[canonical]?.count ?? 0
                guard count > 1 else { continue }
                violations.append(
                    WorldViolation(invariant: "D", at: now, message: "\(count) mirrors of \(canonical) in \(account.accountID)"))
            }
        }
        return violations
    }

    /// H for one mirror: it shows its origin's title only through a TITLE/FULL edge (or an internal
    /// origin) and when the origin is not private. A mirror whose row waits for a write is on its
    /// way to what the policy now wants, however long the provider takes to accept it: being deleted
    /// (its edge removed, its origin unlinked, its account being unlinked) or being rewritten (a
    /// downgrade the provider answered with 503s, or that a revoked grant holds until the relink).
    /// L holds that its command exists; the write that lands makes the row ACTIVE, and the mirror
    /// is judged again then, so a write that carries too much is still caught.
    private func judgeTitle(
        of event: InspectedEvent, mirroring canonical: String, in account: WorldAccount, view: StoreView, now: Timestamp
    ) -> WorldViolation? {
        guard let origin = view.byID[canonical], let title = origin.content.title,
            !view.store.waiting.contains(
                CheckedStore.MirrorKey(canonicalEventID: canonical, targetAccountID: account.accountID)),
            title != ProjectionCompiler.busyTitle,
            event.title == title
        else { return nil }
        let edge = view.edges.first { $0.fromAccountID == origin.originAccountID && $0.toAccountID == account.accountID }
        let allowed =
            (edge.map { $0.detail >= .title } ?? (origin.originAccountID == CanonicalEvent.internalOrigin))
            && !origin.content.visibility.restrictsProjection
        guard !allowed else { return nil }
        return WorldViolation(
            invariant: "H", at: now,
            message: "mirror \(event.id) in \(account.accountID) shows the title of \(origin.id) without a TITLE/FULL edge")
    }

    /// G: the humans' own events are exactly as they left them — every live ledger entry that
    /// changed, or whose event changed at its fake.
    func checkHumanEvents(fakes: FakeView, ledger: HumanLedger, scope: FakeScope, now: Timestamp) -> [WorldViolation] {
        var keys = scope.everything ? ledger.keys : []
        if !scope.everything {
            var dirty = Set(scope.ledgerKeys)
            for changed in scope.changes.events {
                dirty.insert(HumanLedger.key(changed.login, changed.calendarID, changed.eventID))
            }
            keys = dirty.sorted()
        }
        let entries = keys.compactMap { ledger.entry(key: $0) }.filter { !$0.deleted }
        var violations: [WorldViolation] = []
        for account in world.accounts {
            guard let host = hostIndex(of: account.provider) else { continue }
            for entry in entries where entry.login == account.login {
                // The account's calendar of that ID (deleted ones too: their events are listed as they were).
                let calendar = fakes.calendar(entry.calendarID, host: host).flatMap { $0.account == account.login ? $0 : nil }
                let event = calendar?.events[entry.eventID]?.event
                guard let event, event.status != .cancelled else {
                    violations.append(
                        WorldViolation(
                            invariant: "G", at: now,
                            message: "origin \(entry.eventID) of \(account.accountID) was deleted, but not by its owner"))
                    continue
                }
                if !entry.isShown(by: event) {
                    violations.append(
                        WorldViolation(
                            invariant: "G", at: now,
                            message:
                                "origin \(entry.eventID) of \(account.accountID) was changed, but not by its owner "
                                + "(title \(event.title == entry.title ? "same" : "differs"), "
                                + "start \(event.start?.description ?? "-") vs \(entry.start), "
                                + "end \(event.end?.description ?? "-") vs \(entry.end))"))
                }
            }
        }
        return violations
    }

    /// E: a live canonical event whose origin is one of our mirrors means a mirror was ingested as an
    /// origin — judged for every mirror that changed and every canonical event written since.
    func checkNoManagedOrigins(_ view: StoreView, fakes: FakeView, scope: FakeScope, now: Timestamp) -> [WorldViolation] {
        var violations: [WorldViolation] = []
        for account in world.accounts {
            guard let host = hostIndex(of: account.provider) else { continue }
            let ref = FakeView.AccountRef(host: host, login: account.login)
            let mirrors = fakes.indexes.mirrors[ref] ?? [:]
            var eventIDs: Set<String> = []
            for canonical in scope.everything ? Set(mirrors.keys) : scope.changes.canonicals[ref] ?? [] {
                for mirror in mirrors[canonical] ?? [] { eventIDs.insert(mirror.eventID) }
            }
            for event in scope.everything ? [] : view.delta.events
            where event.originAccountID == account.accountID && !event.isDeleted && fakes.isMirror(event.originEventID, of: ref) {
                eventIDs.insert(event.originEventID)
            }
            // The live canonical events whose origin is one of this account's mirrors.
            let ingested = Set(eventIDs.compactMap { view.store.liveOrigins["\(account.accountID)|\($0)"] })
            for id in ingested.sorted(by: CheckedStore.precedes) {
                let event = view.store.byID[id]!
                violations.append(
                    WorldViolation(
                        invariant: "E", at: now,
                        message: "canonical \(event.id) originates from mirror \(event.originEventID) in \(account.accountID)"))
            }
        }
        return violations
    }

    /// A: every provider event the engine recorded is classified one way, as the truth has it — an
    /// ACTIVE mirror row points at an event carrying our markers for that canonical event, and no
    /// provider event is both a live origin and a recorded mirror. Judged for every row written
    /// since, every row naming a live origin written since, and every row naming an event that
    /// changed at its fake.
    func checkClassification(_ view: StoreView, fakes: FakeView, scope: FakeScope, now: Timestamp) -> [WorldViolation] {
        let accounts = Dictionary(world.accounts.map { ($0.accountID, $0) }, uniquingKeysWith: { first, _ in first })
        var keys = scope.everything ? view.store.mirrorKeys : []
        if !scope.everything {
            var dirty = Set(
                view.delta.mirrors.map {
                    CheckedStore.MirrorKey(canonicalEventID: $0.canonicalEventID, targetAccountID: $0.targetAccountID)
                })
            for event in view.delta.events where !event.isDeleted {
                dirty.formUnion(view.store.mirrorKeysByProviderEvent[CheckedStore.origin(event)] ?? [])
            }
            // A changed event is looked up for the rows of every account (by ID) whose login it has.
            let owners = world.accounts.filter { accounts[$0.accountID]?.login == $0.login }
            for changed in scope.changes.events {
                for owner in owners where owner.login == changed.login {
                    dirty.formUnion(view.store.mirrorKeysByProviderEvent["\(owner.accountID)|\(changed.eventID)"] ?? [])
                }
            }
            keys = dirty.sorted()
        }
        var found: [WorldViolation] = []
        for key in keys {
            let mirror = view.store.mirrors[key]!
            guard mirror.state == .active, let providerID = mirror.providerEventID,
                let account = accounts[mirror.targetAccountID]
            else { continue }
            if view.store.liveOrigins["\(mirror.targetAccountID)|\(providerID)"] != nil {
                found.append(
                    WorldViolation(
                        invariant: "A", at: now,
                        message:
                            "\(providerID) in \(mirror.targetAccountID) is both an origin and the mirror of "
                            + mirror.canonicalEventID,
                        objects: [providerID, mirror.canonicalEventID, mirror.targetAccountID]))
            }
            guard let event = fakes.liveEvent(login: account.login, eventID: providerID) else { continue }
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
