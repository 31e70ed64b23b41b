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
