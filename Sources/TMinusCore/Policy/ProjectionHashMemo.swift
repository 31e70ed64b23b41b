/// Remembers the last projection hash compiled per (canonical event, edge detail, calendar kind), so
/// recompiling an unchanged event (the daily reconcile reprojects every event of the user) compares
/// payloads instead of serializing and hashing them again.
///
/// Exact by construction: ``ProjectionCompiler/hash(_:_:_:)`` is a pure function of the payload, the
/// applied detail and the kind, and a remembered hash is reused only when all three are equal to the
/// ones it was computed from, texts compared byte for byte
/// (``ProjectedEvent/hasSameBytes(as:)``: `String`'s `==` would also take a differently normalized
/// title, which hashes differently). So ``project(_:detail:kind:)`` returns exactly what
/// ``ProjectionCompiler/project(_:detail:kind:)`` returns. Memory is bounded by ``capacity`` entries
/// (the memo starts over when full).
public struct ProjectionHashMemo: Sendable {
    /// The most entries kept before the memo starts over.
    public static let capacity = 65_536

    private struct Key: Hashable, Sendable {
        var canonicalEventID: String
        var detail: DetailLevel
        var kind: CalendarKind
    }

    private struct Entry: Sendable {
        var payload: ProjectedEvent
        var applied: DetailLevel
        var hash: String
    }

    private var entries: [Key: Entry] = [:]

    /// An empty memo.
    public init() {}

    /// How many hashes are remembered.
    public var count: Int { entries.count }

    /// ``ProjectionCompiler/project(_:detail:kind:)``, hashing only a payload not seen last time.
    public mutating func project(_ event: CanonicalEvent, detail: DetailLevel, kind: CalendarKind) -> Projection? {
        guard let (payload, applied) = ProjectionCompiler.payload(of: event, detail: detail) else { return nil }
        let key = Key(canonicalEventID: event.id, detail: detail, kind: kind)
        if let entry = entries[key], entry.applied == applied, entry.payload.hasSameBytes(as: payload) {
            return Projection(payload: payload, detail: applied, kind: kind, hash: entry.hash)
        }
        let hash = ProjectionCompiler.hash(payload, applied, kind)
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = Entry(payload: payload, applied: applied, hash: hash)
        return Projection(payload: payload, detail: applied, kind: kind, hash: hash)
    }
}
