import TMinusCore
import TMinusEngine
@testable import TMinusSimulation
import Testing

/// The faulted phase's ticks: due on a fixed schedule, skipped when the work before them overran,
/// and the phase ends at its duration however slow the world is.
struct TickScheduleTests {
    static let start = Timestamp(secondsSinceEpoch: 1_772_438_400)

    @Test func ticksAreDueOnTheScheduleAndSkippedWhenWorkOverran() {
        let schedule = TickSchedule(start: Self.start, tick: .seconds(300), duration: .seconds(3_600))
        #expect(schedule.count == 12 && schedule.end == Self.start.adding(.seconds(3_600)))
        #expect(schedule.next(after: 0, now: Self.start.adding(.seconds(2))) == 1, "quick work: the next tick")
        #expect(schedule.next(after: 0, now: Self.start.adding(.seconds(300))) == 1, "due exactly now")
        #expect(schedule.next(after: 0, now: Self.start.adding(.seconds(301))) == 2, "tick 1 missed")
        #expect(schedule.next(after: 3, now: Self.start.adding(.seconds(1_000))) == 4)
        #expect(schedule.next(after: 10, now: Self.start.adding(.seconds(3_000))) == 11)
        #expect(schedule.next(after: 11, now: Self.start.adding(.seconds(3_301))) == nil, "the phase is over")
        #expect(schedule.next(after: 2, now: Self.start.adding(.seconds(9_000))) == nil)
        #expect(schedule.instant(of: 4) == Self.start.adding(.seconds(1_200)))
        let ragged = TickSchedule(start: Self.start, tick: .seconds(300), duration: .seconds(301))
        #expect(ragged.count == 2 && ragged.end == Self.start.adding(.seconds(301)), "ends at its duration, not a tick later")
        #expect(ragged.next(after: 0, now: Self.start.adding(.seconds(300))) == 1, "tick 1 is due before the end")
        #expect(ragged.next(after: 1, now: Self.start.adding(.seconds(300))) == nil)
        let empty = TickSchedule(start: Self.start, tick: .seconds(300), duration: .zero)
        #expect(empty.count == 0 && empty.end == Self.start)
    }

    @Test func periodicWorkRunsOncePerPeriodOfTheScheduleEvenWhenTicksAreSkipped() {
        #expect(TickSchedule.crossed(every: 3, from: nil, to: 0))
        #expect(!TickSchedule.crossed(every: 3, from: 0, to: 1) && !TickSchedule.crossed(every: 3, from: 1, to: 2))
        #expect(TickSchedule.crossed(every: 3, from: 2, to: 3))
        #expect(TickSchedule.crossed(every: 3, from: 1, to: 4), "tick 3 was skipped; its cron is not")
        #expect(!TickSchedule.crossed(every: 3, from: 3, to: 5))
        #expect(TickSchedule.crossed(every: 1, from: 4, to: 5))
        // Over any walk of the ticks, the work runs once in each period the walk reaches, at the
        // first tick it reaches there: a period skipped whole is not made up twice.
        var random = Xoshiro256StarStar(seed: 11)
        for _ in 0..<200 {
            var previous: Int?
            var tick = 0
            var runs = 0
            var periods: Set<Int> = []
            while tick < 300 {
                if TickSchedule.crossed(every: 3, from: previous, to: tick) { runs += 1 }
                periods.insert(tick / 3)
                previous = tick
                tick += 1 + Int(random.below(4))
            }
            #expect(runs == periods.count)
        }
    }

    /// Every call timing out (30 s each, several per tick) once stretched a five-day fault phase
    /// past seven days, so the kernel's time limit ended the run before it healed (fuzz 28291).
    @Test func theFaultPhaseEndsAtItsDurationWhenEveryCallTimesOut() async throws {
        let sink = HealTimeSink()
        let accounts: [ProviderKind] = [.google, .microsoft, .caldav]
        let report = try await FileBackedWorld.with(named: "slow", seed: 3, accounts: accounts, trace: sink) { world in
            sink.clock.withLock { $0 = world.clock }
            var configuration = WorldRunConfiguration()
            configuration.duration = .seconds(6 * 3_600)
            configuration.tick = .seconds(300)
            configuration.networkFaults = NetworkFaults(
                rules: [NetworkFaultRule(.timeoutAfterApply, probability: Ratio(1, 1))])
            return try await WorldDriver(world: world, seed: SimulationSeed(3)).run(configuration)
        }
        #expect(report.network.faults[NetworkFault.timeoutAfterApply.rawValue] > 100, "the calls did time out")
        #expect(report.ticks < 72, "ticks the timeouts overran were skipped")
        // The last tick's own work may run a little past the end; before the fix every tick's
        // timeouts added up and the phase healed hours late.
        let end = Self.start.adding(.seconds(6 * 3_600))
        let healedAt = try #require(sink.healedAt.withLock { $0 })
        #expect(healedAt >= end && healedAt < end.adding(.seconds(600)), "healed at \(healedAt)")
    }
}

/// Notes the world clock's time when the world heals.
private final class HealTimeSink: TraceSink {
    let clock = LockedBox<(any WallClock)?>(nil)
    let healedAt = LockedBox<Timestamp?>(nil)

    func record(component: String, event: String) {
        guard component == "world", event == "healed", let now = clock.withLock({ $0?.now() }) else { return }
        healedAt.withLock { $0 = $0 ?? now }
    }
}
