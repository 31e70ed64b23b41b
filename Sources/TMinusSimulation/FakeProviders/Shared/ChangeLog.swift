/// An append-only, per-collection log of which item changed at which position: the source of a
/// fake provider's sync tokens (Google `nextSyncToken`, Graph delta links, CalDAV sync-tokens).
///
/// Positions are consecutive integers starting at 1; position 0 means "before any change", the
/// starting point of a full sync. A client holding position `p` receives every key whose most
/// recent change is after `p`, so superseded entries are never needed and are dropped as the log
/// grows: memory stays proportional to the number of distinct keys. A token below ``horizon``
/// (after ``forget(through:)``) can no longer be served and must be answered with the provider's
/// "full sync required" error.
public struct ChangeLog<Key: Hashable & Sendable>: Sendable {
    /// One change: the position it was assigned and the item it touched.
    public struct Entry: Hashable, Sendable {
        public let position: UInt64
        public let key: Key
    }

    /// Entries in position order; only the latest entry of each key is guaranteed to be present.
    public private(set) var entries: [Entry] = []
    /// The position of the most recent change (0 when nothing changed yet).
    public private(set) var head: UInt64 = 0
    /// Positions strictly below this are no longer served (0: everything is served).
    public private(set) var horizon: UInt64 = 0
    private var latest: [Key: UInt64] = [:]

    /// An empty log.
    public init() {}

    /// Records a change of `key` and returns its position.
    @discardableResult
    public mutating func append(_ key: Key) -> UInt64 {
        head += 1
        entries.append(Entry(position: head, key: key))
        latest[key] = head
        if entries.count > 64 && entries.count > 2 * latest.count { dropSuperseded() }
        return head
    }

    /// The position of `key`'s most recent change, or nil if it never changed.
    public func lastPosition(of key: Key) -> UInt64? { latest[key] }

    /// True when a client at `position` can still be served incrementally.
    public func canServe(from position: UInt64) -> Bool { position >= horizon && position <= head }

    /// Every key whose latest change is after `position`, ordered by that latest change.
    /// - Complexity: O(log n + k) for k changes after `position`.
    public func keys(changedAfter position: UInt64) -> [Key] {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].position <= position { low = middle + 1 } else { high = middle }
        }
        var result: [Key] = []
        for entry in entries[low...] where latest[entry.key] == entry.position {
            result.append(entry.key)
        }
        return result
    }

    /// Stops serving positions up to and including `position` (models a provider expiring tokens).
    public mutating func forget(through position: UInt64) {
        horizon = max(horizon, min(position, head) + 1)
    }

    private mutating func dropSuperseded() {
        entries.removeAll { latest[$0.key] != $0.position }
    }
}
