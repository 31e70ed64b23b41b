import TMinusCore
import TMinusSimulation
import Testing

/// Shards split the fuzz seed space without overlap; failure signatures say how a run failed.
struct FuzzShardTests {
    @Test func theShardsOfACampaignRunEverySeedExactlyOnce() throws {
        for count in UInt64(1)...5 {
            for total in [UInt64(1), 7, 200] {
                var seen: [UInt64] = []
                for index in 1...count {
                    let shard = try #require(FuzzShard(index: index, count: count))
                    let seeds = Array(shard.seeds(upTo: total))
                    #expect(seeds.allSatisfy(shard.contains))
                    seen += seeds
                }
                #expect(seen.sorted() == Array(1...total), "\(count) shards of \(total)")
            }
        }
    }

    @Test func theShardsOfACampaignFromALaterSeedRunEachOfItsSeedsOnceInItsOwnShard() throws {
        for count in UInt64(1)...5 {
            for (first, total) in [(UInt64(1), UInt64(7)), (2, 2), (3, 11), (20_001, 20_013), (8, 7)] {
                var seen: [UInt64] = []
                for index in 1...count {
                    let shard = try #require(FuzzShard(index: index, count: count))
                    let seeds = Array(shard.seeds(from: first, upTo: total))
                    #expect(seeds.allSatisfy(shard.contains), "\(shard) from \(first)")
                    seen += seeds
                }
                let expected = first <= total ? Array(first...total) : []
                #expect(seen.sorted() == expected, "\(count) shards of \(first)...\(total)")
            }
        }
        #expect(Array(FuzzShard(index: 1, count: 2)!.seeds(from: 20_001, upTo: nil).prefix(2)) == [20_001, 20_003])
    }

    @Test func readsIOverNAndRefusesEverythingElse() {
        #expect(FuzzShard(parsing: "2/4") == FuzzShard(index: 2, count: 4))
        #expect(FuzzShard(parsing: "2/4")?.description == "2/4")
        for bad in ["0/4", "5/4", "1/0", "2", "a/b", "1/2/3", "-1/2", ""] {
            #expect(FuzzShard(parsing: bad) == nil, "\(bad)")
        }
        #expect(Array(FuzzShard.whole.seeds(upTo: 3)) == [1, 2, 3])
        #expect(Array(FuzzShard(index: 2, count: 3)!.seeds(upTo: nil).prefix(3)) == [2, 5, 8])
    }

    @Test func aSignatureIsTheFirstFailureAndMatchesAnyViolationOfItsInvariant() throws {
        let scenario = try ScenarioTestSupport.decode(ScenarioTestSupport.minimalJSON)
        let violation = { (id: InvariantID) in InvariantViolation(invariant: id, at: .seconds(60), message: "m") }
        let failing = ScenarioTestSupport.result(
            scenario: scenario,
            outcome: ScenarioOutcome(
                verdict: .fail, violations: [violation(.h), violation(.d)], convergenceTime: .seconds(1),
                virtualDuration: .seconds(86_400)))
        #expect(FuzzFailureSignature(failing) == .invariant(.h))
        #expect(FuzzFailureSignature(failing)?.description == "invariant H (privacy)")
        var demo = scenario
        demo.expect = ScenarioExpectations(mustFire: .h, defect: "busy-mirrors-carry-title")
        let fired = ScenarioTestSupport.result(
            scenario: demo,
            outcome: ScenarioOutcome(
                verdict: .fail, violations: [violation(.h)], convergenceTime: .seconds(1),
                virtualDuration: .seconds(86_400)))
        #expect(fired.passed && FuzzFailureSignature(fired) == nil)
        #expect(FuzzFailureSignature.invariant(.h).matches(fired))
        #expect(!FuzzFailureSignature.invariant(.d).matches(fired))
        let passing = ScenarioTestSupport.result(
            scenario: scenario,
            outcome: ScenarioOutcome(verdict: .pass, violations: [], convergenceTime: .seconds(1), virtualDuration: .zero))
        #expect(FuzzFailureSignature(passing) == nil)
        let stuck = ScenarioTestSupport.result(
            scenario: scenario,
            outcome: ScenarioOutcome(verdict: .pass, violations: [], convergenceTime: nil, virtualDuration: .zero))
        #expect(FuzzFailureSignature(stuck) == .failure(.convergence))
        #expect(FuzzFailureSignature.failure(.convergence).matches(stuck))
        #expect(!FuzzFailureSignature.failure(.kernel).matches(stuck))
    }
}
