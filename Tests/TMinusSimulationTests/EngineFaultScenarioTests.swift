import TMinusCore
import TMinusSimulation
import Testing

/// The scenario format's engine faults: `crash` says with `"where"` whether it strikes between
/// steps or inside a handler; `queue-redelivery` targets only components that consume a queue.
struct EngineFaultScenarioTests {
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

    @Test func queueRedeliveryTargetsOnlyQueueConsumers() throws {
        let valid = try Support.decode(
            Support.json(
                adding: #""faults": [{"kind": "queue-redelivery", "target": {"component": "write-consumer"}}]"#))
        #expect(valid.faults.first?.target.component == .writeConsumer)
        let issue = Support.issue(
            at: "faults[0].target.component",
            in: Support.json(adding: #""faults": [{"kind": "queue-redelivery", "target": {"component": "cron"}}]"#))
        #expect(issue?.expected.contains("consumes a queue") == true)
    }
}
