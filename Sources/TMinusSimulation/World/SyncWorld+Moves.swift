import TMinusCore

extension SyncWorld {
    /// A person moves the event `entry` of `account` to the account's calendar `target` (the fakes
    /// keep its ID, as Google, Graph's immutable IDs and CalDAV UIDs do). The ledger follows the event,
    /// a series with its exceptions (invariant G then expects them in the new calendar, never in the
    /// old one). Nil when the event is gone, already there, or the fake refuses.
    package func move(_ entry: HumanLedger.Entry, of account: WorldAccount, to target: String) -> HumanLedger.Entry? {
        guard !entry.deleted, entry.calendarID != target, let host = host(for: account.provider),
            let id = try? host.humans.humanMoveEvent(
                account: account.login, eventID: entry.eventID, from: entry.calendarID, to: target)
        else { return nil }
        var moved = entry
        moved.calendarID = target
        moved.eventID = id
        let result = moved
        ledger.withLock { $0.recordMoved(entry, to: result) }
        return result
    }

    /// The `event-move` fault: in each account (of `login`, or every one) with more than one
    /// calendar, the person moves their `ordinal`-th live event (in ledger order, wrapping) to the
    /// next of their calendars. Returns how many events moved.
    package func moveSomeEvent(login: String?, ordinal: Int) -> Int {
        var moved = 0
        for account in accounts where login == nil || account.login == login {
            let calendars = account.calendarIDs
            let live = humanLedger.live(login: account.login).filter { calendars.contains($0.calendarID) }
            guard calendars.count > 1, !live.isEmpty else { continue }
            let entry = live[ordinal % live.count]
            let next = calendars[(calendars.firstIndex(of: entry.calendarID)! + 1) % calendars.count]
            if let done = move(entry, of: account, to: next) {
                trace.record(component: "fault", event: "event-moved \(account.accountID) \(entry.eventID) → \(done.eventID)")
                moved += 1
            }
        }
        return moved
    }
}
