public import TMinusCore
import TMinusProviders
public import TMinusQueues
public import TMinusStore

/// One account's sync status as the facade reports it.
public struct AccountStatus: Hashable, Sendable {
    public var accountID: String
    public var provider: ProviderKind
    public var registryStatus: RegisteredAccount.Status
    /// Mirror health in this account (green/yellow/red).
    public var projection: ProjectionStatus
    public var health: SyncHealth
    /// How far onboarding got, and the scopes still failing.
    public var onboarding: OnboardingStatus
}

extension Engine {
    /// Unlinks an account (engine rule 9): stops its channels, queues the deletes of our mirrors in
    /// it and of its events' mirrors elsewhere (while its tokens still work); cron finishes the unlink
    /// (revokes tokens, drops its data) once those deletes are confirmed.
    public func unlinkAccount(_ accountID: String) async throws -> UnlinkPlan {
        let userID = try userID(ofAccount: accountID)
        let account = try account(accountID)
        let provider = await account.provider(using: factory)
        for watch in try await account.withStore({ store throws(StoreError) in try store.watches() }) {
            let channel = PushChannel(
                calendarID: watch.providerCalendarID, channelID: watch.channelID, resourceID: watch.resourceID,
                expiresAt: watch.expiresAt)
            try? await provider.stopWatch(channel)
            try registry.removeRoute(channelID: watch.channelID)
            try await account.withStore { store throws(StoreError) in
                try store.removeWatch(calendarID: watch.providerCalendarID)
            }
        }
        let plan = try await graph(of: userID).unlinkAccount(accountID)
        try await relayOutbox(of: userID)
        record("unlink-started \(accountID) deletes=\(plan.mirrorsInAccount + plan.mirrorsOfItsEvents)")
        return plan
    }

    /// Lists the unlinking account's mirror calendars and deletes every event of ours left there
    /// (``AccountReconcile/sweepForUnlink(now:)``); returns how many it deleted.
    func sweepUnlinking(userID: String, accountID: String) async throws -> Int {
        try await reconcileFlow(userID: userID, accountID: accountID).sweepForUnlink(now: now)
    }

    func finishUnlink(userID: String, accountID: String) async throws {
        try await graph(of: userID).inspect { store throws(StoreError) in try store.finishUnlink(accountID) }
        try await account(accountID).withStore { store throws(StoreError) in try store.dropTokens() }
        try registry.setStatus(.revoked, of: accountID)
        record("unlink-finished \(accountID)")
    }

    /// Sync status of every account of a user, sorted by account ID.
    public func status(userID: String) async throws -> [AccountStatus] {
        let graph = try graph(of: userID)
        var result: [AccountStatus] = []
        for registered in try registry.accounts(ofUser: userID) {
            let accountID = registered.accountID
            let projection = try await graph.projectionStatus(accountID: accountID)
            let health = try await account(accountID).withStore { store throws(StoreError) in try store.health() }
            result.append(
                AccountStatus(
                    accountID: accountID, provider: registered.provider, registryStatus: registered.status,
                    projection: projection,
                    health: health, onboarding: try await onboardingStatus(of: accountID)))
        }
        return result
    }

    /// Dead letters of every queue (oldest first), for status and replay.
    public func deadLetters() throws -> [DeadLetter] {
        try [QueueName.sync, .reconcile, .write].flatMap { try queue.deadLetters(in: $0) }
    }

    /// Puts every dead letter back on its queue (after the cause is fixed, e.g. the account relinked).
    @discardableResult
    public func replayDeadLetters() throws -> Int {
        var replayed = 0
        for name in [QueueName.sync, .reconcile, .write] {
            replayed += try queue.replayDeadLetters(from: name, ids: nil, now: now).count
        }
        return replayed
    }

    /// Live events of a user in `[from, to)`.
    public func events(userID: String, from: Timestamp, to: Timestamp) async throws -> [CanonicalEvent] {
        try await graph(of: userID).events(from: from, to: to)
    }

    /// Creates an event through T-Minus (mirrored into every linked account).
    public func createEvent(userID: String, _ content: EventContent, source: EventSource = .api) async throws
        -> CanonicalEvent
    {
        let event = try await graph(of: userID).createEvent(content, source: source)
        try await relayOutbox(of: userID)
        return event
    }

    /// Changes an event created through T-Minus; a write-through origin is changed at its provider
    /// first (see ``updateWriteThroughOrigin(_:content:)``).
    public func updateEvent(userID: String, id: String, _ content: EventContent, source: EventSource = .api)
        async throws -> CanonicalEvent
    {
        let graph = try graph(of: userID)
        var content = content
        if let known = try await graph.inspect({ store throws(StoreError) in try store.event(id: id) }),
            known.isWriteThrough, !known.isDeleted
        {
            try content.validate(field: "event")
            content = try await updateWriteThroughOrigin(known, content: content)
        }
        let event = try await graph.updateEvent(id: id, content, source: source)
        try await relayOutbox(of: userID)
        return event
    }

    /// Deletes an event created through T-Minus, and its mirrors; a write-through origin is deleted at
    /// its provider first (see ``deleteWriteThroughOrigin(_:)``).
    public func deleteEvent(userID: String, id: String, source: EventSource = .api) async throws {
        let graph = try graph(of: userID)
        if let known = try await graph.inspect({ store throws(StoreError) in try store.event(id: id) }),
            known.isWriteThrough, !known.isDeleted
        {
            try await deleteWriteThroughOrigin(known)
        }
        try await graph.deleteEvent(id: id, source: source)
        try await relayOutbox(of: userID)
    }

    /// Replaces a user's policy edges and converges (rule 8).
    public func setPolicyEdges(userID: String, _ edges: [PolicyEdge]) async throws {
        try await graph(of: userID).setPolicyEdges(edges)
        try await relayOutbox(of: userID)
    }
}
