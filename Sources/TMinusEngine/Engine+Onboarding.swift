import TMinusCore
import TMinusProviders
public import TMinusQueues
import TMinusStore

extension MessageType {
    /// Runs (or resumes) an account's onboarding workflow (flow C).
    public static let onboardAccount = MessageType("ONBOARD_ACCOUNT")
}

/// An account's onboarding as the facade reports it: finished or not, and the scopes (or steps)
/// still failing with their last error.
public struct OnboardingStatus: Hashable, Sendable {
    /// Every step is done.
    public var complete: Bool
    /// Failing steps (`sync:<calendar>`, `watch:<calendar>`, `scopes`, …) and their last error.
    public var failures: [String: String]
}

extension Engine {
    /// How long the safety-net onboarding message waits before it resumes a workflow that a crash
    /// (or a failing scope) left unfinished.
    public static let onboardingResumeDelay: Duration = .seconds(10 * 60)

    /// The onboarding workflow of flow C, step by step, each step recorded durably in the
    /// account's store when done so that a run after a crash skips it and resumes where it stopped:
    /// choose the scopes (the listed primary calendar, plus the calendars the user chose), create
    /// or reuse the overlay, link the account into the graph (existing canonical events are
    /// projected into it; on a relink, mirror writes still waiting for it are queued again), then
    /// per scope an initial full sync and a watch. A scope that fails
    /// (403/404/5xx) is recorded with its error and does not stop the others; the workflow stays
    /// incomplete, and its queued message retries it later. Returns whether it is complete.
    @discardableResult
    func onboard(_ accountID: String) async throws -> Bool {
        let account = try account(accountID)
        var progress = try await account.withStore { store throws(StoreError) in try store.onboardingProgress() }
        if progress.isComplete { return true }
        let provider = await account.provider(using: factory)
        if !progress.done.contains("scopes") {
            let calendars = try await provider.listCalendars()
            let primary = calendars.filter(\.isPrimary).map(\.id)
            let chosen = try await account.withStore { store throws(StoreError) in try store.chosenCalendars() }
            let others = (chosen ?? []).filter { !primary.contains($0) }
            try await account.withStore { store throws(StoreError) in
                for id in primary { try store.upsertScope(CalendarScope(providerCalendarID: id, role: .primary)) }
                for id in others { try store.upsertScope(CalendarScope(providerCalendarID: id, role: .secondary)) }
            }
            try await mark("scopes", of: account, in: &progress)
            try environment.crashes.reach(.onboardingAfterScopes)
        }
        if !progress.done.contains("overlay") {
            let overlay = try await provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
            try await account.withStore { store throws(StoreError) in
                try store.upsertScope(
                    CalendarScope(providerCalendarID: overlay.calendar.id, role: .overlay, syncEnabled: true))
            }
            try await mark("overlay", of: account, in: &progress)
            try environment.crashes.reach(.onboardingAfterOverlay)
        }
        let userID = try userID(ofAccount: accountID)
        if !progress.done.contains("projection") {
            let graph = try graph(of: userID)
            // A relink: the writes that waited for the grant (dead-lettered while it was revoked,
            // a policy downgrade among them) go out now, not at the next daily reconcile. Before the
            // projection, so the mirrors it creates are not queued twice.
            let requeued = try await graph.inspect { store throws(StoreError) in
                try store.requeueWaitingMirrors(targeting: accountID)
            }
            if requeued > 0 { record("requeued-waiting-mirrors \(accountID) \(requeued)") }
            try await graph.linkAccount(accountID, provider: account.kind)
            try await relayOutbox(of: userID)
            try await mark("projection", of: account, in: &progress)
            try environment.crashes.reach(.onboardingAfterProjection)
        }
        let scopes = try await account.withStore { store throws(StoreError) in try store.scopes() }
            .filter(\.syncEnabled).sorted { $0.providerCalendarID < $1.providerCalendarID }
        for scope in scopes {
            try await onboard(scope, of: account, provider: provider, progress: &progress)
        }
        let pending = scopes.flatMap { ["sync:" + $0.providerCalendarID, "watch:" + $0.providerCalendarID] }
            .filter { !progress.done.contains($0) }
        guard pending.isEmpty else {
            record("onboarding-incomplete \(accountID) pending=\(pending.joined(separator: ","))")
            return false
        }
        try await mark(OnboardingProgress.complete, of: account, in: &progress)
        record("account-onboarded \(accountID)")
        return true
    }

    /// One scope's steps: its initial full sync, then (origin scopes of a push provider) its watch.
    private func onboard(
        _ scope: CalendarScope, of account: AccountState, provider: any CalendarProvider,
        progress: inout OnboardingProgress
    ) async throws {
        let calendarID = scope.providerCalendarID
        if !progress.done.contains("sync:" + calendarID) {
            let flow = CalendarSync(
                graph: try graph(of: try userID(ofAccount: account.accountID)), account: account, factory: factory,
                trace: environment.trace, configuration: configuration, crashes: environment.crashes)
            let result = await flow.run(calendarID: calendarID, full: true, now: now)
            try environment.crashes.ensureAlive()
            try await relayOutbox(of: try userID(ofAccount: account.accountID))
            switch result {
            case .ack: try await mark("sync:" + calendarID, of: account, in: &progress)
            case .retry(_, let error), .deadLetter(let error), .postpone(_, let error):
                try await mark("sync:" + calendarID, error: error, of: account, in: &progress)
                return
            }
            try environment.crashes.reach(.onboardingAfterScopeSync)
        }
        guard !progress.done.contains("watch:" + calendarID) else { return }
        if scope.role != .overlay, case .webhook = provider.pushSupport {
            let watches = try await account.withStore { store throws(StoreError) in try store.watches() }
            if !watches.contains(where: { $0.providerCalendarID == calendarID && $0.state == .active }) {
                do {
                    try await openWatch(account: account, provider: provider, calendarID: calendarID)
                } catch {
                    guard !error.isProcessCrash else { throw error }
                    try await mark("watch:" + calendarID, error: "\(error)", of: account, in: &progress)
                    return
                }
            }
        }
        try await mark("watch:" + calendarID, of: account, in: &progress)
        try environment.crashes.reach(.onboardingAfterScopeWatch)
    }

    /// Records a step's outcome durably, then in `progress`.
    private func mark(
        _ step: String, error: String? = nil, of account: AccountState, in progress: inout OnboardingProgress
    ) async throws {
        try await account.withStore { store throws(StoreError) in try store.recordOnboardingStep(step, error: error) }
        if let error { progress.failures[step] = error } else { progress.done.insert(step) }
    }

    /// The ONBOARD_ACCOUNT message: resume the workflow; retry later while a scope still fails.
    func handleOnboarding(_ accountID: String) async throws -> HandlerDecision {
        guard try registry.account(accountID)?.status == .active else { return .ack }
        if let hold = await held(try account(accountID), work: "onboarding") {
            return .postpone(after: hold.wait, reason: hold.reason.rawValue)
        }
        if try await onboard(accountID) { return .ack }
        return .retry(after: Self.onboardingResumeDelay, error: "onboarding incomplete")
    }

    /// Queues the onboarding message that resumes (or retries) the workflow of `accountID` later.
    func requestOnboarding(accountID: String, after delay: Duration) throws {
        let payload: JSONValue = .object(["account_id": .string(accountID), "reason": .string("onboarding")])
        _ = try queue.enqueue(
            OutgoingMessage(queue: .reconcile, type: .onboardAccount, payload: payload, delay: delay), now: now)
    }

    /// An account's onboarding status.
    func onboardingStatus(of accountID: String) async throws -> OnboardingStatus {
        let progress = try await account(accountID).withStore { store throws(StoreError) in
            try store.onboardingProgress()
        }
        return OnboardingStatus(complete: progress.isComplete, failures: progress.failures)
    }
}
