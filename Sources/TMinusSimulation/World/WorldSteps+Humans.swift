import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusStore

/// The human side of scripted steps: what a person does in their own calendar app.
extension WorldSteps {
    /// `create-event`: at the account's calendar number `calendar` (0, the primary, by default),
    /// recorded in the ledger.
    mutating func create(_ spec: ScenarioEventSpec, in world: SyncWorld) -> Bool {
        let account = accounts[spec.account] ?? waiting[spec.account].flatMap { world.waitingAccount(plan: $0) }
        guard let account, let host = world.host(for: account.provider),
            let calendarID = account.calendarID(at: spec.calendar)
        else { return false }
        let draft = HumanEventDraft(
            title: spec.title, start: spec.start, end: spec.end, description: spec.description,
            location: spec.location, recurrence: spec.recurrence.map { ["RRULE:" + $0] } ?? [])
        guard let id = try? host.humans.humanCreateEvent(
            account: account.login, calendarID: calendarID, draft)
        else { return false }
        let entry = HumanLedger.Entry(
            login: account.login, calendarID: calendarID, eventID: id, title: spec.title,
            start: spec.start, end: spec.end, deleted: false, recurrence: spec.recurrence.map { ["RRULE:" + $0] } ?? [])
        world.ledger.withLock { $0.record(entry) }
        created[spec.label] = Created(account: account, entry: entry)
        return true
    }

    /// `edit-event`: a start without an end keeps the event's length.
    mutating func edit(_ label: String, _ changes: ScenarioEventChanges, in world: SyncWorld) -> Bool {
        guard var made = current(label, in: world), !made.entry.deleted,
            let host = world.host(for: made.account.provider)
        else { return false }
        var end = changes.end
        if let start = changes.start, end == nil { end = Self.keepingLength(of: made.entry, movedTo: start) }
        let edit = HumanEventEdit(
            title: changes.title, start: changes.start, end: end, description: changes.description,
            location: changes.location)
        guard
            (try? host.humans.humanEditEvent(
                account: made.account.login, calendarID: made.entry.calendarID, eventID: made.entry.eventID, edit))
                != nil
        else { return false }
        made.entry.title = changes.title ?? made.entry.title
        made.entry.start = changes.start ?? made.entry.start
        made.entry.end = end ?? made.entry.end
        let entry = made.entry
        world.ledger.withLock { $0.record(entry) }
        created[label] = made
        return true
    }

    /// `edit-occurrence` (with `changes`) or `cancel-occurrence` (nil): one occurrence (0-based) of
    /// a series a step created; a new start without an end keeps the occurrence's length.
    func changeOccurrence(_ label: String, _ index: Int, _ changes: ScenarioEventChanges?, in world: SyncWorld) -> Bool {
        guard let series = current(label, in: world)?.entry, !series.deleted else { return false }
        guard let changes else { return world.changeOccurrence(index, of: series, edit: nil) }
        var end = changes.end
        if let start = changes.start, end == nil, let occurrence = world.occurrenceAsLeft(index, of: series) {
            end = Self.keepingLength(of: occurrence.entry, movedTo: start)
        }
        let edit = HumanEventEdit(
            title: changes.title, start: changes.start, end: end, description: changes.description,
            location: changes.location)
        return world.changeOccurrence(index, of: series, edit: edit)
    }

    /// `delete-event`.
    mutating func delete(_ label: String, in world: SyncWorld) -> Bool {
        guard let made = current(label, in: world), !made.entry.deleted, let host = world.host(for: made.account.provider)
        else { return false }
        guard
            (try? host.humans.humanDeleteEvent(
                account: made.account.login, calendarID: made.entry.calendarID, eventID: made.entry.eventID)) != nil
        else { return false }
        noteDeleted(label, made, in: world)
        return true
    }

    /// The event a step made under `label` as the ledger holds it now: the workload may have
    /// edited it, and a person (a step or the `event-move` fault) may have moved it to another
    /// calendar since the step created it (``HumanLedger/current(of:)``). Nil for an unknown label.
    func current(_ label: String, in world: SyncWorld) -> Created? {
        guard var made = created[label] else { return nil }
        let key = made.entry
        if let now = world.ledger.withLock({ $0.current(of: key) }) { made.entry = now }
        return made
    }

    /// Records that the event a step made under `label` is gone (in the ledger too).
    mutating func noteDeleted(_ label: String, _ made: Created, in world: SyncWorld) {
        var made = made
        made.entry.deleted = true
        let entry = made.entry
        world.ledger.withLock {
            $0.recordDeleted(login: entry.login, calendarID: entry.calendarID, eventID: entry.eventID)
        }
        created[label] = made
    }

    /// `edit-mirror` / `delete-mirror`: a person changes our mirror of a labelled event in another
    /// account. False when no mirror is there (yet).
    func tamper(_ label: String, in accountName: String, delete: Bool, world: SyncWorld) async throws -> Bool {
        guard let made = created[label], let account = accounts[accountName],
            let host = world.host(for: account.provider)
        else { return false }
        let graph = try await world.engine.graph(of: world.userID)
        let events = try await graph.inspect { store throws(StoreError) in try store.allEvents() }
        guard
            let canonical = events.first(where: {
                $0.originAccountID == made.account.accountID && $0.originEventID == made.entry.eventID
            })
        else { return false }
        let mirror = world.managedEvents(of: account).first { _, event in
            guard
                case .managedMirror(let markers?) = world.classify(event, in: account)
            else { return false }
            return markers.canonicalEventID == canonical.id
        }
        guard let (calendarID, event) = mirror else { return false }
        world.transport.noteHumanChange(eventID: event.id)
        if delete {
            return (try? host.humans.humanDeleteEvent(account: account.login, calendarID: calendarID, eventID: event.id))
                != nil
        }
        return
            (try? host.humans.humanEditEvent(
                account: account.login, calendarID: calendarID, eventID: event.id,
                HumanEventEdit(title: "Tampered by a person"))) != nil
    }

    /// `delete-overlay-calendar`: a person deletes the calendar our busy blocks live in.
    func deleteOverlay(of accountName: String, in world: SyncWorld) -> Bool {
        accounts[accountName].map { world.deleteOverlayCalendar(of: $0) } ?? false
    }

    /// `revoke-token`: the grant is withdrawn at the provider; the account is no longer expected
    /// to hold mirrors (the engine cannot write there until the user consents again).
    mutating func revoke(_ accountName: String, in world: SyncWorld) -> Bool {
        guard let account = accounts[accountName], account.provider != .caldav,
            let host = world.host(for: account.provider)
        else { return false }
        host.revoke(login: account.login)
        detachedAccountIDs.insert(account.accountID)
        reattachedAccountIDs.remove(account.accountID)
        return true
    }

    /// The end that keeps `entry`'s length when its start moves to `start`.
    static func keepingLength(of entry: HumanLedger.Entry, movedTo start: EventDateTime) -> EventDateTime? {
        switch (entry.start, entry.end, start) {
        case (.timed(let oldStart, _), .timed(let oldEnd, let zone), .timed(let newStart, _)):
            return .timed(newStart.adding(oldEnd.duration(since: oldStart)), timeZone: zone)
        case (.allDay(let oldStart), .allDay(let oldEnd), .allDay(let newStart)):
            return .allDay(
                CalendarDate(
                    daysSinceEpoch: newStart.daysSinceEpoch + (oldEnd.daysSinceEpoch - oldStart.daysSinceEpoch)))
        default:
            return nil
        }
    }
}
