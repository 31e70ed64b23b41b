import TMinusCore
import TMinusProviders

/// Scenario controls: faults a test or scenario step triggers on demand.
extension FakeGoogleServer {
    /// Invalidates every sync token of one calendar (as an ACL change does); the next incremental
    /// request answers 410 `fullSyncRequired`.
    public func invalidateSyncTokens(calendarID: String) {
        state.withLock { state in
            guard state.calendars[calendarID] != nil else { return }
            state.calendars[calendarID]!.tokenEpoch += 1
            state.trace.record(component: "google", event: "sync-token.invalidated \(calendarID)")
        }
    }

    /// Invalidates every sync token of every calendar and calendar list.
    public func invalidateAllSyncTokens() {
        state.withLock { state in
            for id in state.calendars.keys.sorted() { state.calendars[id]!.tokenEpoch += 1 }
            for email in state.accounts.keys.sorted() { state.accounts[email]!.calendarListEpoch += 1 }
            state.trace.record(component: "google", event: "sync-token.invalidated all")
        }
    }

    /// Expires every access token of `account` now; API calls answer 401 `authError` until the
    /// client refreshes.
    public func expireAccessTokens(account: String) {
        let now = clock.now()
        state.withLock { state in
            state.accessTokens.expire(account: account, at: now)
            state.trace.record(component: "google", event: "oauth.expired \(account)")
        }
    }

    /// Revokes the account's grant (the user removed access): the refresh token answers 400
    /// `invalid_grant` and access tokens 401, until ``reconsent(account:)``.
    public func revokeRefreshToken(account: String) {
        state.withLock { state in
            state.accounts[account]?.refreshTokenRevoked = true
            state.trace.record(component: "google", event: "oauth.revoked \(account)")
        }
    }

    /// The user consents again: a new grant replaces the revoked one.
    public func reconsent(account: String) -> GoogleGrant? {
        let now = clock.now()
        return state.withLock { state -> GoogleGrant? in
            guard let record = state.accounts[account] else { return nil }
            state.refreshTokens.removeValue(forKey: record.refreshToken)
            let refreshToken = CredentialMint.token(prefix: "1//", length: 100, random: &state.streams.credentials)
            state.accounts[account]!.refreshToken = refreshToken
            state.accounts[account]!.refreshTokenRevoked = false
            state.refreshTokens[refreshToken] = account
            let accessToken = state.mintAccessToken(for: account, now: now)
            return GoogleGrant(
                account: account, clientID: state.configuration.clientID,
                clientSecret: state.configuration.clientSecret,
                refreshToken: refreshToken, accessToken: accessToken,
                accessTokenExpiresAt: now.adding(state.configuration.accessTokenLifetime))
        }
    }

    /// Spends the rest of today's project quota: API calls answer 403 `quotaExceeded` until the
    /// next UTC midnight of the server's clock.
    public func exhaustDailyQuota() {
        let now = clock.now()
        state.withLock { state in
            state.dailyQuota.exhaust(0, at: now)
            state.trace.record(component: "google", event: "quota.exhausted")
        }
    }

    /// Grants `account` a role (`freeBusyReader`, `reader`, `writer`, `owner`) on a calendar, or
    /// removes its access with nil. Like a real ACL change, it invalidates the calendar's sync tokens.
    /// - Returns: false when the calendar or account does not exist or the role is unknown.
    @discardableResult
    public func setAccess(calendarID: String, account: String, role: String?) -> Bool {
        let now = clock.now()
        return state.withLock { state -> Bool in
            guard state.calendars[calendarID] != nil, state.accounts[account] != nil else { return false }
            let parsed = role.flatMap(GoogleAccessRole.init(name:))
            guard role == nil || parsed != nil else { return false }
            state.touchCalendarList(calendarID)
            state.calendars[calendarID]!.acl[account] = parsed
            state.calendars[calendarID]!.tokenEpoch += 1
            state.calendars[calendarID]!.etag = state.nextEtag(now)
            state.touchCalendarList(calendarID)
            return true
        }
    }

    /// Delivers `address`'s notifications to `receiver` (our webhook endpoint).
    public func registerPushReceiver(address: String, _ receiver: @escaping PushReceiver) {
        push.register(address: address, receiver: receiver)
    }

    /// Delivers every push notification due by the server's clock; see ``PushDispatcher/deliverDue()``.
    @discardableResult
    public func deliverDuePushes() async -> Int { await push.deliverDue() }

    /// Makes a channel die silently: it stays "open" for its owner but never delivers again.
    public func killChannel(_ channelID: String) { push.kill(channel: channelID) }

    /// Ends a live channel's life now, as if its expiration had come without a renewal: it stops
    /// delivering, while its owner may still believe it open. Returns false when no live channel has
    /// that ID.
    @discardableResult
    public func expireChannel(_ channelID: String) -> Bool {
        let now = clock.now()
        return state.withLock { state -> Bool in
            guard let index = state.channels.lastIndex(where: { $0.id == channelID && !$0.stopped }),
                state.channels[index].expiration > now
            else { return false }
            state.channels[index].expiration = now
            state.trace.record(component: "google", event: "channel.expired \(channelID)")
            return true
        }
    }
}
