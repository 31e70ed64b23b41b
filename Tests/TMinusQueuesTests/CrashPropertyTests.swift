import Foundation
import TMinusQueues
import Testing

/// Invariant L for the queues: a seeded random workload of produce / receive / effect / ack /
/// fail / clock steps, killed at random steps (also inside the producer's and the consumer's
/// transactions) and reopened from the file each time, never loses a message, and in the end
/// every message's effect happened at least once and is recorded exactly once.
struct CrashPropertyTests {
    static let seeds = Array(UInt64(1)...200)

    private func run(seed: UInt64, steps: Int = 90) throws -> CrashWorld {
        try withTemporaryDirectory(testName: "crash-property-\(seed)") { directory in
            let world = try CrashWorld(path: directory.appendingPathComponent("queues.sqlite").path, seed: seed)
            try world.runRandomWorkload(steps: steps)
            try world.drainWithoutFaults()
            try world.checkFinal()
            return world
        }
    }

    @Test(arguments: seeds)
    func nothingIsLostAndEveryEffectIsRecordedOnceAcrossCrashesAtRandomSteps(seed: UInt64) throws {
        _ = try run(seed: seed)
    }

    @Test func theSweepReachesEveryCrashWindowAndRarePath() throws {
        var reached: Set<CrashWorld.Mark> = []
        for seed in Self.seeds.prefix(40) { reached.formUnion(try run(seed: seed).marks) }
        let missing = CrashWorld.Mark.allCases.filter { !reached.contains($0) }
        #expect(missing.isEmpty, "no seed reached \(missing.map(\.rawValue))")
    }

    @Test func theSameSeedTakesTheSameSteps() throws {
        #expect(try run(seed: 17).steps == run(seed: 17).steps)
        #expect(try run(seed: 17).steps != run(seed: 18).steps)
    }
}
