public import TMinusCore

/// What the simulated humans did to their own (origin) events, so the checker can prove T-Minus
/// never deleted or changed one (invariant G). Kept by the workload, never by the engine.
public struct HumanLedger: Sendable {
    /// One human-authored event and what it should look like now.
    public struct Entry: Hashable, Sendable {
        public var login: String
        public var calendarID: String
        public var eventID: String
        public var title: String
        public var start: EventDateTime
        public var end: EventDateTime
        public var deleted: Bool
        /// The series' recurrence lines (`RRULE:…`); empty for a single event.
        public var recurrence: [String] = []
        /// For one changed occurrence (an exception) of a series: the series' event ID and the
        /// occurrence's original start (`series@instant`); nil for a whole event.
        public var occurrenceOf: String?

        /// Whether the generated workload may edit or delete it as a whole event (series and their
        /// exceptions are changed only occurrence by occurrence).
        var isSingleEvent: Bool { recurrence.isEmpty && occurrenceOf == nil }

        /// Whether the provider's `event` shows what the person last gave this entry: the same
        /// title, start instant and end instant (G's test, and the world's test of whether a change
        /// it made through T-Minus landed). Liveness is the caller's: this compares content only.
        func isShown(by event: InspectedEvent) -> Bool {
            event.title == title && event.start?.instant == start.instant && event.end?.instant == end.instant
        }
    }

    /// Entries by "login/calendar/event", iterated only through ``entries`` (sorted).
    private var byKey: [String: Entry] = [:]
    /// Counts the changes recorded so far: equal revisions mean an equal ledger.
    public private(set) var revision = 0
    /// Which entries changed, by key: the checker judges only those since its last check (G).
    private(set) var changes = ChangeLog<String>()

    /// An empty ledger.
    public init() {}

    static func key(_ login: String, _ calendarID: String, _ eventID: String) -> String {
        "\(login)/\(calendarID)/\(eventID)"
    }

    /// Records a human create or edit.
    public mutating func record(_ entry: Entry) {
        let key = Self.key(entry.login, entry.calendarID, entry.eventID)
        byKey[key] = entry
        changes.append(key)
        revision += 1
    }

    /// Records a human delete (of a series: its recorded exceptions go with it).
    public mutating func recordDeleted(login: String, calendarID: String, eventID: String) {
        let key = Self.key(login, calendarID, eventID)
        byKey[key]?.deleted = true
        changes.append(key)
        revision += 1
        for id in byKey.keys.sorted() where byKey[id]?.occurrenceOf?.hasPrefix(eventID + "@") == true {
            byKey[id]?.deleted = true
            changes.append(id)
        }
    }

    /// Records that a person moved the event `entry` to another calendar, where it is `moved`: the
    /// old place is deleted, and a series takes its live recorded exceptions along (the providers
    /// move a series with its exceptions; an exception's ID and occurrence key follow the series'
    /// ID when the move changed it).
    mutating func recordMoved(_ entry: Entry, to moved: Entry) {
        let prefix = entry.eventID + "@"
        let exceptions = byKey.keys.sorted().compactMap { byKey[$0] }.filter {
            $0.login == entry.login && $0.calendarID == entry.calendarID && !$0.deleted
                && $0.occurrenceOf?.hasPrefix(prefix) == true
        }
        recordDeleted(login: entry.login, calendarID: entry.calendarID, eventID: entry.eventID)
        record(moved)
        for exception in exceptions {
            var carried = exception
            carried.calendarID = moved.calendarID
            if moved.eventID != entry.eventID {
                if carried.eventID.hasPrefix(entry.eventID) {
                    carried.eventID = moved.eventID + carried.eventID.dropFirst(entry.eventID.count)
                }
                carried.occurrenceOf = carried.occurrenceOf.map { moved.eventID + "@" + $0.dropFirst(prefix.count) }
            }
            record(carried)
        }
    }

    /// Marks deleted the recorded exception of one occurrence (`occurrenceOf` key), if any.
    mutating func recordOccurrenceCancelled(_ key: String) {
        revision += 1
        for id in byKey.keys.sorted() where byKey[id]?.occurrenceOf == key {
            byKey[id]?.deleted = true
            changes.append(id)
        }
    }

    /// The live recorded exception of one occurrence (`occurrenceOf` key), or nil.
    func liveException(_ key: String) -> Entry? {
        byKey.keys.sorted().lazy.compactMap { self.byKey[$0] }.first { $0.occurrenceOf == key && !$0.deleted }
    }

    /// The entry of one event, or nil.
    public func entry(login: String, calendarID: String, eventID: String) -> Entry? {
        byKey[Self.key(login, calendarID, eventID)]
    }

    /// Where the event `entry` names is now: its entry when still live; else, when a person moved
    /// it to another calendar of the account (the fakes keep its ID, and ``SyncWorld/move(_:of:to:)``
    /// records the old place deleted), the live entry of the same login and ID there; else its
    /// (deleted) entry, or nil when the ledger never held it.
    func current(of entry: Entry) -> Entry? {
        let recorded = self.entry(login: entry.login, calendarID: entry.calendarID, eventID: entry.eventID)
        guard recorded?.deleted == true else { return recorded }
        return entries.first { $0.login == entry.login && $0.eventID == entry.eventID && !$0.deleted } ?? recorded
    }

    /// The entry under `key` (``key(_:_:_:)``), or nil.
    func entry(key: String) -> Entry? { byKey[key] }

    /// Every key, sorted.
    var keys: [String] { byKey.keys.sorted() }

    /// Every entry, sorted by key.
    public var entries: [Entry] { byKey.keys.sorted().map { byKey[$0]! } }

    /// Live entries of one account, sorted.
    public func live(login: String) -> [Entry] { entries.filter { $0.login == login && !$0.deleted } }
}
