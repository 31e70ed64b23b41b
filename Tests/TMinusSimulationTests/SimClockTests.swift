import TMinusCore
import Testing

@testable import TMinusSimulation

@Suite struct SimClockTests {
    private let start = SimScheduler.defaultStart.nanosecondsSinceEpoch

    @Test(arguments: [0, 35, -20, 1_000, -250_000] as [Int64])
    func readsVirtualTimePlusOffsetPlusDrift(drift: Int64) {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let clock = SimClock(
            scheduler: scheduler, component: "gateway", offset: .milliseconds(-1_500), driftPartsPerMillion: drift)
        for step in [0, 1, 999_999, 10_000_000_000, 86_400_000_000_000] as [Int64] {
            scheduler.advance(by: .nanoseconds(step))
            let elapsed = scheduler.elapsedNanoseconds
            // elapsed × drift / 1e6 computed in 128-bit arithmetic as the oracle
            let product = elapsed.multipliedFullWidth(by: drift)
            let drifted = Int64(1_000_000).dividingFullWidth(product).quotient
            let expected = start + elapsed - 1_500_000_000 + drifted
            #expect(clock.now().nanosecondsSinceEpoch == expected, "drift \(drift) at +\(elapsed)ns")
        }
    }

    @Test func aJumpIsVisibleExactlyFromItsInstant() {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let clock = SimClock(
            scheduler: scheduler, component: "server",
            jumps: [ClockJump(at: .seconds(10), by: .seconds(-30))])
        clock.addJump(ClockJump(at: .seconds(20), by: .seconds(5)))
        scheduler.advance(by: .nanoseconds(9_999_999_999))
        #expect(clock.now().nanosecondsSinceEpoch == start + 9_999_999_999)
        scheduler.advance(by: .nanoseconds(1))
        #expect(clock.now().nanosecondsSinceEpoch == start + 10_000_000_000 - 30_000_000_000)
        scheduler.advance(by: .seconds(10))
        #expect(clock.now().nanosecondsSinceEpoch == start + 20_000_000_000 - 25_000_000_000)
    }

    @Test func aSkewedSecondTakesTheMatchingVirtualTime() {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let fast = SimClock(scheduler: scheduler, component: "fast", driftPartsPerMillion: 1_000)
        let slow = SimClock(scheduler: scheduler, component: "slow", driftPartsPerMillion: -1_000)
        let exact = SimClock(scheduler: scheduler, component: "exact")
        // 1 s on a clock running 0.1% fast passes in 1e9 / 1.001 virtual ns, rounded up.
        #expect(fast.virtualNanoseconds(forLocal: .seconds(1)) == 999_001_000)
        #expect(slow.virtualNanoseconds(forLocal: .seconds(1)) == 1_001_001_002)
        #expect(exact.virtualNanoseconds(forLocal: .seconds(1)) == 1_000_000_000)
        #expect(fast.virtualNanoseconds(forLocal: .seconds(-1)) == 0)
        // After that virtual time the fast clock has advanced at least the full second.
        let before = fast.now()
        scheduler.advance(by: .nanoseconds(fast.virtualNanoseconds(forLocal: .seconds(1))))
        #expect(fast.now().nanosecondsSinceEpoch - before.nanosecondsSinceEpoch >= 1_000_000_000)
    }

    @Test func componentsReadTheirOwnClocks() {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let trace = SimTrace(scheduler: scheduler)
        let google = SimComponent(
            name: "google", clock: .init(offset: .seconds(2)), scheduler: scheduler, trace: trace)
        let engine = SimComponent(
            name: "engine", clock: .init(offset: .seconds(-3), driftPartsPerMillion: 100), scheduler: scheduler,
            trace: trace)
        scheduler.advance(by: .seconds(100))
        #expect(google.clock.now().nanosecondsSinceEpoch == start + 102_000_000_000)
        #expect(engine.clock.now().nanosecondsSinceEpoch == start + 97_000_000_000 + 10_000_000)
    }

    @Test func killingAComponentBumpsItsIncarnationAndTracesIt() {
        let scheduler = SimScheduler(seed: SimulationSeed(1))
        let trace = SimTrace(scheduler: scheduler)
        let consumer = SimComponent(name: "consumer", scheduler: scheduler, trace: trace)
        consumer.kill()
        #expect(!consumer.isRunning)
        #expect(consumer.incarnation == 1)
        consumer.restart()
        #expect(consumer.isRunning)
        #expect(trace.recentLines().map { $0.split(separator: " ", maxSplits: 1)[1] } == [
            "consumer killed incarnation=0", "consumer restarted incarnation=1",
        ])
    }
}
