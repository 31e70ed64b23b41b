import TMinusCore
import TMinusProviders
import TMinusStore

/// Recovers from a person deleting an account's overlay calendar (the calendar busy blocks live in).
///
/// A 404 on a write or a listing is only a hint: the calendar is declared gone when the provider's
/// own calendar list no longer shows it. Then, in this order: the scope (with its cursor and watch
/// record) is dropped, and every mirror placed in that calendar is reset and queued again
/// (``UserGraphStore/resetMirrorPlacement(targetAccountID:calendarID:)``), so the next write finds
/// no overlay scope, re-creates the overlay calendar and places the mirror there. A primary
/// calendar is never treated as vanished (providers do not let people delete it).
struct OverlayRecovery: Sendable {
    let graph: UserGraph
    let account: AccountState
    let trace: any TraceSink

    /// If `calendarID` is not a primary calendar and the provider no longer lists it, repairs as
    /// above and returns how many mirror commands were queued; otherwise returns nil and changes
    /// nothing.
    func recoverIfVanished(calendarID: String, provider: any CalendarProvider) async throws -> Int? {
        let scopes = try await account.withStore { store throws(StoreError) in try store.scopes() }
        if scopes.contains(where: { $0.providerCalendarID == calendarID && $0.role == .primary }) { return nil }
        let listed = try await provider.listCalendars()
        if listed.contains(where: { $0.id == calendarID }) { return nil }
        try await account.withStore { store throws(StoreError) in try store.removeScope(calendarID: calendarID) }
        let accountID = account.accountID
        let queued = try await graph.inspect { store throws(StoreError) in
            try store.resetMirrorPlacement(targetAccountID: accountID, calendarID: calendarID)
        }
        trace.record(component: "engine", event: "overlay-vanished \(accountID)/\(calendarID) requeued=\(queued)")
        return queued
    }
}
