import TMinusCore
import TMinusSimulation
import Testing

/// The scenario format's `crash` fault: `"where"` says whether it strikes between steps or inside
/// a handler, and is validated strictly.
struct CrashFaultScenarioTests {
    typealias Support = ScenarioTestSupport

    @Test func crashFaultsSayWhereTheyStrike() throws {
        let scenario = try Support.decode(
            Support.json(
                adding: """
                    "faults": [
                      {"kind": "crash", "target": {"component": "sync-consumer"}, "where": "inside-handler",
                       "probability": "1/5"},
                      {"kind": "crash", "target": {"component": "process"}, "where": "between-steps", "at": "PT1H"},
                      {"kind": "crash", "target": {"component": "write-consumer"}}
                    ]
                    """))
        #expect(scenario.faults.map(\.parameters.crashSite) == [.insideHandler, .betweenSteps, nil])
    }

    @Test func anUnknownSiteOrASiteOnAnotherKindIsReported() {
        let text = Support.json(
            adding: """
                "faults": [
                  {"kind": "crash", "target": {"component": "process"}, "where": "inside-handlr"},
                  {"kind": "connection-reset", "where": "inside-handler"}
                ]
                """)
        let issues = Support.issues(text)
        let site = issues.first { $0.path == "faults[0].where" }
        #expect(site?.expected.contains("where the crash strikes") == true)
        #expect(site?.suggestion == "inside-handler")
        #expect(issues.first { $0.path == "faults[1].where" }?.expected.contains("unknown key") == true)
    }
}
