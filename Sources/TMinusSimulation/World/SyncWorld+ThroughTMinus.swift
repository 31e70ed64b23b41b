import TMinusCore
import TMinusEngine

/// The user creating events in their provider accounts through T-Minus (flow B write-through), as
/// the API or MCP would: the engine writes them to the provider; the world records them in the
/// ``HumanLedger`` like the person's own events, since the person asked for them (G then holds
/// them to exactly what the person left, and the workload may edit or delete them later, which is
/// the path invariant F watches).
extension SyncWorld {
    /// A write-through event as the world knows it.
    struct ThroughTMinus: Sendable {
        var canonicalEventID: String
        var entry: HumanLedger.Entry
    }

    /// Creates `content` in `account`'s calendar through the engine's facade; nil when the engine
    /// refused or failed (a lost response: the engine's sync adopts the event when it sees it).
    func createThroughTMinus(_ content: EventContent, in account: WorldAccount, calendarID: String) async
        -> ThroughTMinus?
    {
        do {
            let event = try await engine.createEvent(
                userID: userID, inAccount: account.accountID, calendarID: calendarID, content)
            let entry = HumanLedger.Entry(
                login: account.login, calendarID: calendarID, eventID: event.originEventID,
                title: content.title ?? "", start: content.start, end: content.end, deleted: false)
            ledger.withLock { $0.record(entry) }
            trace.record(component: "human", event: "created through T-Minus \(event.id) in \(account.accountID)")
            return ThroughTMinus(canonicalEventID: event.id, entry: entry)
        } catch {
            trace.record(component: "human", event: "create through T-Minus in \(account.accountID) failed: \(error)")
            return nil
        }
    }

    /// True when `account`'s provider shows the person's event as `entry` says: gone (or cancelled)
    /// for a deleted entry, else live with its title, start and end (compared as G compares them).
    func providerShows(_ entry: HumanLedger.Entry, in account: WorldAccount) -> Bool {
        guard let host = host(for: account.provider) else { return false }
        let calendar = host.inspection.inspectCalendars().first { $0.account == account.login && $0.id == entry.calendarID }
        let event = calendar?.events.first { $0.id == entry.eventID && $0.status != .cancelled }
        guard let event else { return entry.deleted }
        return !entry.deleted && event.title == entry.title && event.start?.instant == entry.start.instant
            && event.end?.instant == entry.end.instant
    }
}
