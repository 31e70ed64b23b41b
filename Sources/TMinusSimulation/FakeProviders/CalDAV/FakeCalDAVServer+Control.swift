import TMinusCore
import TMinusProviders

/// Scenario controls: faults a test or scenario step triggers on demand.
extension FakeCalDAVServer {
    /// Invalidates every sync token of one calendar (as a server that lost its history does); the
    /// next incremental sync answers the dialect's `valid-sync-token` error (fault row 40).
    public func invalidateSyncTokens(calendarID: String) {
        state.withLock { state in
            let path = CalDAVCalendarProvider.collectionPath(calendarID)
            guard state.collections[path] != nil else { return }
            state.collections[path]!.epoch += 1
            state.trace.record(component: "caldav", event: "sync-token.invalidated \(path)")
        }
    }

    /// Invalidates every sync token of every calendar.
    public func invalidateAllSyncTokens() {
        state.withLock { state in
            for path in state.collections.keys.sorted() { state.collections[path]!.epoch += 1 }
            state.trace.record(component: "caldav", event: "sync-token.invalidated all")
        }
    }

    /// Forgets the change history of a calendar up to now: tokens older than the current state can
    /// no longer be served (a server purging its history, like Radicale's `max_sync_token_age`).
    public func forgetSyncHistory(calendarID: String) {
        state.withLock { state in
            let path = CalDAVCalendarProvider.collectionPath(calendarID)
            guard let head = state.collections[path]?.log.head, head > 0 else { return }
            state.collections[path]!.log.forget(through: head - 1)
        }
    }
}

extension FakeCalDAVServer {
    /// Issues an OAuth bearer token for `user` (services such as Google's CalDAV API take OAuth
    /// instead of app passwords): requests carrying it are that user until it expires.
    public func issueBearerToken(user: String) -> String {
        state.withLock { state in
            let token = CredentialMint.token(prefix: "caldav.", length: 40, random: &state.streams.ids)
            state.bearerTokens[token] = (user, false)
            return token
        }
    }

    /// Expires every bearer token of `user`: the next request with one is answered 401.
    public func expireBearerTokens(user: String) {
        state.withLock { state in
            for token in state.bearerTokens.keys.sorted() where state.bearerTokens[token]?.user == user {
                state.bearerTokens[token]?.expired = true
            }
        }
    }
}

extension CalDAVServerState {
    /// The model value of an occurrence identity.
    static func eventDateTime(_ value: ICalendarDateTime) -> EventDateTime {
        switch value {
        case .date(let date): return .allDay(date)
        case .utc(let instant): return .timed(instant, timeZone: nil)
        case .floating(let local), .zoned(let local, _): return .timed(local.asUTC, timeZone: nil)
        }
    }
}
