import TMinusCore
@testable import TMinusEngine
import TMinusSimulation
import Testing

/// The report sampler reuses the engine's queue statistics while they cannot have changed
/// (``Engine/queueStats(reusing:)``); these pin every answer to a fresh read.
struct QueueStatsSnapshotTests {
    private static let start = Timestamp(secondsSinceEpoch: 1_772_438_400)

    @Test func aSnapshotIsReusedExactlyWhileNoQueueRowChangedAndNoMessageBecameVisible() async throws {
        let clock = ManualClock(start: Self.start)
        let world = try await SyncWorld.build(
            seed: SimulationSeed(43), clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft, .caldav])
        var snapshot: QueueStatsSnapshot?
        var (reused, read) = (0, 0)
        func sample(_ what: String) async throws {
            let next = try await world.engine.queueStats(reusing: snapshot)
            #expect(next.stats == (try await world.engine.queueStats()), "\(what)")
            if let snapshot, next.readAt == snapshot.readAt { reused += 1 } else { read += 1 }
            snapshot = next
        }
        for round in 0..<48 {
            try await sample("round \(round)")
            let again = try await world.engine.queueStats(reusing: snapshot)
            #expect(again.readAt == snapshot?.readAt, "round \(round): nothing happened, so nothing is read")
            _ = await world.engine.cronTick()
            try await sample("round \(round), after the cron tick")
            _ = try await world.engine.drain()
            try await sample("round \(round), after draining")
            clock.advance(by: .seconds(round % 3 == 0 ? 1 : 97))
            try await sample("round \(round), later")
        }
        #expect(reused > 0 && read > 0, "reused \(reused), read \(read)")
    }

    @Test func aSnapshotOfAnotherEngineOrAnEarlierTimeIsReadAgain() async throws {
        let clock = ManualClock(start: Self.start)
        let first = try await SyncWorld.build(seed: SimulationSeed(44), clock: clock, trace: NullTraceSink(), accounts: [.google])
        let second = try await SyncWorld.build(seed: SimulationSeed(44), clock: clock, trace: NullTraceSink(), accounts: [.google])
        let snapshot = try await first.engine.queueStats(reusing: nil)
        #expect(snapshot.engine === first.engine)
        #expect(try await second.engine.queueStats(reusing: snapshot).engine === second.engine)

        let later = QueueStatsSnapshot(
            stats: snapshot.stats, engine: first.engine, changes: snapshot.changes, readAt: snapshot.readAt.adding(.seconds(60)))
        #expect(try await first.engine.queueStats(reusing: later).readAt == snapshot.readAt, "time went back: read again")
    }
}
