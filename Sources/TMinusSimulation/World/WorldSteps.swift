public import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusStore

/// A scenario's scripted `steps`, performed in a ``SyncWorld`` at their times: human creates,
/// edits and deletes through each fake's human API (recorded in the world's ``HumanLedger`` so
/// invariant G stays exact), mirror tampering, policy changes, reconcile requests, token
/// revocation and unlinking through the engine's facade.
///
/// Deterministic: steps run in offset order (file order among equal offsets), each exactly once,
/// at the first world tick at or after its instant. A step the world cannot perform (yet) is not
/// dropped silently: it is listed in ``notes``.
public struct WorldSteps: Sendable {
    /// One pending step with its absolute instant.
    struct Pending: Sendable {
        var at: Timestamp
        var action: ScenarioAction
    }

    /// An event a `create-event` step made, by its scenario label.
    struct Created: Sendable {
        var account: WorldAccount
        var entry: HumanLedger.Entry
    }

    var pending: [Pending]
    /// Scenario account ID → the world's account (linked ones only).
    var accounts: [String: WorldAccount]
    /// Scenario account ID → the world's plan number, for accounts a `link-account` step links later.
    var waiting: [String: Int] = [:]
    /// The current policy, in scenario account IDs (what `set-policy-edge` edits).
    var edges: [PolicyEdge]
    var created: [String: Created] = [:]
    /// Scenario label → canonical ID of the events `create-through-tminus` steps made.
    var throughTMinus: [String: String] = [:]
    /// What could not be performed, in the order met.
    public internal(set) var notes: [String] = []
    /// How many steps were performed.
    public internal(set) var performed = 0
    /// Engine account IDs the world no longer expects mirrors in (unlinked or revoked).
    public internal(set) var detachedAccountIDs: Set<String> = []
    /// Engine account IDs a `reauthorize` or `link-account` step attached again after a revocation
    /// (a `token-revocation` fault's too): the world expects their mirrors again.
    public internal(set) var reattachedAccountIDs: Set<String> = []
    /// A policy change the engine refused because an account was still onboarding: retried each tick.
    var policyWaiting = false
    /// The scenario's policy edges as it started: what a re-linked account gets back.
    let scenarioEdges: [PolicyEdge]
    /// Scenario account IDs unlinked by a step: later policy edges naming them are refused, as the
    /// product's own UI would (the engine rejects a policy naming an account the user does not have).
    var unlinked: Set<String> = []

    /// No steps.
    public init() {
        pending = []
        accounts = [:]
        edges = []
        scenarioEdges = []
    }

    /// The steps of `scenario`, for a world built from its first user's linked accounts (in order).
    public init(_ scenario: Scenario, world: SyncWorld) {
        let user = scenario.users.first
        var accounts: [String: WorldAccount] = [:]
        for (index, account) in (user?.accounts ?? []).filter(\.linked).enumerated() where index < world.accounts.count {
            accounts[account.id] = world.accounts[index]
        }
        for (plan, account) in (user?.accounts ?? []).enumerated() where !account.linked { waiting[account.id] = plan }
        self.accounts = accounts
        edges = user?.policyEdges ?? []
        scenarioEdges = edges
        // A stable sort: equal offsets keep file order.
        pending = scenario.steps.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map {
            Pending(at: scenario.instant(at: $0.element.at), action: $0.element.action)
        }
    }

    /// Whether steps remain (or a policy waits for an account that is still onboarding).
    public var isEmpty: Bool { pending.isEmpty && !policyWaiting }

    /// Performs every step due at `now`, in order.
    public mutating func runDue(now: Timestamp, in world: SyncWorld) async throws {
        if policyWaiting { try await applyPolicy(in: world) }
        while let next = pending.first, next.at <= now {
            pending.removeFirst()
            try await perform(next.action, in: world)
        }
    }

    /// Notes every step that never came due (scheduled after the faulted phase).
    public mutating func abandonRemaining() {
        for step in pending { notes.append("step '\(step.action.name)' at \(step.at) came after the faulted phase") }
        pending = []
    }

    mutating func perform(_ action: ScenarioAction, in world: SyncWorld) async throws {
        let done: Bool
        switch action {
        case .createEvent(let spec): done = create(spec, in: world)
        case .editEvent(let label, let changes): done = edit(label, changes, in: world)
        case .deleteEvent(let label): done = delete(label, in: world)
        case .editMirror(let label, let account): done = try await tamper(label, in: account, delete: false, world: world)
        case .deleteMirror(let label, let account): done = try await tamper(label, in: account, delete: true, world: world)
        case .deleteOverlayCalendar(let account): done = deleteOverlay(of: account, in: world)
        case .setPolicyEdge(let edge) where unlinked.contains(edge.fromAccountID) || unlinked.contains(edge.toAccountID):
            notes.append("policy edge \(edge.fromAccountID) → \(edge.toAccountID) names an unlinked account; refused")
            done = false
        case .setPolicyEdge(let edge):
            let previous = edges.first { $0.fromAccountID == edge.fromAccountID && $0.toAccountID == edge.toAccountID }
            edges.removeAll { $0.fromAccountID == edge.fromAccountID && $0.toAccountID == edge.toAccountID }
            edges.append(edge)
            if let previous, previous != edge { noteRederivedMirrors(of: edge, in: world) }
            try await applyPolicy(in: world)
            done = true
        case .removePolicyEdge(let from, let to):
            edges.removeAll { $0.fromAccountID == from && $0.toAccountID == to }
            try await applyPolicy(in: world)
            done = true
        case .reconcileNow(let account):
            let targets = account.map { [accounts[$0]].compactMap(\.self) } ?? world.accounts
            for target in targets where !detachedAccountIDs.contains(target.accountID) {
                try await world.engine.requestReconcile(accountID: target.accountID, reason: "scripted")
            }
            done = account == nil || !targets.isEmpty
        case .revokeToken(let account): done = revoke(account, in: world)
        case .unlinkAccount(let account):
            guard let target = accounts[account] else {
                done = false
                break
            }
            _ = try await world.engine.unlinkAccount(target.accountID)
            detachedAccountIDs.insert(target.accountID)
            unlinked.insert(account)
            edges.removeAll { $0.fromAccountID == account || $0.toAccountID == account }
            done = true
        case .lifecycleNotification(let account, let event):
            done = accounts[account].map { world.sendLifecycle(event, to: $0) > 0 } ?? false
        case .editOccurrence(let label, let index, let changes): done = changeOccurrence(label, index, changes, in: world)
        case .cancelOccurrence(let label, let index): done = changeOccurrence(label, index, nil, in: world)
        case .linkAccount(let account): done = try await link(account, in: world)
        case .reauthorize(let account): done = try await reauthorize(account, in: world)
        case .moveEvent(let label, let calendar): done = move(label, toCalendar: calendar, in: world)
        case .createThroughTMinus(let spec): done = await createThroughTMinus(spec, in: world)
        case .editThroughTMinus(let label, let changes): done = await changeThroughTMinus(label, changes, in: world)
        case .deleteThroughTMinus(let label): done = await changeThroughTMinus(label, nil, in: world)
        }
        if done {
            performed += 1
            world.trace.record(component: "step", event: "performed \(action.name)")
        } else {
            notes.append("step '\(action.name)' was not performed by the world")
            world.trace.record(component: "step", event: "skipped \(action.name)")
        }
    }

    /// Tells the checker that every mirror `edge` governs gets a new projected hash: the detail level
    /// and kind are part of it (invariant C), so the engine rewrites each mirror (engine rule 8) even
    /// where the payload's bytes stay the same (a TITLE and a FULL projection of an event with no
    /// description or location are equal).
    func noteRederivedMirrors(of edge: PolicyEdge, in world: SyncWorld) {
        guard let source = accounts[edge.fromAccountID], let target = accounts[edge.toAccountID] else { return }
        for (_, event) in world.managedEvents(of: target) {
            guard
                case .managedMirror(let markers?) = EventClassifier.classify(
                    target.markers(of: event), isRecordedMirror: false),
                markers.originAccountID == source.accountID
            else { continue }
            world.transport.notePolicyChange(eventID: event.id)
        }
    }

    /// Replaces the engine's policy with ``edges`` (edges touching unlinked accounts are left out).
    /// While an account is still onboarding (its link could not finish yet) the engine refuses
    /// edges naming it, as the product's settings page would say "not ready yet": the world tries
    /// again every tick until the engine accepts (``policyWaiting``).
    mutating func applyPolicy(in world: SyncWorld) async throws {
        let mapped = edges.compactMap { edge -> PolicyEdge? in
            guard let from = accounts[edge.fromAccountID], let to = accounts[edge.toAccountID] else { return nil }
            return PolicyEdge(from: from.accountID, to: to.accountID, detail: edge.detail, kind: edge.kind)
        }
        do {
            try await world.engine.setPolicyEdges(userID: world.userID, mapped)
            if policyWaiting { world.trace.record(component: "step", event: "policy applied after onboarding") }
            policyWaiting = false
        } catch {
            guard Self.isStillOnboarding(error) else { throw error }
            if !policyWaiting { world.trace.record(component: "step", event: "policy waits: \(error)") }
            policyWaiting = true
        }
    }

    /// The engine's answer for a policy naming an account that is registered but not yet in the graph.
    static func isStillOnboarding(_ error: any Error) -> Bool {
        if case .accountNotLinked? = error as? StoreError { return true }
        return false
    }
}
