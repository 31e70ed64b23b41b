import TMinusCore
import TMinusEngine

/// The account side of scripted steps: linking an account later, linking one again after an
/// unlink, consenting again after a revocation, and moving an event between calendars.
extension WorldSteps {
    /// `link-account`: an account the scenario left unlinked is linked now (the engine onboards
    /// it and the scenario's policy edges naming it take effect); an account a step unlinked is
    /// linked again with a fresh consent and gets the scenario's original edges back.
    mutating func link(_ name: String, in world: SyncWorld) async throws -> Bool {
        if let plan = waiting[name] {
            guard let account = try await world.linkWaiting(plan: plan) else { return false }
            waiting[name] = nil
            accounts[name] = account
            for label in created.keys.sorted() where created[label]!.account.login == account.login {
                created[label]!.account = account  // events made before the link now have an engine account
            }
            try await applyPolicy(in: world)
            return true
        }
        guard unlinked.contains(name), let account = accounts[name], try await world.relink(account) else {
            return false
        }
        unlinked.remove(name)
        attach(account)
        for edge in scenarioEdges where edge.fromAccountID == name || edge.toAccountID == name {
            if !edges.contains(where: { $0.fromAccountID == edge.fromAccountID && $0.toAccountID == edge.toAccountID }) {
                edges.append(edge)
            }
        }
        try await applyPolicy(in: world)
        return true
    }

    /// `reauthorize`: the person consents again for a linked account (after a revocation, by a
    /// step or a fault): the engine gets the new grant through its link flow, re-activates the
    /// account and onboards it again; the world expects its mirrors again.
    mutating func reauthorize(_ name: String, in world: SyncWorld) async throws -> Bool {
        guard !unlinked.contains(name), let account = accounts[name], try await world.relink(account) else {
            return false
        }
        attach(account)
        return true
    }

    /// The world expects `account`'s mirrors again.
    private mutating func attach(_ account: WorldAccount) {
        detachedAccountIDs.remove(account.accountID)
        reattachedAccountIDs.insert(account.accountID)
    }

    /// `move-event`: the person moves a labelled event to calendar number `calendar` of the same
    /// account (``SyncWorld/move(_:of:to:)``).
    mutating func move(_ label: String, toCalendar calendar: Int, in world: SyncWorld) -> Bool {
        guard var made = current(label, in: world), let target = made.account.calendarID(at: calendar) else {
            return false
        }
        guard let moved = world.move(made.entry, of: made.account, to: target) else { return false }
        made.entry = moved
        created[label] = made
        return true
    }
}
