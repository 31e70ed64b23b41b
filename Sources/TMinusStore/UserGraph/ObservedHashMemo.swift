import TMinusCore

/// Remembers, per mirror, the last hash computed for what its provider showed (the observed
/// payload of a managed echo), so an echo seen again unchanged (every sync of our own write and
/// every daily reconcile shows each mirror once more) compares payloads instead of serializing and
/// hashing them again.
///
/// Exact by construction: ``ProjectionCompiler/hash(_:_:_:)`` is a pure function of the payload's
/// bytes, the detail and the kind, and a remembered hash is reused only when all three are the ones
/// it was computed from, text compared byte for byte (`String`'s `==` would also take a differently
/// normalized text, which hashes differently). Memory is bounded by ``capacity`` entries (the memo
/// starts over when full).
struct ObservedHashMemo {
    /// The most entries kept before the memo starts over.
    static let capacity = 65_536

    private struct Key: Hashable {
        var canonicalEventID: String
        var targetAccountID: String
    }

    private struct Entry {
        var payload: ProjectedEvent
        var detail: DetailLevel
        var kind: CalendarKind
        var hash: String
    }

    private var entries: [Key: Entry] = [:]

    /// `ProjectionCompiler.hash(payload, detail, kind)` of the payload observed for the mirror of
    /// `canonicalEventID` in `targetAccountID`, hashed only when it differs from the last one seen.
    mutating func hash(
        _ payload: ProjectedEvent, detail: DetailLevel, kind: CalendarKind, canonicalEventID: String,
        targetAccountID: String
    ) -> String {
        let key = Key(canonicalEventID: canonicalEventID, targetAccountID: targetAccountID)
        if let entry = entries[key], entry.detail == detail, entry.kind == kind, entry.payload.hasSameBytes(as: payload) {
            return entry.hash
        }
        let hash = ProjectionCompiler.hash(payload, detail, kind)
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = Entry(payload: payload, detail: detail, kind: kind, hash: hash)
        return hash
    }
}
