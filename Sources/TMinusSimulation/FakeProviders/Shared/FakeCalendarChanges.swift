import TMinusCore

/// Where a reader of a fake's calendar stands: which generation of the calendar it read and up
/// to which position of its change log.
public struct InspectionPosition: Hashable, Sendable {
    /// The calendar's generation (see ``InspectedCalendarChanges/generation``).
    public var generation: Int64
    /// The change-log position read up to.
    public var head: UInt64

    /// Creates a value.
    public init(generation: Int64, head: UInt64) {
        self.generation = generation
        self.head = head
    }
}

/// One calendar of a fake and what changed in it since a reader's ``InspectionPosition``: the
/// checker's incremental view of the true state (``FakeCalendarInspection/inspectChanges(after:)``).
///
/// Guarantee: applying ``items`` to what the reader held at its position (or, when
/// ``isComplete``, replacing everything it held by them) gives exactly the calendar's events that
/// ``FakeCalendarInspection/inspectCalendars()`` lists now. Every change of an event appends its
/// key to the calendar's change log, so the keys changed after the position name every event
/// that can differ.
public struct InspectedCalendarChanges: Hashable, Sendable {
    /// One change-log key and what it holds now.
    public struct Item: Hashable, Sendable {
        /// The key the change log names: an event ID (Google, Graph) or a resource name (CalDAV,
        /// whose resource can hold a series and its exceptions).
        public var key: String
        /// The events it holds now, cancelled ones included; empty when it was removed.
        public var events: [InspectedEvent]

        /// Creates a value.
        public init(key: String, events: [InspectedEvent]) {
            self.key = key
            self.events = events
        }
    }

    public var account: String
    public var id: String
    public var title: String
    public var isPrimary: Bool
    public var isDeleted: Bool
    /// Changes whenever positions read before mean nothing now (a CalDAV collection made again
    /// under the same path starts a new change log); a reader of another generation gets the
    /// whole calendar.
    public var generation: Int64
    /// The change log's position now.
    public var head: UInt64
    /// True when ``items`` lists every key of the calendar (the reader knew no position of this
    /// generation): whatever the reader held and is not listed is gone.
    public var isComplete: Bool
    /// The keys changed after the reader's position, or every key when ``isComplete``.
    public var items: [Item]

    /// Creates a value.
    public init(
        account: String, id: String, title: String, isPrimary: Bool, isDeleted: Bool, generation: Int64, head: UInt64,
        isComplete: Bool, items: [Item]
    ) {
        self.account = account
        self.id = id
        self.title = title
        self.isPrimary = isPrimary
        self.isDeleted = isDeleted
        self.generation = generation
        self.head = head
        self.isComplete = isComplete
        self.items = items
    }

    /// The position a reader holds once it applied these changes.
    public var position: InspectionPosition { InspectionPosition(generation: generation, head: head) }

    /// Changes of one calendar whose events are stored by ID and logged by ID (Google, Graph):
    /// the keys changed after `known` (when it is of this generation and not past `head`), else
    /// every key. `event(key)` is the stored event's inspection.
    static func logged(
        account: String, id: String, title: String, isPrimary: Bool, isDeleted: Bool, generation: Int64,
        log: ChangeLog<String>, known: InspectionPosition?, allKeys: () -> [String], events: (String) -> [InspectedEvent]
    ) -> InspectedCalendarChanges {
        let incremental = known.map { $0.generation == generation && $0.head <= log.head } ?? false
        let keys = incremental ? log.keys(changedAfter: known!.head) : allKeys()
        return InspectedCalendarChanges(
            account: account, id: id, title: title, isPrimary: isPrimary, isDeleted: isDeleted, generation: generation,
            head: log.head, isComplete: !incremental, items: keys.map { Item(key: $0, events: events($0)) })
    }
}
