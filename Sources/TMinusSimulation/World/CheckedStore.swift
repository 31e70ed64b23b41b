import TMinusCore
import TMinusStore

/// The engine's canonical events and mirror rows as the world checker last read them, kept up to
/// date from the rows written since (``UserGraphChanges``), with the indexes the safety checks use.
///
/// Guarantee: after ``apply(_:)`` of the changes since its position, it holds exactly what a full
/// read of both tables would return (the engine never deletes or re-keys a row, and every insert or
/// update moves the row past the position; when the row counts say one vanished, as a defective
/// engine may make happen, ``holdsAsManyRows(as:)`` is false and the checker reads everything
/// again); the checker's cross-check (``WorldChecker/crossCheck``) compares it with a full read at
/// every check. Iteration orders are the full read's: events by ID, mirrors by
/// (canonical event, target account), both compared as SQLite compares text (bytewise).
struct CheckedStore: Sendable {
    /// A mirror row's key.
    struct MirrorKey: Hashable, Sendable, Comparable {
        var canonicalEventID: String
        var targetAccountID: String

        static func < (lhs: MirrorKey, rhs: MirrorKey) -> Bool {
            if lhs.canonicalEventID != rhs.canonicalEventID { return CheckedStore.precedes(lhs.canonicalEventID, rhs.canonicalEventID) }
            return CheckedStore.precedes(lhs.targetAccountID, rhs.targetAccountID)
        }
    }

    /// What one ``apply(_:)`` changed: the IDs of the events and the keys of the mirror rows written
    /// since the last read, in the full read's order.
    struct Delta: Sendable {
        var events: [CanonicalEvent] = []
        var mirrors: [MirrorRecord] = []
    }

    /// How far the store has been read.
    private(set) var position = UserGraphChangePosition()
    /// Every canonical event by ID, and the IDs in order.
    private(set) var byID: [String: CanonicalEvent] = [:]
    private(set) var eventIDs: [String] = []
    /// Every mirror row by key, and the keys in order.
    private(set) var mirrors: [MirrorKey: MirrorRecord] = [:]
    private(set) var mirrorKeys: [MirrorKey] = []
    /// The mirror rows of each canonical event.
    private(set) var mirrorKeysByEvent: [String: [MirrorKey]] = [:]
    /// Live (not deleted) origins, "account|provider event" → canonical ID (one per origin: the
    /// store's unique constraint).
    private(set) var liveOrigins: [String: String] = [:]
    /// The mirror rows recorded with a provider event ID, by "target account|provider event ID".
    private(set) var mirrorKeysByProviderEvent: [String: Set<MirrorKey>] = [:]
    /// Mirror rows waiting for a write (PENDING or DELETING).
    private(set) var waiting: Set<MirrorKey> = []

    /// Every event in ID order (the full read's `allEvents()`).
    var events: [CanonicalEvent] { eventIDs.map { byID[$0]! } }

    /// Every mirror row in key order (the full read's `allMirrors()`).
    var allMirrors: [MirrorRecord] { mirrorKeys.map { mirrors[$0]! } }

    /// True when the view holds as many canonical events and mirror rows as the store did at the
    /// read of `changes` (after ``apply(_:)``); false when a row was deleted or re-keyed since an
    /// earlier read (no correct engine does either), so the view holds a row the store no longer has
    /// and must be read anew.
    func holdsAsManyRows(as changes: UserGraphChanges) -> Bool {
        byID.count == changes.eventCount && mirrors.count == changes.mirrorCount
    }

    /// Takes in the rows written since ``position`` and moves the position on; returns them.
    mutating func apply(_ changes: UserGraphChanges) -> Delta {
        for event in changes.events { store(event) }
        for mirror in changes.mirrors { store(mirror) }
        position = changes.position
        return Delta(events: changes.events, mirrors: changes.mirrors)
    }

    private mutating func store(_ event: CanonicalEvent) {
        if let old = byID[event.id] {
            if !old.isDeleted { liveOrigins[Self.origin(old)] = nil }
        } else {
            eventIDs.insert(event.id, at: Self.insertionIndex(of: event.id, in: eventIDs, by: Self.precedes))
        }
        byID[event.id] = event
        if !event.isDeleted { liveOrigins[Self.origin(event)] = event.id }
    }

    private mutating func store(_ mirror: MirrorRecord) {
        let key = MirrorKey(canonicalEventID: mirror.canonicalEventID, targetAccountID: mirror.targetAccountID)
        if mirrors[key] == nil {
            mirrorKeys.insert(key, at: Self.insertionIndex(of: key, in: mirrorKeys, by: <))
            mirrorKeysByEvent[key.canonicalEventID, default: []].append(key)
        }
        if let old = mirrors[key]?.providerEventID, old != mirror.providerEventID {
            let recorded = "\(key.targetAccountID)|\(old)"
            mirrorKeysByProviderEvent[recorded]?.remove(key)
            if mirrorKeysByProviderEvent[recorded]?.isEmpty == true { mirrorKeysByProviderEvent[recorded] = nil }
        }
        if let id = mirror.providerEventID { mirrorKeysByProviderEvent["\(key.targetAccountID)|\(id)", default: []].insert(key) }
        mirrors[key] = mirror
        if mirror.state == .pending || mirror.state == .deleting { waiting.insert(key) } else { waiting.remove(key) }
    }

    /// "account|provider event" of an event's origin.
    static func origin(_ event: CanonicalEvent) -> String { "\(event.originAccountID)|\(event.originEventID)" }

    /// SQLite's default text order (BINARY: bytewise over UTF-8).
    static func precedes(_ lhs: String, _ rhs: String) -> Bool { lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }

    private static func insertionIndex<T>(of value: T, in sorted: [T], by less: (T, T) -> Bool) -> Int {
        if let last = sorted.last, less(last, value) { return sorted.count }
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if less(sorted[middle], value) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
