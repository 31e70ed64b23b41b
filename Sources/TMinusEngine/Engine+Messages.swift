public import TMinusCore
import TMinusProviders
public import TMinusQueues
public import TMinusStore

/// The payload of SYNC_INCREMENTAL / SYNC_FULL messages: which account, which calendar (nil = every
/// scoped calendar), and why.
public struct SyncRequest: Hashable, Sendable {
    public var accountID: String
    public var calendarID: String?
    public var full: Bool
    public var reason: String

    /// Creates a request.
    public init(accountID: String, calendarID: String? = nil, full: Bool = false, reason: String) {
        self.accountID = accountID
        self.calendarID = calendarID
        self.full = full
        self.reason = reason
    }

    /// The queue message carrying this request.
    public var message: OutgoingMessage {
        OutgoingMessage(
            queue: .sync, type: full ? .syncFull : .syncIncremental,
            payload: .object([
                "account_id": .string(accountID), "calendar_id": calendarID.map(JSONValue.string) ?? .null,
                "reason": .string(reason),
            ]))
    }

    /// Decodes a message's payload.
    public init(_ message: QueueMessage) throws(ModelError) {
        let reader = try JSONReader(message.payload, path: "payload")
        self.init(
            accountID: try reader.string("account_id"), calendarID: try reader.optionalString("calendar_id"),
            full: message.type == .syncFull, reason: try reader.optionalString("reason") ?? "")
    }
}

extension Engine {
    /// Handles one delivered message and says what the queue should do with it.
    public func handle(_ message: QueueMessage) async -> HandlerDecision {
        do {
            switch message.type {
            case .syncIncremental, .syncFull:
                return try await handleSync(SyncRequest(message))
            case .reconcileAccount:
                return try await handleReconcile(SyncRequest(message).accountID)
            case .onboardAccount:
                return try await handleOnboarding(SyncRequest(message).accountID)
            case .upsertMirror, .deleteManagedMirror:
                return try await handleWrite(try message.mirrorCommand())
            default:
                return .deadLetter(error: "unknown message type \(message.type)")
            }
        } catch let error as ModelError {
            return .deadLetter(error: "malformed message: \(error)")
        } catch {
            return .retry(after: nil, error: "\(error)")
        }
    }

    func handleSync(_ request: SyncRequest) async throws -> HandlerDecision {
        guard try registry.account(request.accountID)?.status == .active else {
            record("sync-skipped \(request.accountID) account not active")
            return .ack  // an account in error or revoked is not synced (no retry storms)
        }
        let userID = try userID(ofAccount: request.accountID)
        let account = try account(request.accountID)
        if let hold = await held(account, work: "sync", detail: request.reason) {
            // A poll is dropped: the held work (the call that met the hold is retried after it)
            // and the next poll cover it. Anything else waits for the hold to end.
            return request.reason == "poll" ? .ack : .postpone(after: hold.wait, reason: hold.reason.rawValue)
        }
        let graph = try graph(of: userID)
        let flow = CalendarSync(
            graph: graph, account: account, factory: factory, trace: environment.trace, configuration: configuration,
            crashes: environment.crashes)
        let calendars: [String]
        if let calendarID = request.calendarID {
            calendars = [calendarID]
        } else {
            calendars = try await account.withStore { store throws(StoreError) in try store.scopes() }
                .filter { $0.syncEnabled && $0.role != .overlay }.map(\.providerCalendarID)
        }
        var decision = HandlerDecision.ack
        for calendarID in calendars {
            // The provider said to wait (to this sync or a sibling flow): the calendars left wait
            // with it, and the retry (or, for a poll, the next poll) syncs them.
            if let wait = account.retryAfterHold(at: now) {
                if decision == .ack, request.reason != "poll" { decision = .postpone(after: wait, reason: "Retry-After") }
                break
            }
            let result = await flow.run(calendarID: calendarID, full: request.full, now: now)
            try environment.crashes.ensureAlive()
            if result != .ack { decision = result }
        }
        try await relayOutbox(of: userID)
        try await flagIfRevoked(account)
        return decision
    }

    func handleReconcile(_ accountID: String) async throws -> HandlerDecision {
        guard try registry.account(accountID)?.status == .active else { return .ack }
        let state = try account(accountID)
        if let hold = await held(state, work: "reconcile") {
            return .postpone(after: hold.wait, reason: hold.reason.rawValue)
        }
        do {
            _ = try await reconcile(accountID: accountID)
        } catch let error as ProviderError {
            // The provider holding the whole account (a spent quota, a named wait) postpones the
            // reconcile. As a plain failure it spent the message's attempts, the queue dead-lettered
            // it, and nothing listed the mirror calendars again until the next day's reconcile, so
            // mirrors a person deleted meanwhile were never tombstoned (fuzz 2435, M).
            switch error.recovery {
            case .pauseWritesAndAlert:
                record("reconcile-held \(accountID) quota spent")
                return await state.postponeForSpentQuota(error)
            case .retryAfter(let wait?):
                return .postpone(after: wait, reason: error.description)
            default:
                throw error
            }
        }
        return .ack
    }

    /// Runs the reconcile of one account now (rule 12) and returns its repairs.
    public func reconcile(accountID: String) async throws -> ReconcileRepairs {
        let userID = try userID(ofAccount: accountID)
        let repairs = try await reconcileFlow(userID: userID, accountID: accountID).run(now: now)
        try await relayOutbox(of: userID)
        return repairs
    }

    /// The reconcile flow of one account of `userID`.
    func reconcileFlow(userID: String, accountID: String) throws -> AccountReconcile {
        AccountReconcile(
            graph: try graph(of: userID), account: try account(accountID), factory: factory, trace: environment.trace,
            configuration: configuration, crashes: environment.crashes)
    }

    /// Asks for a reconcile of one account through the reconcile queue.
    public func requestReconcile(accountID: String, reason: String) throws {
        let payload: JSONValue = .object(["account_id": .string(accountID), "reason": .string(reason)])
        _ = try queue.enqueue(OutgoingMessage(queue: .reconcile, type: .reconcileAccount, payload: payload), now: now)
    }

    func handleWrite(_ command: MirrorCommand) async throws -> HandlerDecision {
        let target = try account(command.targetAccountID)
        if let hold = await held(target, work: "write", subject: "\(command.canonicalEventID)→\(command.targetAccountID)") {
            return .postpone(after: hold.wait, reason: hold.reason.rawValue)
        }
        let userID = try userID(ofAccount: command.targetAccountID)
        let writer = MirrorWriter(
            graph: try graph(of: userID), account: try account(command.targetAccountID), factory: factory,
            trace: environment.trace, crashes: environment.crashes)
        let decision = await writer.perform(command)
        try environment.crashes.ensureAlive()
        try await relayOutbox(of: userID)
        try await flagIfRevoked(try account(command.targetAccountID))
        return decision
    }

    /// The handlers' pre-check: what holds `account`'s calls back now (a spent quota, a provider's
    /// `Retry-After`), traced as `<work>-held <subject> <reason>[, <detail>]` (the subject defaults
    /// to the account); nil when the work may start.
    func held(_ account: AccountState, work: String, subject: String? = nil, detail: String? = nil) async -> AccountHold? {
        guard let hold = await account.hold(at: now) else { return nil }
        record("\(work)-held \(subject ?? account.accountID) \(hold.reason)" + (detail.map { ", \($0)" } ?? ""))
        return hold
    }

    /// `invalid_grant` seen: the account goes to `error` at once (the user must relink); its work
    /// stops without retry storms and no other account is affected (engine rule 10).
    func flagIfRevoked(_ account: AccountState) async throws {
        guard await account.needsRelink, try registry.account(account.accountID)?.status == .active else { return }
        try registry.setStatus(.error, of: account.accountID)
        record("account-error \(account.accountID) needs relink")
    }

    /// Enqueues a sync request (from a webhook, a poll timer, cron or a test).
    public func requestSync(_ request: SyncRequest) throws {
        _ = try queue.enqueue(request.message, now: now)
        record("sync-requested \(request.accountID) \(request.calendarID ?? "*") \(request.reason)")
    }

    /// Delivers and handles every message that is visible now, queue by queue (sync, then write),
    /// until both are empty or `limit` messages were handled. Returns how many were handled.
    /// Tests and the CLI demo drive the engine with it; the simulator runs `QueueConsumer` loops.
    @discardableResult
    public func drain(limit: Int = 10_000) async throws -> Int {
        var handled = 0
        while handled < limit {
            var progressed = false
            for name in [QueueName.sync, QueueName.reconcile, QueueName.write] {
                for leased in try queue.receive(from: name, now: now) {
                    progressed = true
                    handled += 1
                    #if TMINUS_SEEDED_DEFECTS
                        if Defects.isActive(.ackBeforeCommit) {
                            _ = try queue.ack(leased.lease)
                            _ = await handle(leased.message)
                            continue
                        }
                    #endif
                    let decision = await handle(leased.message)
                    try environment.crashes.reach(Self.beforeAck(name))
                    try settle(leased.lease, decision)
                }
            }
            if !progressed { return handled }
        }
        return handled
    }

    /// The crash point between a handler's last effect and its message's acknowledgement.
    static func beforeAck(_ queue: QueueName) -> CrashPoint {
        switch queue {
        case .write: .writeBeforeAck
        case .reconcile: .reconcileBeforeAck
        default: .syncBeforeAck
        }
    }

    func settle(_ lease: MessageLease, _ decision: HandlerDecision) throws {
        switch decision {
        case .ack: _ = try queue.ack(lease)
        case .retry(let after, let error): _ = try queue.retry(lease, now: now, error: error, retryAfter: after)
        case .deadLetter(let error): _ = try queue.deadLetter(lease, now: now, error: error)
        case .postpone(let after, _): _ = try queue.release(lease, now: now, after: after)
        }
    }

    /// The earliest instant a waiting message becomes visible, if any (tests advance a manual clock to it).
    public func nextMessageAt() throws -> Timestamp? {
        try [QueueName.sync, .reconcile, .write].compactMap { try queue.nextVisibleAt(in: $0, after: now) }.min()
    }
}
