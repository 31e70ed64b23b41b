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
    }

    /// Entries by "login/calendar/event", iterated only through ``entries`` (sorted).
    private var byKey: [String: Entry] = [:]

    /// An empty ledger.
    public init() {}

    static func key(_ login: String, _ calendarID: String, _ eventID: String) -> String {
        "\(login)/\(calendarID)/\(eventID)"
    }

    /// Records a human create or edit.
    public mutating func record(_ entry: Entry) {
        byKey[Self.key(entry.login, entry.calendarID, entry.eventID)] = entry
    }

    /// Records a human delete.
    public mutating func recordDeleted(login: String, calendarID: String, eventID: String) {
        byKey[Self.key(login, calendarID, eventID)]?.deleted = true
    }

    /// The entry of one event, or nil.
    public func entry(login: String, calendarID: String, eventID: String) -> Entry? {
        byKey[Self.key(login, calendarID, eventID)]
    }

    /// Every entry, sorted by key.
    public var entries: [Entry] { byKey.keys.sorted().map { byKey[$0]! } }

    /// Live entries of one account, sorted.
    public func live(login: String) -> [Entry] { entries.filter { $0.login == login && !$0.deleted } }
}
