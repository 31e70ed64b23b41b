public import TMinusCore
public import TMinusProviders
public import TMinusStore

/// How often cron polls an account (an incremental sync of every synced scope, whatever pushes
/// said): the safety net for pushes that are lost or stop without a word (providers.md §5, rows
/// 19–21).
///
/// - An account whose provider cannot push (CalDAV), or a push provider's account with a synced
///   scope that has no active, unexpired watch, is polled every ``frequentInterval``: polls are
///   all it has for that scope.
/// - An account whose every synced scope has a live watch is polled every ``pushedInterval``:
///   pushes bring its changes at once, and the poll only catches the ones a provider dropped.
///   (The first T-Minus swept Microsoft accounts hourly and never polled Google ones.)
///
/// Guarantees: a pure function of the provider's push support, the account's scopes and watches
/// and the instant; an account never polled in this process is due at once (so a restarted
/// engine catches up on anything missed while it was down).
public struct PollSchedule: Hashable, Sendable {
    /// The poll interval of accounts that rely on polls.
    public var frequentInterval: Duration
    /// The poll interval of accounts whose every synced scope has a live watch.
    public var pushedInterval: Duration

    /// The engine's schedule: every 15 minutes, or hourly where pushes cover every scope.
    public static let standard = PollSchedule(frequentInterval: .seconds(15 * 60), pushedInterval: .seconds(3600))

    /// Creates a schedule.
    public init(frequentInterval: Duration, pushedInterval: Duration) {
        precondition(frequentInterval > .zero && pushedInterval >= frequentInterval, "poll intervals out of order")
        self.frequentInterval = frequentInterval
        self.pushedInterval = pushedInterval
    }

    /// The poll interval of an account now: ``pushedInterval`` when its provider pushes and every
    /// synced scope (the overlay calendar is written, not synced) has an active watch that has not
    /// expired, otherwise ``frequentInterval``.
    public func interval(
        pushSupport: PushSupport, scopes: [CalendarScope], watches: [CalendarWatch], now: Timestamp
    ) -> Duration {
        guard case .webhook = pushSupport else { return frequentInterval }
        let watched = Set(
            watches.lazy.filter { $0.state == .active && $0.expiresAt > now }.map(\.providerCalendarID))
        let covered = scopes.allSatisfy { scope in
            !scope.syncEnabled || scope.role == .overlay || watched.contains(scope.providerCalendarID)
        }
        return covered ? pushedInterval : frequentInterval
    }

    /// How much earlier than its interval a poll is still taken as due: cron ticks are not exactly
    /// periodic (each starts after the previous one's work), and a tick a moment early must not
    /// push the poll to the tick after.
    public static let earlyTolerance: Duration = .seconds(60)

    /// Whether a poll of an account is due now, given when the last one was requested (nil: never
    /// in this process) and the account's ``interval(pushSupport:scopes:watches:now:)``: at least
    /// the interval less ``earlyTolerance`` has passed, or the clock went back (a clock that jumped
    /// back must not hold polls off until it has caught up).
    public static func isDue(lastPollAt: Timestamp?, interval: Duration, now: Timestamp) -> Bool {
        guard let lastPollAt else { return true }
        let elapsed = now.duration(since: lastPollAt)
        return elapsed < .zero || elapsed >= interval - earlyTolerance
    }
}
