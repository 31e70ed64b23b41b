import TMinusCore
import TMinusEngine
import TMinusProviders
import TMinusSimulation
import TMinusStore
import Testing

/// A policy change re-derives the mirrors its edge governs (engine rule 8). The detail level and kind
/// are part of the projected hash (invariant C), so a FULL → TITLE change gives every such mirror a
/// new hash and the engine rewrites it, even when the payload's bytes stay the same (an event with
/// no description or location). The checker must not take that rewrite for a redundant one.
struct PolicyChangeRewriteTests {
    static func scenario(_ provider: ProviderKind) -> String {
        """
        {
          "name": "policy-change", "description": "A detail change of an edge.", "seed": 57, "duration": "PT5H",
          "start": "2026-04-03T08:00:00Z",
          "users": [{"id": "user", "accounts": [
            {"id": "one", "provider": "\(provider.rawValue)", "timeZone": "Asia/Tokyo"},
            {"id": "two", "provider": "\(provider.rawValue)", "timeZone": "Australia/Sydney"}],
            "policy": "all-pairs-full"}],
          "steps": [
            {"at": "PT3M", "action": "create-event", "event": "e1", "account": "two",
             "title": "Design review 1", "start": "2026-04-03T14:15:00+11:00", "end": "2026-04-03T15:15:00+11:00"},
            {"at": "PT1H", "action": "edit-event", "event": "e1", "title": "Design review 2"},
            {"at": "PT4H15M", "action": "set-policy-edge", "from": "two", "to": "one", "detail": "TITLE"}
          ]
        }
        """
    }

    @Test(arguments: [ProviderKind.caldav, .microsoft, .google])
    func aDetailChangeThatLeavesThePayloadEqualRewritesTheMirrorWithoutAViolation(provider: ProviderKind)
        async throws
    {
        let scenario = try ScenarioDecoder.decode(text: Self.scenario(provider), file: "policy-change.json")
        let seed = SimulationSeed(scenario.seed)
        let world = try await SyncWorld.build(
            seed: seed, clock: ManualClock(start: scenario.start), trace: NullTraceSink(), accounts: [provider, provider])
        // The scenario's own policy (all-pairs-full), as `sim run` applies it before the run.
        let ids = ["one": world.accounts[0].accountID, "two": world.accounts[1].accountID]
        let edges = try #require(scenario.users.first).policyEdges.compactMap { edge -> PolicyEdge? in
            guard let from = ids[edge.fromAccountID], let to = ids[edge.toAccountID] else { return nil }
            return PolicyEdge(from: from, to: to, detail: edge.detail, kind: edge.kind)
        }
        #expect(edges.count == 2 && edges.allSatisfy { $0.detail == .full })
        try await world.engine.setPolicyEdges(userID: world.userID, edges)
        var configuration = WorldRunConfiguration()
        configuration.duration = scenario.duration
        configuration.rates = .none
        configuration.steps = WorldSteps(scenario, world: world)
        let report = try await WorldDriver(world: world, seed: seed).run(configuration)

        #expect(report.violations.isEmpty, "\(report.violations.map(\.report))")
        #expect(report.stepsPerformed == 3)
        let graph = try await world.engine.graph(of: world.userID)
        let mirrors = try await graph.inspect { store throws(StoreError) in try store.allMirrors() }
        let target = world.accounts[0].accountID
        let mirror = try #require(mirrors.first { $0.targetAccountID == target })
        #expect(mirror.detail == .title, "the engine took the new detail level into the mirror's hash")
        #expect(mirror.state == .active)
        #expect(world.managedEvents(of: world.accounts[0]).map(\.1.title) == ["Design review 2"])
    }
}
