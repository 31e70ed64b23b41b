import TMinusCore

/// The world checker's copy of the fakes' true state, kept up to date from their change logs
/// (``FakeCalendarInspection/inspectChanges(after:)``), with the indexes the fake-side safety
/// checks (A, D, E, G, H) look things up in. An update costs what changed since the last one, not
/// what the fakes hold.
///
/// Guarantee: after ``update(host:provider:from:into:)`` of every fake, ``inspectedCalendars(host:)``
/// is exactly what that fake's ``FakeCalendarInspection/inspectCalendars()`` lists, and ``indexes``
/// is exactly what ``rebuiltIndexes()`` computes from the calendars; the checker's cross-check mode
/// (``WorldChecker/crossCheck``) compares both at every check. The reported ``Changes`` name every
/// event that differs from the previous update, and every canonical event whose set of mirrors
/// in an account differs (they may name more).
struct FakeView: Sendable {
    /// One calendar of one fake (`host` indexes the world's hosts); ordered as the checks walk them.
    struct CalendarRef: Hashable, Comparable, Sendable {
        var host: Int
        var calendarID: String

        static func < (lhs: CalendarRef, rhs: CalendarRef) -> Bool {
            (lhs.host, lhs.calendarID) < (rhs.host, rhs.calendarID)
        }
    }

    /// One account (by its login) at one fake.
    struct AccountRef: Hashable, Sendable {
        var host: Int
        var login: String
    }

    /// One event of one calendar of an account; ordered as the fakes list them.
    struct EventRef: Hashable, Comparable, Sendable {
        var calendarID: String
        var eventID: String

        static func < (lhs: EventRef, rhs: EventRef) -> Bool { (lhs.calendarID, lhs.eventID) < (rhs.calendarID, rhs.eventID) }
    }

    /// One stored event: the change-log key holding it, and the canonical event it mirrors when
    /// its markers make it one of our mirrors (how the checker classifies it).
    struct Stored: Sendable {
        var event: InspectedEvent
        var key: String
        var mirrored: String?
    }

    /// One calendar as the last update left it.
    struct Calendar: Sendable {
        var account: String
        var id: String
        var title: String
        var isPrimary: Bool
        var isDeleted: Bool
        var position: InspectionPosition
        var events: [String: Stored] = [:]
        /// Change-log key → the IDs of the events it held when last changed (an ID another key
        /// took over since is that key's: see ``Stored/key``).
        var keys: [String: [String]] = [:]
    }

    /// Lookups derived from the calendars.
    struct Indexes: Equatable, Sendable {
        /// Where each live event (not cancelled, in a calendar not deleted) is, by
        /// "login|event ID", across fakes: its calendars, sorted.
        var live: [String: [CalendarRef]] = [:]
        /// Our live mirrors (by their markers) per account and canonical event.
        var mirrors: [AccountRef: [String: Set<EventRef>]] = [:]
    }

    /// One event that changed (added, changed, removed, or in a calendar deleted or read anew).
    struct Changed: Hashable, Sendable {
        var host: Int
        var login: String
        var calendarID: String
        var eventID: String
    }

    /// What updates changed.
    struct Changes: Sendable {
        var events: [Changed] = []
        /// Per account, the canonical events one of whose live mirrors there changed, came or went.
        var canonicals: [AccountRef: Set<String>] = [:]
    }

    /// Calendars by host, then by calendar ID.
    private(set) var hosts: [[String: Calendar]] = []
    private(set) var indexes = Indexes()

    /// The calendar `calendarID` of fake number `host`, or nil.
    func calendar(_ calendarID: String, host: Int) -> Calendar? {
        hosts.indices.contains(host) ? hosts[host][calendarID] : nil
    }

    /// The live event `eventID` of login `login` as the checks saw it across fakes before: the one in
    /// the last calendar (in host order, then calendar ID order) that has it.
    func liveEvent(login: String, eventID: String) -> InspectedEvent? {
        guard let ref = indexes.live["\(login)|\(eventID)"]?.last else { return nil }
        return hosts[ref.host][ref.calendarID]?.events[eventID]?.event
    }

    /// True when `eventID` is one of our live mirrors in `account`'s calendars.
    func isMirror(_ eventID: String, of account: AccountRef) -> Bool {
        (indexes.live["\(account.login)|\(eventID)"] ?? []).contains { ref in
            ref.host == account.host && hosts[ref.host][ref.calendarID]?.events[eventID]?.mirrored != nil
        }
    }

    /// Takes in what changed at fake number `host` (a fake of `provider`) since the last update.
    mutating func update(
        host: Int, provider: ProviderKind, from inspection: any FakeCalendarInspection, into changes: inout Changes
    ) {
        while hosts.count <= host { hosts.append([:]) }
        let known = hosts[host].mapValues(\.position)
        for change in inspection.inspectChanges(after: known) {
            apply(change, host: host, provider: provider, into: &changes)
        }
    }

    private mutating func apply(
        _ change: InspectedCalendarChanges, host: Int, provider: ProviderKind, into changes: inout Changes
    ) {
        let ref = CalendarRef(host: host, calendarID: change.id)
        let sameCalendar = hosts[host][change.id].map { $0.account == change.account && $0.isDeleted == change.isDeleted } ?? false
        let incremental = sameCalendar && !change.isComplete
        // The calendar was deleted, made again or is read whole: every event of it before and after changed.
        var before: (account: String, ids: Set<String>)?
        if !incremental, let old = hosts[host][change.id] {
            for id in old.events.keys.sorted() {
                index(old.events[id]!, id: id, in: old, ref: ref, adding: false, changes: &changes)
                changes.events.append(Changed(host: host, login: old.account, calendarID: change.id, eventID: id))
            }
            before = (old.account, Set(old.events.keys))
        }
        // Taken out of the dictionary, so changing it does not copy its events.
        var calendar =
            hosts[host].removeValue(forKey: change.id)
            ?? Calendar(
                account: change.account, id: change.id, title: change.title, isPrimary: change.isPrimary,
                isDeleted: change.isDeleted, position: change.position)
        if change.isComplete {
            calendar.events = [:]
            calendar.keys = [:]
        }
        (calendar.title, calendar.isPrimary, calendar.position) = (change.title, change.isPrimary, change.position)
        (calendar.account, calendar.isDeleted) = (change.account, change.isDeleted)
        var removed: [(String, Stored)] = []
        var added: [(String, Stored)] = []
        for item in change.items { Self.store(item, provider: provider, in: &calendar, removed: &removed, added: &added) }
        if incremental {
            for (id, stored) in removed { index(stored, id: id, in: calendar, ref: ref, adding: false, changes: &changes) }
            for (id, stored) in added { index(stored, id: id, in: calendar, ref: ref, adding: true, changes: &changes) }
            for id in Set(removed.map(\.0) + added.map(\.0)).sorted() {
                changes.events.append(Changed(host: host, login: calendar.account, calendarID: change.id, eventID: id))
            }
        } else {
            for id in calendar.events.keys.sorted() {
                index(calendar.events[id]!, id: id, in: calendar, ref: ref, adding: true, changes: &changes)
                guard before?.account != calendar.account || before?.ids.contains(id) != true else { continue }
                changes.events.append(Changed(host: host, login: calendar.account, calendarID: change.id, eventID: id))
            }
        }
        hosts[host][change.id] = calendar
    }

    /// Replaces what `item`'s key held in `calendar` by what it holds now; collects the stored
    /// events that left and came.
    private static func store(
        _ item: InspectedCalendarChanges.Item, provider: ProviderKind, in calendar: inout Calendar,
        removed: inout [(String, Stored)], added: inout [(String, Stored)]
    ) {
        for id in calendar.keys[item.key] ?? [] where calendar.events[id]?.key == item.key {
            removed.append((id, calendar.events.removeValue(forKey: id)!))
        }
        for event in item.events {
            if let taken = calendar.events[event.id] { removed.append((event.id, taken)) }
            let stored = Stored(event: event, key: item.key, mirrored: mirroredCanonical(event, provider: provider))
            calendar.events[event.id] = stored
            added.append((event.id, stored))
        }
        calendar.keys[item.key] = item.events.isEmpty ? nil : item.events.map(\.id)
    }

    /// The canonical event `event` mirrors when its markers make it one of our mirrors (the checker
    /// judges the truth: never by a recorded mirror ID).
    static func mirroredCanonical(_ event: InspectedEvent, provider: ProviderKind) -> String? {
        let evidence = WorldAccount.markers(of: event, at: provider)
        guard case .managedMirror(let markers?) = EventClassifier.classify(evidence, isRecordedMirror: false) else {
            return nil
        }
        return markers.canonicalEventID
    }

    private mutating func index(
        _ stored: Stored, id: String, in calendar: Calendar, ref: CalendarRef, adding: Bool, changes: inout Changes
    ) {
        guard !calendar.isDeleted, stored.event.status != .cancelled else { return }
        let key = "\(calendar.account)|\(id)"
        var refs = indexes.live[key] ?? []
        if adding {
            let at = refs.firstIndex { ref < $0 } ?? refs.count
            if at == 0 || refs[at - 1] != ref { refs.insert(ref, at: at) }
        } else {
            refs.removeAll { $0 == ref }
        }
        indexes.live[key] = refs.isEmpty ? nil : refs
        guard let canonical = stored.mirrored else { return }
        let account = AccountRef(host: ref.host, login: calendar.account)
        let event = EventRef(calendarID: ref.calendarID, eventID: id)
        var mirrors = indexes.mirrors[account]?[canonical] ?? []
        if adding { mirrors.insert(event) } else { mirrors.remove(event) }
        indexes.mirrors[account, default: [:]][canonical] = mirrors.isEmpty ? nil : mirrors
        if indexes.mirrors[account]?.isEmpty == true { indexes.mirrors[account] = nil }
        changes.canonicals[account, default: []].insert(canonical)
    }

    /// Fake number `host`'s calendars as its ``FakeCalendarInspection/inspectCalendars()`` lists them.
    func inspectedCalendars(host: Int) -> [InspectedCalendar] {
        guard hosts.indices.contains(host) else { return [] }
        return hosts[host].values.sorted { ($0.account, $0.id) < ($1.account, $1.id) }.map { calendar in
            InspectedCalendar(
                account: calendar.account, id: calendar.id, title: calendar.title, isPrimary: calendar.isPrimary,
                isDeleted: calendar.isDeleted, events: calendar.events.values.map(\.event).sorted { $0.id < $1.id })
        }
    }

    /// The indexes computed afresh from the calendars (what ``indexes`` must equal).
    func rebuiltIndexes() -> Indexes {
        var fresh = FakeView()
        fresh.hosts = hosts
        var ignored = Changes()
        for host in hosts.indices {
            for calendarID in hosts[host].keys.sorted() {
                let calendar = hosts[host][calendarID]!
                let ref = CalendarRef(host: host, calendarID: calendarID)
                for id in calendar.events.keys.sorted() {
                    fresh.index(calendar.events[id]!, id: id, in: calendar, ref: ref, adding: true, changes: &ignored)
                }
            }
        }
        return fresh.indexes
    }

    /// Forgets one event without telling the indexes (tests: a broken view the cross-check must catch).
    mutating func forgetEvent(host: Int, calendarID: String, eventID: String) {
        hosts[host][calendarID]?.events[eventID] = nil
    }
}
