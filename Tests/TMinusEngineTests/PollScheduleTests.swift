import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusStore
import Testing

/// `PollSchedule`: accounts that rely on polls are polled every 15 minutes, accounts whose every
/// synced scope has a live watch hourly.
struct PollScheduleTests {
    private let now = Timestamp(secondsSinceEpoch: 1_780_000_000)
    private let schedule = PollSchedule.standard
    private let webhook = PushSupport.webhook(maximumLifetime: nil)

    private func scope(_ id: String, _ role: CalendarScope.Role = .primary, synced: Bool = true) -> CalendarScope {
        CalendarScope(providerCalendarID: id, role: role, syncEnabled: synced)
    }

    private func watch(_ id: String, state: CalendarWatch.State = .active, expiresIn seconds: Int64 = 86_400)
        -> CalendarWatch
    {
        CalendarWatch(
            providerCalendarID: id, channelID: "ch-\(id)", resourceID: nil, token: "t", expiresAt: now.adding(.seconds(seconds)),
            state: state, lastNotificationAt: nil)
    }

    @Test func anAccountWithoutPushesIsPolledEveryFifteenMinutes() {
        let interval = schedule.interval(pushSupport: .pollOnly, scopes: [scope("a")], watches: [watch("a")], now: now)
        #expect(interval == .seconds(900))
    }

    @Test func everySyncedScopeWatchedMeansHourlyPolls() {
        let scopes = [scope("a"), scope("b", .secondary), scope("overlay", .overlay), scope("off", .secondary, synced: false)]
        let interval = schedule.interval(pushSupport: webhook, scopes: scopes, watches: [watch("a"), watch("b")], now: now)
        #expect(interval == .seconds(3600), "the overlay and unsynced calendars need no watch")
    }

    @Test(arguments: [
        ("missing", [CalendarWatch.State.active], false),
        ("stopped", [.stopped], true),
        ("failed", [.failed], true),
        ("renewing", [.renewing], true),
    ])
    func aSyncedScopeWithoutALiveWatchMeansFrequentPolls(label: String, states: [CalendarWatch.State], hasWatch: Bool) {
        let watches = [watch("a")] + (hasWatch ? states.map { watch("b", state: $0) } : [])
        let interval = schedule.interval(pushSupport: webhook, scopes: [scope("a"), scope("b")], watches: watches, now: now)
        #expect(interval == .seconds(900), "\(label)")
    }

    @Test func anExpiredWatchIsNotLive() {
        let watches = [watch("a", expiresIn: 0)]
        #expect(schedule.interval(pushSupport: webhook, scopes: [scope("a")], watches: watches, now: now) == .seconds(900))
        let live = [watch("a", expiresIn: 1)]
        #expect(schedule.interval(pushSupport: webhook, scopes: [scope("a")], watches: live, now: now) == .seconds(3600))
    }

    @Test func aPollIsDueWhenNeverRequestedOrOnceTheIntervalLessAMinuteHasPassed() {
        #expect(PollSchedule.isDue(lastPollAt: nil, interval: .seconds(3600), now: now))
        let last = now.adding(.seconds(-3539))
        #expect(!PollSchedule.isDue(lastPollAt: last, interval: .seconds(3600), now: now))
        #expect(PollSchedule.isDue(lastPollAt: last.adding(.seconds(-1)), interval: .seconds(3600), now: now))
        #expect(PollSchedule.isDue(lastPollAt: last, interval: .seconds(900), now: now))
    }

    @Test func aClockThatWentBackDoesNotHoldPollsOff() {
        let inTheFuture = now.adding(.seconds(86_400))
        #expect(PollSchedule.isDue(lastPollAt: inTheFuture, interval: .seconds(3600), now: now))
        #expect(!PollSchedule.isDue(lastPollAt: now, interval: .seconds(3600), now: now))
    }
}
