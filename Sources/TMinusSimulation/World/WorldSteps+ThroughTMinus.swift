import TMinusCore
import TMinusEngine
import TMinusStore

/// The user's side of flow B write-through steps: creating, changing and deleting events in a
/// provider account through T-Minus's facade (as the API or MCP would).
extension WorldSteps {
    /// `create-through-tminus`: the engine creates the event at the account's calendar `calendar`;
    /// the world records it in the ledger (see ``SyncWorld/createThroughTMinus(_:in:calendarID:)``).
    mutating func createThroughTMinus(_ spec: ScenarioEventSpec, in world: SyncWorld) async -> Bool {
        guard let account = accounts[spec.account], let calendarID = account.calendarID(at: spec.calendar) else {
            return false
        }
        let content = EventContent(
            title: spec.title, description: spec.description, location: spec.location, start: spec.start, end: spec.end)
        guard let made = await world.createThroughTMinus(content, in: account, calendarID: calendarID) else {
            return false
        }
        created[spec.label] = Created(account: account, entry: made.entry)
        throughTMinus[spec.label] = made.canonicalEventID
        return true
    }

    /// `edit-through-tminus` (with `changes`) or `delete-through-tminus` (nil): the engine writes the
    /// user's change to the provider; the ledger follows, since the person asked for it (G).
    mutating func changeThroughTMinus(_ label: String, _ changes: ScenarioEventChanges?, in world: SyncWorld) async
        -> Bool
    {
        guard let id = throughTMinus[label], var made = current(label, in: world) else {
            notes.append("'\(label)' was not created through T-Minus; only such events can be changed through it")
            return false
        }
        var requested: HumanLedger.Entry?
        do {
            let graph = try await world.engine.graph(of: world.userID)
            guard let event = try await graph.inspect({ store throws(StoreError) in try store.event(id: id) }),
                !event.isDeleted
            else { return false }
            guard let changes else {
                requested = made.entry
                requested?.deleted = true
                try await world.engine.deleteEvent(userID: world.userID, id: id)
                noteDeleted(label, made, in: world)
                return true
            }
            var content = event.content
            let current = HumanLedger.Entry(
                login: made.entry.login, calendarID: made.entry.calendarID, eventID: made.entry.eventID,
                title: content.title ?? "", start: content.start, end: content.end, deleted: false)
            var end = changes.end
            if let start = changes.start, end == nil { end = Self.keepingLength(of: current, movedTo: start) }
            content.title = changes.title ?? content.title
            content.start = changes.start ?? content.start
            content.end = end ?? content.end
            content.description = changes.description ?? content.description
            content.location = changes.location ?? content.location
            requested = HumanLedger.Entry(
                login: current.login, calendarID: current.calendarID, eventID: current.eventID,
                title: content.title ?? "", start: content.start, end: content.end, deleted: false)
            let updated = try await world.engine.updateEvent(userID: world.userID, id: id, content)
            made.entry.title = updated.content.title ?? ""
            made.entry.start = updated.content.start
            made.entry.end = updated.content.end
            let entry = made.entry
            world.ledger.withLock { $0.record(entry) }
            created[label] = made
            return true
        } catch {
            // The engine's write may have applied with its answer lost (a timeout after the provider
            // applied it, an unreadable body): the person asked for the change, so when their
            // calendar shows it, it is theirs (G), whatever the engine reported.
            if let requested, world.providerShows(requested, in: made.account) {
                if requested.deleted {
                    noteDeleted(label, made, in: world)
                } else {
                    made.entry = requested
                    world.ledger.withLock { $0.record(requested) }
                    created[label] = made
                }
                notes.append("'\(label)' was changed through T-Minus, though the engine reported: \(error)")
                return true
            }
            notes.append("'\(label)' could not be changed through T-Minus: \(error)")
            return false
        }
    }
}
