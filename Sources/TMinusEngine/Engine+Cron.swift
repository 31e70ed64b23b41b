import TMinusCore
import TMinusProviders
import TMinusQueues
import TMinusStore

/// What one cron tick did (flow E).
public struct CronReport: Hashable, Sendable {
    public var watchesRenewed = 0
    public var pollsRequested = 0
    public var reconcilesRequested = 0
    public var tokensRefreshed = 0
    public var accountsNeedingRelink = 0
    public var unlinksFinished = 0
    /// Dead letters waiting, per queue name (sorted).
    public var deadLetters: [String: Int] = [:]

    /// Nothing done.
    public init() {}
}

extension Engine {
    /// How often cron polls an account (an incremental sync of every scope, whatever pushes said:
    /// pushes can be lost or silently stop, providers.md §5 rows 19–21): every 15 minutes, hourly
    /// when pushes cover every synced scope.
    public static let pollSchedule = PollSchedule.standard
    /// Watches expiring within this are renewed; those silent this long are renewed too.
    public static let renewAhead: Duration = .seconds(86_400)
    public static let silentWatchLimit: Duration = .seconds(12 * 3600)
    /// Reconcile every account at least this often.
    public static let reconcileInterval: Duration = .seconds(86_400)

    /// One cron tick (flow E): renew channels before expiry and any silent for 12 h, refresh tokens
    /// that are about to expire, poll every account, dispatch the daily reconcile, finish unlinks
    /// whose deletes are done, and report dead letters. Run it every few minutes.
    public func cronTick() async -> CronReport {
        var report = CronReport()
        let accounts = (try? registry.allAccounts()) ?? []
        // Commands a crashed process committed but never relayed are moved to the write queue now.
        for userID in Set(accounts.filter { $0.status == .active }.map(\.userID)).sorted() {
            guard (try? environment.crashes.ensureAlive()) != nil else { return report }
            try? await relayOutbox(of: userID)
        }
        for registered in accounts {
            // A process that died mid-tick does nothing more; the next incarnation's tick redoes it.
            guard (try? environment.crashes.ensureAlive()) != nil else { return report }
            await tick(registered, report: &report)
        }
        guard (try? environment.crashes.ensureAlive()) != nil else { return report }
        await finishUnlinks(report: &report)
        let names: [QueueName] = [.sync, .write, .reconcile]
        let depths = (try? queue.depths(for: names)) ?? names.map { QueueDepth(queue: $0, depth: 0, deadLettered: 0, delivered: 0) }
        for depth in depths { report.deadLetters[depth.queue.rawValue] = depth.deadLettered }
        let deadLetters = report.deadLetters.keys.sorted().map { "\($0):\(report.deadLetters[$0]!)" }.joined(separator: ",")
        record(
            "cron renewed=\(report.watchesRenewed) polls=\(report.pollsRequested) reconciles=\(report.reconcilesRequested) "
                + "relink=\(report.accountsNeedingRelink) dlq=\(deadLetters)")
        return report
    }

    private func tick(_ registered: RegisteredAccount, report: inout CronReport) async {
        guard registered.status == .active, let account = try? account(registered.accountID) else { return }
        if await account.needsRelink {
            try? registry.setStatus(.error, of: registered.accountID)
            report.accountsNeedingRelink += 1
            record("account-error \(registered.accountID) needs relink")
            return
        }
        let expiringBefore = now.adding(Self.renewAhead)
        let silentSince = now.adding(.nanoseconds(-Self.silentWatchLimit.nanoseconds))
        let due =
            (try? await account.withStore { store throws(StoreError) in
                try store.watchesDueForRenewal(expiringBefore: expiringBefore, silentSince: silentSince)
            }) ?? []
        for watch in due {
            // Expiring soon: renew in place. Silent for 12 h but not expiring: the channel may have
            // died without a word (renewing it in place would keep a dead channel), so open a new one.
            let silentOnly = watch.expiresAt >= expiringBefore
            let calendarID = watch.providerCalendarID
            let accountID = registered.accountID
            let renewed =
                silentOnly
                ? (try? await reopenWatch(accountID: accountID, calendarID: calendarID)) != nil
                : (try? await renewWatch(accountID: accountID, calendarID: calendarID, force: false)) != nil
            if renewed { report.watchesRenewed += 1 }
        }
        guard (try? environment.crashes.reach(.cronAfterRenewals)) != nil else { return }
        if (try? await account.credential()) == nil, await account.needsRelink {
            try? registry.setStatus(.error, of: registered.accountID)
            report.accountsNeedingRelink += 1
            return
        }
        if await pollIsDue(account),
            (try? requestSync(SyncRequest(accountID: registered.accountID, reason: "poll"))) != nil
        {
            lastPollAt[registered.accountID] = now
            report.pollsRequested += 1
        }
        let last = try? await account.withStore { store throws(StoreError) in try store.lastReconcileAt() }
        if last.flatMap({ $0 }).map({ now.duration(since: $0) >= Self.reconcileInterval }) ?? true {
            try? requestReconcile(accountID: registered.accountID, reason: "daily")
            if (try? await onboardingStatus(of: registered.accountID).complete) == false {
                try? requestOnboarding(accountID: registered.accountID, after: .zero)  // failing scopes, daily
            }
            let stamp = now
            try? await account.withStore { store throws(StoreError) in try store.recordReconcile(at: stamp) }
            report.reconcilesRequested += 1
        }
    }

    /// Whether the account's poll is due (``pollSchedule``); when its scopes or watches cannot be
    /// read, it is polled as often as an account without pushes.
    private func pollIsDue(_ account: AccountState) async -> Bool {
        let schedule = Self.pollSchedule
        var interval = schedule.frequentInterval
        let pushSupport = await account.provider(using: factory).pushSupport
        let instant = now
        if case .webhook = pushSupport,
            let (scopes, watches) = try? await account.withStore({ store throws(StoreError) in
                (try store.scopes(), try store.watches())
            })
        {
            interval = schedule.interval(pushSupport: pushSupport, scopes: scopes, watches: watches, now: instant)
        }
        return PollSchedule.isDue(lastPollAt: lastPollAt[account.accountID], interval: interval, now: instant)
    }

    /// Completes unlinks whose mirror deletes are confirmed: drop calendars, revoke tokens, mark revoked.
    private func finishUnlinks(report: inout CronReport) async {
        for (userID, graph) in graphs.sorted(by: { $0.key < $1.key }) {
            guard let linked = try? await graph.inspect({ store throws(StoreError) in try store.linkedAccounts() })
            else { continue }
            for entry in linked where entry.status == "unlinking" {
                guard
                    (try? await graph.inspect({ store throws(StoreError) in try store.unlinkDeletesDone(entry.accountID)
                        })) == true
                else { continue }
                // Our events a lost create response left unrecorded are found by their markers first;
                // if the provider cannot be listed now, the next tick tries again.
                guard (try? await sweepUnlinking(userID: userID, accountID: entry.accountID)) != nil else { continue }
                try? await finishUnlink(userID: userID, accountID: entry.accountID)
                report.unlinksFinished += 1
            }
        }
    }
}
