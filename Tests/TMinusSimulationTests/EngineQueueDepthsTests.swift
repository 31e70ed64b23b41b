import TMinusCore
import TMinusEngine
import TMinusQueues
import TMinusSimulation
import Testing

/// The report sampler asks the engine for its queue depths at every step, and the queue answers
/// from its own tally while it can vouch for it (``Engine/queueDepths()``); this pins every answer
/// of a busy three-provider world to a fresh read of the rows.
struct EngineQueueDepthsTests {
    @Test func theDepthsAtEveryStepEqualAFreshRead() async throws {
        let clock = ManualClock(start: Timestamp(secondsSinceEpoch: 1_772_438_400))
        let world = try await SyncWorld.build(
            seed: SimulationSeed(43), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
        var busy = 0
        func sample(_ what: String) async throws {
            let depths = try await world.engine.queueDepths()
            #expect(depths == (try await world.engine.queueStats().map(QueueDepth.init)), "\(what)")
            #expect(depths.map(\.queue) == Engine.queueNames)
            if depths.contains(where: { $0.depth > 0 }) { busy += 1 }
        }
        for round in 0..<48 {
            try await sample("round \(round)")
            _ = await world.engine.cronTick()
            try await sample("round \(round), after the cron tick")
            _ = try await world.engine.drain()
            try await sample("round \(round), after draining")
            clock.advance(by: .seconds(round % 3 == 0 ? 1 : 97))
            try await sample("round \(round), later")
        }
        #expect(busy > 0, "the world never queued anything, so nothing was compared")
    }
}
