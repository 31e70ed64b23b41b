import TMinusCore
@testable import TMinusEngine
import TMinusQueues
import TMinusSimulation
import Testing

/// The report sampler reuses the engine's queue depths while no queue row can have changed
/// (``Engine/queueDepths(reusing:)``); these pin every answer to a fresh read.
struct QueueDepthsSnapshotTests {
    private static let start = Timestamp(secondsSinceEpoch: 1_772_438_400)

    @Test func aSnapshotIsReusedExactlyWhileNoQueueRowChanged() async throws {
        let clock = ManualClock(start: Self.start)
        let world = try await SyncWorld.build(
            seed: SimulationSeed(43), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
        var snapshot: QueueDepthsSnapshot?
        var (reused, read) = (0, 0)
        func sample(_ what: String) async throws {
            let next = try await world.engine.queueDepths(reusing: snapshot)
            #expect(next.depths == (try await world.engine.queueStats().map(QueueDepth.init)), "\(what)")
            if let snapshot, next.changes == snapshot.changes { reused += 1 } else { read += 1 }
            snapshot = next
        }
        for round in 0..<48 {
            try await sample("round \(round)")
            if let snapshot {
                // Marked depths no read could give come back unchanged: nothing happened, so nothing is read.
                let marked = QueueDepthsSnapshot(
                    depths: snapshot.depths.map { QueueDepth(queue: $0.queue, depth: -1, deadLettered: -1, delivered: -1) },
                    engine: snapshot.engine, changes: snapshot.changes)
                let again = try await world.engine.queueDepths(reusing: marked)
                #expect(again.depths == marked.depths, "round \(round)")
            }
            _ = await world.engine.cronTick()
            try await sample("round \(round), after the cron tick")
            _ = try await world.engine.drain()
            try await sample("round \(round), after draining")
            clock.advance(by: .seconds(round % 3 == 0 ? 1 : 97))
            try await sample("round \(round), later")
        }
        #expect(reused > 0 && read > 0, "reused \(reused), read \(read)")
    }

    @Test func aSnapshotOfAnotherEngineIsReadAgain() async throws {
        let clock = ManualClock(start: Self.start)
        let first = try await SyncWorld.build(seed: SimulationSeed(44), clock: clock, trace: NullTraceSink(), accounts: [.google])
        let second = try await SyncWorld.build(seed: SimulationSeed(44), clock: clock, trace: NullTraceSink(), accounts: [.google])
        let snapshot = try await first.engine.queueDepths(reusing: nil)
        #expect(snapshot.engine === first.engine)
        #expect(try await second.engine.queueDepths(reusing: snapshot).engine === second.engine)
    }
}
