import TMinusCore

/// What the world checker remembers between two checks, for the invariants that compare the
/// present with the past: B (a canonical ID never changes), I (the journal only grows, and every
/// change since the last check has an entry), F (overwritten fields were journaled), and C, J, K
/// (the providers' write log: redundant writes, writes per change, `Retry-After`).
struct CheckerMemory: Sendable {
    /// One canonical event as the last check saw it.
    struct EventSnapshot: Sendable {
        var version: Int64
        var content: EventContent
        var isDeleted: Bool
        var authority: AuthorityMarkers
    }

    /// One provider event resource as the write log has seen it.
    struct ResourceWrites: Sendable {
        /// Body digest of the last write the engine saw succeed, until a human or a restart intervenes.
        var lastAcknowledged: UInt64?
        /// Body digest of the last write attempt.
        var lastBody: UInt64?
        /// Attempts with that body since the body last changed (or a human changed the event).
        var attempts = 0
    }

    /// C: which canonical event at which detail and kind a projection hash was compiled for.
    struct ProjectionKey: Hashable, Sendable {
        var canonicalEventID: String
        var detail: DetailLevel
        var kind: CalendarKind
    }

    /// C: the event a hash was compiled from, and the hash (nil: it projects to nothing).
    struct CompiledProjection: Sendable {
        var event: CanonicalEvent
        var hash: String?
    }

    /// B: "originAccount|originEvent" → canonical ID, and back.
    var canonicalByOrigin: [String: String] = [:]
    var originByCanonical: [String: String] = [:]
    /// I, F: each canonical event at the last check.
    var events: [String: EventSnapshot] = [:]
    /// I: the journal at the last check, sequence → fingerprint (kept in cross-check mode only);
    /// its highest sequence; and every canonical ID any entry names.
    var journal: [Int64: String] = [:]
    var journalHighest: Int64 = 0
    var journaledIDs: Set<String> = []
    /// The engine's canonical events and mirror rows as of the last check.
    var store = CheckedStore()
    /// The fakes' true state as of the last check, the ledger's change position then, and the
    /// inputs on which every fake-side verdict depends (nil before the first check).
    var fakes = FakeView()
    var ledgerPosition: UInt64 = 0
    var fakeInputs: WorldChecker.FakeInputs?
    /// Every fake-side violation reported so far, "invariant message" (kept in cross-check mode only).
    var reported: Set<String> = []
    /// What the checks read, as of the last safety check (nil before the first).
    var stamp: WorldChecker.Stamp?
    /// The user graph's part of ``stamp`` with the graph's change stamp it was read at.
    var storeInputs: WorldChecker.RememberedStoreInputs?
    /// C, J: write history per "host path".
    var resources: [String: ResourceWrites] = [:]
    /// K: request key → the instant before which the same request must not be sent again.
    var notBefore: [String: Timestamp] = [:]
    /// J: the most attempts seen for one change of one resource, and all event writes.
    var maxWritesPerChange = 0
    var writes = 0
    /// C: the last projection hash compiled per mirror key (a cache of a pure function).
    var projections: [ProjectionKey: CompiledProjection] = [:]
}
