public import TMinusCore
public import TMinusProviders
import TMinusStore

/// Counts of push notifications the engine received, for status and the checker.
public struct PushStatistics: Hashable, Sendable {
    /// Notifications routed to a known channel with the right token.
    public var accepted = 0
    /// Notifications with a wrong token/clientState (forged): rejected.
    public var forged = 0
    /// Notifications for channels the registry does not know (or whose account is inactive).
    public var unknownChannel = 0
    /// Requests that could not be decoded at all.
    public var undecodable = 0

    /// Nothing received yet.
    public init() {}
}

/// Credentials for decoding pushes, which needs none.
struct NoCredentials: CredentialSource {
    func credential() async throws(ProviderError) -> ProviderCredential { .bearer(ProviderSecret("")) }
    func refreshedCredential(replacing rejected: ProviderCredential) async throws(ProviderError) -> ProviderCredential {
        rejected
    }
}

extension Engine {
    /// The base URL providers push to (the webhook worker's address).
    public static let webhookBase = "https://hooks.tminus.example"

    /// Handles one incoming push (Google channel notification or Graph change/lifecycle
    /// notification) and returns the reply the provider expects (Google: always 200; Graph: 202, or
    /// the validation token). Each notification is routed by its channel to (account, calendar) and
    /// checked against the channel's token; forged or unknown ones are counted and ignored.
    public func receivePush(from kind: ProviderKind, _ request: HTTPRequest) async -> HTTPResponse {
        let decoder = factory(kind, NoCredentials())
        let delivery: PushDelivery
        do {
            delivery = try decoder.decodePush(request)
        } catch {
            pushStatistics.undecodable += 1
            record("push-undecodable \(kind.rawValue)")
            return HTTPResponse(status: kind == .google ? 200 : 400)
        }
        for notification in delivery.notifications {
            await route(notification)
        }
        // A process that died while routing answers nothing; the provider retries later.
        guard (try? environment.crashes.ensureAlive()) != nil else { return HTTPResponse(status: 503) }
        return delivery.reply
    }

    private func route(_ notification: PushNotification) async {
        guard (try? environment.crashes.ensureAlive()) != nil else { return }
        guard let route = try? registry.route(channelID: notification.channelID) else {
            pushStatistics.unknownChannel += 1
            record("push-unknown-channel")
            return
        }
        guard notification.verificationToken == route.token else {
            pushStatistics.forged += 1
            record("push-forged \(route.accountID)")
            return
        }
        pushStatistics.accepted += 1
        let calendarID = route.providerCalendarID
        let stamp = now
        if let account = try? account(route.accountID) {
            try? await account.withStore { store throws(StoreError) in
                if var watch = try store.watches().first(where: { $0.providerCalendarID == calendarID }) {
                    watch.lastNotificationAt = stamp
                    try store.upsertWatch(watch)
                }
            }
        }
        guard (try? environment.crashes.reach(.pushBeforeEnqueue)) != nil else { return }
        switch notification.signal {
        case .channelOpened:
            return
        case .changed, .missed:
            try? requestSync(SyncRequest(accountID: route.accountID, calendarID: calendarID, reason: "push"))
        case .resourceRemoved, .subscriptionRemoved, .reauthorizationRequired:
            try? await renewWatch(accountID: route.accountID, calendarID: calendarID, force: true)
            try? requestSync(
                SyncRequest(
                    accountID: route.accountID, calendarID: calendarID, reason: "push-\(notification.signal.rawValue)"))
        }
    }

    /// Opens a push channel for every synced scope of an account that has none (poll-only providers
    /// are skipped: cron polls them).
    public func ensureWatches(accountID: String) async throws {
        let account = try account(accountID)
        let provider = await account.provider(using: factory)
        guard case .webhook = provider.pushSupport else { return }
        let scopes = try await account.withStore { store throws(StoreError) in try store.scopes() }
        let watches = try await account.withStore { store throws(StoreError) in try store.watches() }
        for scope in scopes where scope.syncEnabled && scope.role != .overlay {
            if watches.contains(where: { $0.providerCalendarID == scope.providerCalendarID && $0.state == .active }) {
                continue
            }
            try await openWatch(account: account, provider: provider, calendarID: scope.providerCalendarID)
        }
    }

    func openWatch(account: AccountState, provider: any CalendarProvider, calendarID: String) async throws {
        let channelID = environment.ids.make(.channel)
        let token = environment.ids.make(.channel).lowercased()
        let request = PushChannelRequest(
            channelID: channelID, address: Self.webhookBase + "/webhook/" + account.kind.rawValue,
            verificationToken: ProviderSecret(token), expiresAt: now.adding(.seconds(7 * 86_400)))
        let channel = try await provider.watch(calendarID: calendarID, request: request)
        try await store(channel, token: token, account: account)
    }

    func store(_ channel: PushChannel, token: String, account: AccountState) async throws {
        let expiresAt = channel.expiresAt ?? now.adding(.seconds(86_400))
        let watch = CalendarWatch(
            providerCalendarID: channel.calendarID, channelID: channel.channelID, resourceID: channel.resourceID,
            token: token,
            expiresAt: expiresAt, state: .active, lastNotificationAt: now)
        try await account.withStore { store throws(StoreError) in try store.upsertWatch(watch) }
        try registry.addRoute(
            ChannelRoute(
                channelID: channel.channelID, accountID: account.accountID, providerCalendarID: channel.calendarID,
                token: token,
                expiresAt: expiresAt))
        record("watch \(account.accountID)/\(channel.calendarID)")
    }

    /// Replaces the watch of one calendar with a new channel: the old one is stopped (best effort;
    /// a channel that died or expired may be unknown already) and its route removed, so nothing
    /// it might still deliver is accepted.
    func reopenWatch(accountID: String, calendarID: String) async throws {
        let account = try account(accountID)
        let provider = await account.provider(using: factory)
        guard case .webhook = provider.pushSupport else { return }
        if let old = try await account.withStore({ store throws(StoreError) in try store.watches() })
            .first(where: { $0.providerCalendarID == calendarID })
        {
            let channel = PushChannel(
                calendarID: calendarID, channelID: old.channelID, resourceID: old.resourceID, expiresAt: old.expiresAt)
            try? await provider.stopWatch(channel)
            try registry.removeRoute(channelID: old.channelID)
        }
        try await openWatch(account: account, provider: provider, calendarID: calendarID)
        record("watch-reopened \(accountID)/\(calendarID)")
    }

    /// Renews (or reopens) the watch of one calendar; `force` renews even when not yet due.
    func renewWatch(accountID: String, calendarID: String, force: Bool) async throws {
        let account = try account(accountID)
        let provider = await account.provider(using: factory)
        guard case .webhook = provider.pushSupport else { return }
        let watch = try await account.withStore { store throws(StoreError) in try store.watches() }
            .first { $0.providerCalendarID == calendarID }
        guard let watch else {
            try await openWatch(account: account, provider: provider, calendarID: calendarID)
            return
        }
        let channel = PushChannel(
            calendarID: calendarID, channelID: watch.channelID, resourceID: watch.resourceID, expiresAt: watch.expiresAt
        )
        let request = PushChannelRequest(
            channelID: environment.ids.make(.channel), address: Self.webhookBase + "/webhook/" + account.kind.rawValue,
            verificationToken: ProviderSecret(watch.token), expiresAt: now.adding(.seconds(7 * 86_400)))
        do {
            let renewal = try await provider.renewWatch(channel, request: request)
            if !renewal.previousStillActive, renewal.channel.channelID != watch.channelID {
                try registry.removeRoute(channelID: watch.channelID)
            }
            try await store(renewal.channel, token: watch.token, account: account)
        } catch {
            // The old channel is beyond renewal: open a new one.
            try? registry.removeRoute(channelID: watch.channelID)
            try await openWatch(account: account, provider: provider, calendarID: calendarID)
        }
    }
}
