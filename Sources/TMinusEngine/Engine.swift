public import TMinusCore
import TMinusProviders
import TMinusQueues
import TMinusStore

/// The engine of one process: the registry, every user's graph, every account's unit, and the
/// durable queues that connect them (the seed's Workers, Durable Objects and Queues in one place).
///
/// Simulation and live mode build it the same way; only the ``Environment`` and the
/// ``ProviderFactory`` (which transport the adapters use) differ. Its state lives in SQLite files
/// under ``EngineStorage``: killing the process and building a new `Engine` on the same storage
/// resumes from disk alone.
public actor Engine {
    let environment: Environment
    let storage: EngineStorage
    let factory: ProviderFactory
    let configuration: SyncConfiguration
    let registry: RegistryStore
    let queue: DurableQueue
    var graphs: [String: UserGraph] = [:]
    var accounts: [String: AccountState] = [:]
    /// When cron last requested a poll of each account, in this process (``PollSchedule``).
    var lastPollAt: [String: Timestamp] = [:]
    /// Pushes received so far.
    public internal(set) var pushStatistics = PushStatistics()

    /// The sync flow's knobs, its listing window among them (fixed for the engine's life).
    public nonisolated var syncConfiguration: SyncConfiguration { configuration }

    /// Opens (or reopens) the engine's stores and queues.
    public init(
        environment: Environment, storage: EngineStorage, factory: @escaping ProviderFactory,
        configuration: SyncConfiguration = SyncConfiguration()
    ) throws {
        self.environment = environment
        self.storage = storage
        self.factory = factory
        self.configuration = configuration
        registry = try RegistryStore(path: storage.registryPath, environment: environment, options: storage.options)
        queue = try DurableQueue(path: storage.queuePath, environment: environment, options: storage.options)
    }

    /// Drops every SQLite connection of this engine the way a killed process would (no checkpoint,
    /// nothing more written), so that the next incarnation can open the same files, even with
    /// exclusive locks. The engine must not be used afterwards: call it only on a dead or idle engine.
    public func abandonStorage() async {
        registry.abandonForCrashTest()
        queue.abandonForCrashTest()
        for userID in graphs.keys.sorted() { await graphs[userID]?.abandonForCrashTest() }
        for accountID in accounts.keys.sorted() { await accounts[accountID]?.abandonForCrashTest() }
    }

    var now: Timestamp { environment.clock.now() }

    func record(_ event: String) { environment.trace.record(component: "engine", event: event) }

    // MARK: - Units

    /// The graph unit of a user (opened on first use).
    public func graph(of userID: String) throws -> UserGraph {
        if let graph = graphs[userID] { return graph }
        let graph = try UserGraph(
            userID: userID, path: storage.userGraphPath(userID), environment: environment, options: storage.options)
        graphs[userID] = graph
        return graph
    }

    /// The unit of an account (opened on first use from the registry).
    public func account(_ accountID: String) throws -> AccountState {
        if let account = accounts[accountID] { return account }
        guard let registered = try registry.account(accountID) else {
            throw StoreError.notFound(kind: "account", id: accountID)
        }
        let auth: AccountAuth = registered.provider == .caldav ? .basic(user: registered.subject) : .oauth
        let account = try AccountState(
            accountID: accountID, kind: registered.provider, auth: auth, path: storage.accountPath(accountID),
            environment: environment, options: storage.options)
        accounts[accountID] = account
        return account
    }

    func userID(ofAccount accountID: String) throws -> String {
        guard let registered = try registry.account(accountID) else {
            throw StoreError.notFound(kind: "account", id: accountID)
        }
        return registered.userID
    }

    // MARK: - Outbox relay

    /// Moves a user's outbox into the write queue (at-least-once; deduplicated by outbox ID, so a
    /// crash between enqueue and outbox removal never duplicates a command).
    func relayOutbox(of userID: String) async throws {
        let graph = try graph(of: userID)
        while true {
            try environment.crashes.ensureAlive()
            let entries = try await graph.inspect { store throws(StoreError) in try store.outboxEntries(limit: 100) }
            if entries.isEmpty { return }
            let messages = entries.map { entry in
                var message = entry.outgoingMessage
                message.dedupKey = entry.outboxID
                return message
            }
            _ = try queue.enqueue(messages, now: now)
            try environment.crashes.reach(.relayAfterEnqueue)
            let ids = entries.map(\.outboxID)
            try await graph.inspect { store throws(StoreError) in try store.removeOutboxEntries(ids) }
        }
    }
}
