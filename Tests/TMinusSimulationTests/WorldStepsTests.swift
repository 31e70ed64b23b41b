import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// Scripted scenario steps run in the world at their times, on a manual clock.
struct WorldStepsTests {
    static let text = """
        {
          "name": "steps", "description": "Scripted steps.", "seed": 5, "duration": "PT6H",
          "start": "2026-03-02T08:00:00Z",
          "users": [{"id": "ana", "accounts": [
            {"id": "ana-google", "provider": "google"}, {"id": "ana-outlook", "provider": "microsoft"}],
            "policy": "all-pairs-busy"}],
          "steps": [
            {"at": "PT10M", "action": "create-event", "event": "plan", "account": "ana-google",
             "title": "Planning", "start": "2026-03-03T10:00:00", "length": "PT1H"},
            {"at": "PT20M", "action": "create-event", "event": "gone", "account": "ana-outlook",
             "title": "Dropped", "start": "2026-03-03T12:00:00", "length": "PT1H"},
            {"at": "PT1H", "action": "set-policy-edge", "from": "ana-google", "to": "ana-outlook", "detail": "FULL"},
            {"at": "PT2H", "action": "edit-event", "event": "plan", "title": "Planning v2",
             "start": "2026-03-03T11:00:00"},
            {"at": "PT3H", "action": "delete-event", "event": "gone"},
            {"at": "PT4H", "action": "reconcile-now"},
            {"at": "PT5H", "action": "link-account", "account": "ana-outlook"}
          ]
        }
        """

    static func run() async throws -> (WorldRunReport, SyncWorld) {
        let scenario = try ScenarioDecoder.decode(text: text, file: "steps.json")
        let seed = SimulationSeed(scenario.seed)
        let clock = ManualClock(start: scenario.start)
        let world = try await SyncWorld.build(
            seed: seed, clock: clock, trace: NullTraceSink(), accounts: [.google, .microsoft])
        var configuration = WorldRunConfiguration()
        configuration.duration = scenario.duration
        configuration.rates = .none
        configuration.steps = WorldSteps(scenario, world: world)
        let report = try await WorldDriver(world: world, seed: seed).run(configuration)
        return (report, world)
    }

    @Test
    func scriptedStepsChangeTheWorldAndItStillConverges() async throws {
        let (report, world) = try await Self.run()
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.convergenceTime != nil)
        #expect(report.stepsPerformed == 6)
        let ledger = world.humanLedger.entries
        #expect(ledger.count == 2)
        let plan = try #require(ledger.first { $0.title == "Planning v2" })
        #expect(!plan.deleted)
        // The edit kept the hour-long length while moving the start.
        #expect(plan.end.instant.duration(since: plan.start.instant) == .seconds(3600))
        #expect(ledger.contains { $0.title == "Dropped" && $0.deleted })
        // The FULL edge made the renamed title reach the Outlook mirror.
        let outlook = try #require(world.accounts.first { $0.provider == .microsoft })
        let titles = world.managedEvents(of: outlook).map(\.1.title)
        #expect(titles == ["Planning v2"])
    }

    @Test
    func stepsTheWorldCannotPerformAreNoted() async throws {
        let (report, _) = try await Self.run()
        #expect(report.stepNotes == ["step 'link-account' was not performed by the world"])
    }
}
