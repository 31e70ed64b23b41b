import TMinusCore
import TMinusEngine
import TMinusSimulation
import Testing

/// Series with exceptions across DST in a Google + Outlook + CalDAV world: every step that edits
/// or cancels one occurrence is recorded so that the checker's G and M hold, also when the same
/// occurrence is changed twice (moved, then renamed).
struct WorldRecurringStepsTests {
    static let text = """
        {
          "name": "recurring-steps", "description": "Series with exceptions across DST.", "seed": 3,
          "duration": "PT8H", "start": "2026-03-20T08:00:00Z",
          "users": [{"id": "ana", "accounts": [
            {"id": "ana-google", "provider": "google", "timeZone": "America/New_York"},
            {"id": "ana-outlook", "provider": "microsoft", "timeZone": "Europe/Berlin"},
            {"id": "ana-caldav", "provider": "caldav", "timeZone": "Europe/Berlin"}],
            "policy": "all-pairs-title"}],
          "steps": [
            {"at": "PT10M", "action": "create-event", "event": "review", "account": "ana-outlook",
             "title": "Review", "start": "2026-03-23T14:00:00", "length": "PT1H", "recurrence": "FREQ=WEEKLY;COUNT=3"},
            {"at": "PT20M", "action": "create-event", "event": "sync", "account": "ana-caldav",
             "title": "Sync", "start": "2026-03-27T09:00:00", "length": "PT30M", "recurrence": "FREQ=DAILY;COUNT=4"},
            {"at": "PT1H", "action": "edit-occurrence", "event": "review", "occurrence": 1,
             "start": "2026-03-30T15:00:00"},
            {"at": "PT2H", "action": "edit-occurrence", "event": "review", "occurrence": 1, "title": "Review (moved)"},
            {"at": "PT3H", "action": "cancel-occurrence", "event": "review", "occurrence": 2},
            {"at": "PT4H", "action": "edit-occurrence", "event": "sync", "occurrence": 2, "title": "Sync (after DST)"},
            {"at": "PT5H", "action": "cancel-occurrence", "event": "sync", "occurrence": 3}
          ]
        }
        """

    @Test
    func occurrencesEditedTwiceOrCancelledAcrossDSTKeepEveryInvariant() async throws {
        let scenario = try ScenarioDecoder.decode(text: Self.text, file: "recurring-steps.json")
        let seed = SimulationSeed(scenario.seed)
        let world = try await SyncWorld.build(
            seed: seed, clock: ManualClock(start: scenario.start), trace: NullTraceSink(),
            accounts: [.google, .microsoft, .caldav])
        var configuration = WorldRunConfiguration()
        configuration.duration = scenario.duration
        configuration.rates = .none
        configuration.steps = WorldSteps(scenario, world: world)
        let report = try await WorldDriver(world: world, seed: seed).run(configuration)
        #expect(report.violations.isEmpty, "\(report.violations)")
        #expect(report.convergenceTime != nil)
        #expect(report.stepsPerformed == 7, "\(report.stepNotes)")
        // The exception Outlook shows for the review on 2026-03-30 (after the change, so 12:00Z by
        // the rule) keeps the move to 15:00 Berlin (13:00Z) through the later rename.
        let outlook = try #require(world.accounts.first { $0.provider == .microsoft })
        let exception = try #require(world.humanLedger.live(login: outlook.login).first { $0.occurrenceOf != nil })
        #expect(exception.title == "Review (moved)")
        #expect(exception.start.instant == Timestamp(secondsSinceEpoch: 1_774_875_600), "2026-03-30T13:00:00Z")
        #expect(exception.end.instant.duration(since: exception.start.instant) == .seconds(3600))
    }
}
