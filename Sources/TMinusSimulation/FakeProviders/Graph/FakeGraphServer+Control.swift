import TMinusCore
import TMinusProviders

/// Scenario controls: faults a test or scenario step triggers on demand.
extension FakeGraphServer {
    /// Evicts every delta token of one calendar (as a full token cache does, M-DQO); the next
    /// round or page answers 410 as configured.
    public func invalidateDeltaTokens(calendarID: String) {
        state.withLock { state in
            guard state.calendars[calendarID] != nil else { return }
            state.calendars[calendarID]!.tokenEpoch += 1
            state.trace.record(component: "graph", event: "delta-token.invalidated \(calendarID)")
        }
    }

    /// Expires every access token of `account` now; API calls answer 401 until the client refreshes.
    public func expireAccessTokens(account: String) {
        let now = clock.now()
        state.withLock { state in
            state.accessTokens.expire(account: account, at: now)
            state.trace.record(component: "graph", event: "oauth.expired \(account)")
        }
    }

    /// Revokes the mailbox's grant (user or admin removed access): refresh tokens answer
    /// `invalid_grant` AADSTS50173, access tokens 401, and its subscriptions are removed with a
    /// `subscriptionRemoved` lifecycle event, until ``reconsent(account:)``.
    public func revokeGrant(account: String) {
        state.withLock { state in
            guard state.accounts[account] != nil else { return }
            state.accounts[account]!.revoked = true
            for index in state.subscriptions.indices
            where state.subscriptions[index].account == account && !state.subscriptions[index].deleted {
                state.sendLifecycle(.subscriptionRemoved, subscription: index)
            }
            state.trace.record(component: "graph", event: "oauth.revoked \(account)")
        }
    }

    /// The user consents again: a new grant replaces the revoked one.
    public func reconsent(account: String) -> GraphGrant? {
        let now = clock.now()
        return state.withLock { state -> GraphGrant? in
            guard state.accounts[account] != nil else { return nil }
            state.accounts[account]!.revoked = false
            for token in state.refreshTokens.keys.sorted() where state.refreshTokens[token]!.account == account {
                state.refreshTokens.removeValue(forKey: token)
            }
            return state.grant(for: account, now: now)
        }
    }

    /// Answers the validation handshake of notification URL `address` with `responder`.
    public func registerValidationResponder(address: String, _ responder: @escaping GraphValidationResponder) {
        state.withLock { $0.validators[address] = responder }
    }

    /// Delivers `address`'s notifications to `receiver` (our webhook endpoint).
    public func registerPushReceiver(address: String, _ receiver: @escaping PushReceiver) {
        push.register(address: address, receiver: receiver)
    }

    /// Expires due subscriptions (sending `reauthorizationRequired` ahead of time), then delivers
    /// every notification due by the server's clock; see ``PushDispatcher/deliverDue()``.
    @discardableResult
    public func deliverDuePushes() async -> Int {
        let now = clock.now()
        state.withLock { $0.sweepSubscriptions(now: now) }
        return await push.deliverDue()
    }

    /// Sends a lifecycle event for a live subscription now (`subscriptionRemoved` also removes it).
    /// - Returns: false when the subscription is unknown or already gone.
    @discardableResult
    public func fireLifecycleEvent(_ event: GraphLifecycleEvent, subscriptionID: String) -> Bool {
        state.withLock { state -> Bool in
            guard let index = state.subscriptions.lastIndex(where: { $0.id == subscriptionID && !$0.deleted }) else {
                return false
            }
            state.sendLifecycle(event, subscription: index)
            return true
        }
    }

    /// Makes a subscription's deliveries die silently: it stays "alive" for its owner but never
    /// delivers again.
    public func killSubscriptionDeliveries(_ subscriptionID: String) { push.kill(channel: subscriptionID) }

    /// Ends a live subscription's life now, as if it had expired without a renewal: it is deleted
    /// silently at the next sweep (no lifecycle event), and a renewal then answers 404. Returns
    /// false when no live subscription has that ID.
    @discardableResult
    public func expireSubscription(_ subscriptionID: String) -> Bool {
        let now = clock.now()
        return state.withLock { state -> Bool in
            guard let index = state.subscriptions.lastIndex(where: { $0.id == subscriptionID && !$0.deleted }) else {
                return false
            }
            state.subscriptions[index].expiration = now
            state.sweepSubscriptions(now: now)
            return true
        }
    }
}
