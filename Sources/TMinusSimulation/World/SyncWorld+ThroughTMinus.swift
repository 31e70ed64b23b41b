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
    /// refused or failed and the provider shows no such event. A create that applied with its
    /// answer lost (a timeout after the provider created it, an unreadable body) is the person's
    /// all the same: the world asks the provider (``lostCreate(_:in:calendarID:)``) and records what
    /// it shows; the engine's sync adopts that event later under the same canonical ID.
    func createThroughTMinus(_ content: EventContent, in account: WorldAccount, calendarID: String) async
        -> ThroughTMinus?
    {
        let requested = { (eventID: String) in
            HumanLedger.Entry(
                login: account.login, calendarID: calendarID, eventID: eventID, title: content.title ?? "",
                start: content.start, end: content.end, deleted: false)
        }
        let made: ThroughTMinus
        do {
            let event = try await engine.createEvent(
                userID: userID, inAccount: account.accountID, calendarID: calendarID, content)
            made = ThroughTMinus(canonicalEventID: event.id, entry: requested(event.originEventID))
            trace.record(component: "human", event: "created through T-Minus \(event.id) in \(account.accountID)")
        } catch {
            guard let found = lostCreate(requested(""), in: account, calendarID: calendarID) else {
                trace.record(component: "human", event: "create through T-Minus in \(account.accountID) failed: \(error)")
                return nil
            }
            made = found
            trace.record(
                component: "human",
                event: "created through T-Minus \(found.canonicalEventID) in \(account.accountID), though the engine "
                    + "reported: \(error)")
        }
        let entry = made.entry
        ledger.withLock { $0.record(entry) }
        return made
    }

    /// The event a create through T-Minus left in the calendar although the engine reported a
    /// failure: a live event carrying our write-through markers for this account, showing what the
    /// person asked for (`requested`, whose event ID is ignored) and not yet in the ledger; the
    /// first by ID when several do. Nil when the create did not apply.
    func lostCreate(_ requested: HumanLedger.Entry, in account: WorldAccount, calendarID: String) -> ThroughTMinus? {
        let snapshot = ledger.withLock { $0 }
        for event in shownEvents(in: account, calendarID: calendarID).sorted(by: { $0.id < $1.id })
        where requested.isShown(by: event)
            && snapshot.entry(login: account.login, calendarID: calendarID, eventID: event.id) == nil
        {
            guard let markers = EventClassifier.writeThroughMarkers(account.markers(of: event)),
                markers.originAccountID == account.accountID
            else { continue }
            var entry = requested
            entry.eventID = event.id
            return ThroughTMinus(canonicalEventID: markers.canonicalEventID, entry: entry)
        }
        return nil
    }

    /// True when `account`'s provider shows the person's event as `entry` says: gone (or cancelled)
    /// for a deleted entry, else live with its title, start and end (``HumanLedger/Entry/isShown(by:)``,
    /// as G compares them). The world's test of whether a change it asked T-Minus for landed when
    /// the engine reported a failure.
    func providerShows(_ entry: HumanLedger.Entry, in account: WorldAccount) -> Bool {
        let event = shownEvents(in: account, calendarID: entry.calendarID).first { $0.id == entry.eventID }
        guard let event else { return entry.deleted }
        return !entry.deleted && entry.isShown(by: event)
    }

    /// The live (not cancelled) events of `account`'s calendar `calendarID` as its provider truly
    /// holds them; empty when the calendar does not exist.
    private func shownEvents(in account: WorldAccount, calendarID: String) -> [InspectedEvent] {
        guard let host = host(for: account.provider) else { return [] }
        let calendar = host.inspection.inspectCalendars().first { $0.account == account.login && $0.id == calendarID }
        return calendar?.events.filter { $0.status != .cancelled } ?? []
    }
}
