import TMinusCore

/// Plans a generated scenario's scripted `steps`: offsets in time order, and for each one an action
/// that is valid at that moment (it refers only to events created earlier and still there, to
/// accounts still linked, to the other accounts of the event's owner). Part of ``ScenarioGenerator``.
struct StepPlanner {
    /// An event a planned `create-event` made.
    struct Made {
        var spec: ScenarioEventSpec
        var occurrences: Int
        var deleted = false
        /// Made by `create-through-tminus`: the user may change it through T-Minus.
        var throughTMinus = false
    }

    let scenario: Scenario
    let excluded: Set<String>
    var events: [Made] = []
    var unlinked: Set<String> = []
    var revoked: [String] = []
    /// The user's current explicit and default edges, in order (what `remove-policy-edge` picks from).
    var edges: [PolicyEdge]

    init(scenario: Scenario, excluded: Set<String>) {
        self.scenario = scenario
        self.excluded = excluded
        edges = scenario.users.first?.policyEdges ?? []
    }

    /// Actions and their weights; an action whose preconditions do not hold at a step is skipped.
    static let weights: [(String, UInt64)] = [
        ("create-event", 7), ("edit-event", 3), ("delete-event", 2), ("move-event", 1), ("edit-occurrence", 1),
        ("cancel-occurrence", 1), ("edit-mirror", 2), ("delete-mirror", 2), ("delete-overlay-calendar", 1),
        ("set-policy-edge", 1), ("remove-policy-edge", 1), ("revoke-token", 1), ("reauthorize", 1),
        ("unlink-account", 1), ("reconcile-now", 1), ("lifecycle-notification", 1), ("create-through-tminus", 1),
        ("edit-through-tminus", 1), ("delete-through-tminus", 1),
    ]

    /// `count` steps at sorted random offsets within the fault phase.
    mutating func steps(_ draw: inout Draw, count: Int) -> [ScenarioStep] {
        let minutes = UInt64(scenario.duration.nanoseconds / 60_000_000_000)
        let offsets = (0..<count).map { _ in Int64(draw.below(minutes)) }.sorted()
        var steps: [ScenarioStep] = []
        for offset in offsets {
            let at = Duration.seconds(offset * 60)
            if let action = action(&draw, at: at) { steps.append(ScenarioStep(at: at, action: action)) }
        }
        return steps
    }

    private var linkedAccounts: [ScenarioAccount] { scenario.accounts.filter { !unlinked.contains($0.id) } }
    private var liveEvents: [Int] { events.indices.filter { !events[$0].deleted && !unlinked.contains(events[$0].spec.account) } }

    private mutating func action(_ draw: inout Draw, at: Duration) -> ScenarioAction? {
        let allowed = Self.weights.filter { !excluded.contains($0.0) }
        let total = allowed.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        var roll = draw.below(total)
        var name = allowed[0].0
        for (candidate, weight) in allowed {
            if roll < weight {
                name = candidate
                break
            }
            roll -= weight
        }
        if let action = action(named: name, &draw, at: at) { return action }
        return excluded.contains("create-event") ? nil : create(&draw, at: at)
    }

    private mutating func action(named name: String, _ draw: inout Draw, at: Duration) -> ScenarioAction? {
        switch name {
        case "create-event": return create(&draw, at: at)
        case "edit-event": return live(&draw).map { .editEvent(event: events[$0].spec.label, changes: changes(&draw, of: $0)) }
        case "delete-event":
            guard let index = live(&draw) else { return nil }
            events[index].deleted = true
            return .deleteEvent(event: events[index].spec.label)
        case "move-event": return move(&draw)
        case "edit-occurrence", "cancel-occurrence": return occurrenceAction(name, &draw)
        case "edit-mirror", "delete-mirror":
            guard let index = live(&draw) else { return nil }
            let owner = events[index].spec.account
            let others = linkedAccounts.filter { $0.id != owner }
            guard !others.isEmpty else { return nil }
            let target = draw.pick(others).id
            let label = events[index].spec.label
            return name == "edit-mirror" ? .editMirror(event: label, account: target) : .deleteMirror(event: label, account: target)
        case "delete-overlay-calendar": return .deleteOverlayCalendar(account: draw.pick(linkedAccounts).id)
        case "set-policy-edge":
            let edge = ScenarioGenerator.randomEdge(&draw, accounts: scenario.accounts)
            edges.removeAll { $0.fromAccountID == edge.fromAccountID && $0.toAccountID == edge.toAccountID }
            edges.append(edge)
            return .setPolicyEdge(edge)
        case "remove-policy-edge":
            guard !edges.isEmpty else { return nil }
            let edge = edges.remove(at: Int(draw.below(UInt64(edges.count))))
            return .removePolicyEdge(from: edge.fromAccountID, to: edge.toAccountID)
        case "revoke-token":
            let candidates = linkedAccounts.filter { !revoked.contains($0.id) }
            guard !candidates.isEmpty else { return nil }
            let account = draw.pick(candidates).id
            revoked.append(account)
            return .revokeToken(account: account)
        case "reauthorize":
            guard !revoked.isEmpty else { return nil }
            return .reauthorize(account: revoked.remove(at: Int(draw.below(UInt64(revoked.count)))))
        case "unlink-account":
            guard linkedAccounts.count > 2 else { return nil }
            let account = draw.pick(linkedAccounts).id
            unlinked.insert(account)
            return .unlinkAccount(account: account)
        case "create-through-tminus", "edit-through-tminus", "delete-through-tminus":
            return throughTMinusAction(name, &draw, at: at)
        case "lifecycle-notification":
            let graph = linkedAccounts.filter { $0.provider == .microsoft }
            guard !graph.isEmpty else { return nil }
            return .lifecycleNotification(account: draw.pick(graph).id, event: draw.pick(GraphLifecycleEvent.allCases))
        default:
            return .reconcileNow(account: draw.chance(1, 2) ? nil : draw.pick(linkedAccounts).id)
        }
    }

    /// A live event's index, or nil when there is none.
    private func live(_ draw: inout Draw) -> Int? {
        let candidates = liveEvents
        return candidates.isEmpty ? nil : draw.pick(candidates)
    }

    private mutating func move(_ draw: inout Draw) -> ScenarioAction? {
        let candidates = liveEvents.filter { (scenario.account(events[$0].spec.account)?.calendars ?? 1) > 1 }
        guard !candidates.isEmpty else { return nil }
        let index = draw.pick(candidates)
        let calendars = scenario.account(events[index].spec.account)?.calendars ?? 1
        let target = (events[index].spec.calendar + 1 + Int(draw.below(UInt64(calendars - 1)))) % calendars
        events[index].spec.calendar = target
        return .moveEvent(event: events[index].spec.label, toCalendar: target)
    }

    private mutating func occurrenceAction(_ name: String, _ draw: inout Draw) -> ScenarioAction? {
        let candidates = liveEvents.filter { events[$0].spec.recurrence != nil }
        guard !candidates.isEmpty else { return nil }
        let index = draw.pick(candidates)
        let occurrence = Int(draw.below(UInt64(events[index].occurrences)))
        let label = events[index].spec.label
        if name == "cancel-occurrence" { return .cancelOccurrence(event: label, occurrence: occurrence) }
        let title = "\(events[index].spec.title) (moved)"
        return .editOccurrence(event: label, occurrence: occurrence, changes: ScenarioEventChanges(title: title))
    }
}
