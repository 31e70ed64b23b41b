public import TMinusCore
public import TMinusSQLite
public import TMinusStore

/// The serialized unit of one user (the seed's UserGraphDO): every mutation of the user's graph
/// goes through this actor, one at a time, over its own SQLite database.
///
/// The actor adds serialization and nothing else: each method is one store transaction, so a crash
/// between two calls loses nothing that a call returned (invariant L).
public actor UserGraph {
    /// The user this unit serves.
    public nonisolated let userID: String
    private let store: UserGraphStore

    /// Opens the user's graph at `path` (`:memory:` for tests) with `options`.
    public init(
        userID: String, path: String, environment: Environment, options: ConnectionOptions = .standard
    ) throws(StoreError) {
        self.userID = userID
        store = try UserGraphStore(userID: userID, path: path, environment: environment, options: options)
    }

    /// See ``UserGraphStore/abandonForCrashTest()``.
    public func abandonForCrashTest() { store.abandonForCrashTest() }

    /// See ``UserGraphStore/applyProviderDeltas(accountID:_:)``.
    public func applyProviderDeltas(accountID: String, _ deltas: [ProviderEventDelta]) throws(StoreError) -> ApplyResult
    {
        try store.applyProviderDeltas(accountID: accountID, deltas)
    }

    /// See ``UserGraphStore/linkAccount(_:provider:addDefaultEdges:)``.
    @discardableResult
    public func linkAccount(_ accountID: String, provider: ProviderKind, addDefaultEdges: Bool = true)
        throws(StoreError) -> Int
    {
        try store.linkAccount(accountID, provider: provider, addDefaultEdges: addDefaultEdges)
    }

    /// See ``UserGraphStore/unlinkAccount(_:)``.
    public func unlinkAccount(_ accountID: String) throws(StoreError) -> UnlinkPlan {
        try store.unlinkAccount(accountID)
    }

    /// See ``UserGraphStore/setPolicyEdges(_:)``.
    @discardableResult
    public func setPolicyEdges(_ edges: [PolicyEdge]) throws(StoreError) -> Int {
        try store.setPolicyEdges(edges)
    }

    /// See ``UserGraphStore/createInternalEvent(_:source:)``.
    public func createEvent(_ content: EventContent, source: EventSource = .api) throws(StoreError) -> CanonicalEvent {
        try store.createInternalEvent(content, source: source)
    }

    /// See ``UserGraphStore/updateInternalEvent(id:_:source:)``.
    public func updateEvent(id: String, _ content: EventContent, source: EventSource = .api) throws(StoreError)
        -> CanonicalEvent
    {
        try store.updateInternalEvent(id: id, content, source: source)
    }

    /// See ``UserGraphStore/deleteInternalEvent(id:source:)``.
    public func deleteEvent(id: String, source: EventSource = .api) throws(StoreError) {
        try store.deleteInternalEvent(id: id, source: source)
    }

    /// See ``UserGraphStore/recordWriteThroughEvent(id:origin:content:source:)``.
    public func recordWriteThroughEvent(
        id: String, origin: EventAddressRecord, content: EventContent, source: EventSource = .api
    ) throws(StoreError) -> CanonicalEvent {
        try store.recordWriteThroughEvent(id: id, origin: origin, content: content, source: source)
    }

    /// See ``UserGraphStore/markMirrorTombstoned(canonicalEventID:targetAccountID:)``.
    public func markMirrorTombstoned(canonicalEventID: String, targetAccountID: String) throws(StoreError) {
        try store.markMirrorTombstoned(canonicalEventID: canonicalEventID, targetAccountID: targetAccountID)
    }

    /// See ``UserGraphStore/liveEvents(originAccountID:calendarID:)``.
    public func liveEvents(originAccountID: String, calendarID: String) throws(StoreError) -> [CanonicalEvent] {
        try store.liveEvents(originAccountID: originAccountID, calendarID: calendarID)
    }

    /// One mirror row, or nil.
    public func mirror(canonicalEventID: String, targetAccountID: String) throws(StoreError) -> MirrorRecord? {
        try store.mirror(canonicalEventID: canonicalEventID, targetAccountID: targetAccountID)
    }

    /// Records a mirror written with the provider's stamp of the version it made: see
    /// `UserGraphStore.recordMirrorWritten(…providerUpdatedAt:)`.
    public func recordMirrorWritten(
        canonicalEventID: String, targetAccountID: String, projectedHash: String, providerEventID: String,
        targetCalendarID: String, providerUpdatedAt: Timestamp?
    ) throws(StoreError) -> Bool {
        try store.recordMirrorWritten(
            canonicalEventID: canonicalEventID, targetAccountID: targetAccountID, projectedHash: projectedHash,
            providerEventID: providerEventID, targetCalendarID: targetCalendarID, providerUpdatedAt: providerUpdatedAt)
    }

    /// See ``UserGraphStore/recordMirrorPlacement(canonicalEventID:targetAccountID:calendarID:)``.
    @discardableResult
    public func recordMirrorPlacement(
        canonicalEventID: String, targetAccountID: String, calendarID: String
    ) throws(StoreError) -> Bool {
        try store.recordMirrorPlacement(
            canonicalEventID: canonicalEventID, targetAccountID: targetAccountID, calendarID: calendarID)
    }

    /// See ``UserGraphStore/recordMirrorDeleted(canonicalEventID:targetAccountID:)``.
    public func recordMirrorDeleted(canonicalEventID: String, targetAccountID: String) throws(StoreError) -> Bool {
        try store.recordMirrorDeleted(canonicalEventID: canonicalEventID, targetAccountID: targetAccountID)
    }

    /// See ``UserGraphStore/recordMirrorError(canonicalEventID:targetAccountID:message:)``.
    public func recordMirrorError(canonicalEventID: String, targetAccountID: String, message: String) throws(StoreError)
        -> Bool
    {
        try store.recordMirrorError(
            canonicalEventID: canonicalEventID, targetAccountID: targetAccountID, message: message)
    }

    /// Live events overlapping `[from, to)`.
    public func events(from: Timestamp, to: Timestamp) throws(StoreError) -> [CanonicalEvent] {
        try store.events(from: from, to: to)
    }

    /// Mirror health of one target account.
    public func projectionStatus(accountID: String) throws(StoreError) -> ProjectionStatus {
        try store.projectionStatus(accountID: accountID)
    }

    /// Runs a closure against the store inside this unit (flows that need several store calls, checkers).
    public func inspect<T: Sendable>(_ body: (UserGraphStore) throws(StoreError) -> T) throws(StoreError) -> T {
        try body(store)
    }
}
