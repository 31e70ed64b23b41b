import Foundation
import TMinusCore
import TMinusSimulation
import Testing

/// Scenario files: every section read into the model, defaults, and the example files.
struct ScenarioParsingTests {
    @Test func readsTheTopLevelAndAppliesDefaults() throws {
        let scenario = try ScenarioTestSupport.decode(ScenarioTestSupport.minimalJSON)
        #expect(scenario.name == "minimal")
        #expect(scenario.description == "Two accounts, nothing else.")
        #expect(scenario.seed == 1)
        #expect(scenario.duration == .seconds(2 * 86_400))
        #expect(scenario.start == Scenario.defaultStart)
        #expect(scenario.workload == nil)
        #expect(scenario.steps.isEmpty && scenario.faults.isEmpty)
        #expect(scenario.expect == ScenarioExpectations())
        #expect(scenario.expect.invariants == InvariantID.allCases)
        #expect(scenario.expect.convergenceDeadline == .seconds(86_400))
        #expect(scenario.sourcePath == "test.json")
    }

    @Test func readsUsersAccountsAndTheDefaultPolicy() throws {
        let scenario = try ScenarioTestSupport.decode(ScenarioTestSupport.minimalJSON)
        let user = try #require(scenario.users.first)
        #expect(user.id == "u")
        #expect(user.accounts.map(\.id) == ["work", "home"])
        #expect(
            user.accounts[0]
                == ScenarioAccount(id: "work", provider: .google, calendars: 2, timeZone: "America/New_York"))
        #expect(user.accounts[1] == ScenarioAccount(id: "home", provider: .microsoft, calendars: 1, timeZone: "UTC"))
        #expect(user.policy == .allPairsBusy)
        #expect(user.policyEdges == [PolicyEdge(from: "home", to: "work"), PolicyEdge(from: "work", to: "home")])
        #expect(scenario.providers == [.google, .microsoft])
        #expect(scenario.user(owning: "home")?.id == "u")
    }

    @Test func readsExplicitPolicyEdgesOverADefault() throws {
        let text = """
            {"name": "p", "description": "d", "duration": "P1D", "start": "2026-06-01T12:00:00+02:00",
             "users": [{"id": "u", "accounts": [
               {"id": "a", "provider": "google"}, {"id": "b", "provider": "caldav"}, {"id": "c", "provider": "microsoft"}],
              "policy": {"default": "all-pairs-title", "edges": [
                {"from": "a", "to": "b", "detail": "FULL", "kind": "TRUE_MIRROR"}, {"from": "c", "to": "a"}]}}]}
            """
        let scenario = try ScenarioTestSupport.decode(text)
        #expect(scenario.start == Timestamp(secondsSinceEpoch: 1_780_308_000))
        let edges = scenario.users[0].policyEdges
        #expect(edges.count == 6)
        #expect(edges.contains(PolicyEdge(from: "a", to: "b", detail: .full, kind: .trueMirror)))
        #expect(edges.contains(PolicyEdge(from: "c", to: "a", detail: .busy)))
        #expect(edges.contains(PolicyEdge(from: "b", to: "c", detail: .title)))
        let none = try ScenarioTestSupport.decode(
            text.replacingOccurrences(of: "\"default\": \"all-pairs-title\"", with: "\"default\": \"none\""))
        #expect(none.users[0].policyEdges.count == 2)
    }

    @Test func readsTheWorkloadWithDefaultsForWhatIsNotSet() throws {
        let scenario = try ScenarioTestSupport.decode(
            ScenarioTestSupport.json(
                adding: """
                    "workload": {"eventsPerAccountPerDay": "5/2", "recurringShare": "1/3", "deleteShare": "2%",
                                 "mirrorDeletionsPerAccountPerDay": "1/7"}
                    """))
        let workload = try #require(scenario.workload)
        #expect(workload.eventsPerAccountPerDay == ScenarioRate(5, per: 2))
        #expect(workload.recurringShare == Ratio(1, 3))
        #expect(workload.deleteShare == Ratio(2, 100))
        #expect(workload.mirrorDeletionsPerAccountPerDay == ScenarioRate(1, per: 7))
        #expect(workload.allDayShare == ScenarioWorkload().allDayShare)
        #expect(workload.overlayDeletionsPerAccountPerDay == .zero)
        #expect(
            try ScenarioTestSupport.decode(ScenarioTestSupport.json(adding: #""workload": {}"#)).workload
                == ScenarioWorkload())
    }

    @Test func readsEveryKindOfStepInTimeOrder() throws {
        let scenario = try ScenarioTestSupport.decode(ScenarioTestSupport.json(adding: Self.allSteps))
        let actions = scenario.steps.map(\.action.name)
        #expect(Set(actions) == Set(ScenarioAction.names))
        #expect(scenario.steps.map(\.at) == scenario.steps.map(\.at).sorted())
        #expect(scenario.steps.first?.action.name == "link-account")
        let create = try #require(
            scenario.steps.compactMap { step -> ScenarioEventSpec? in
                if case .createEvent(let spec) = step.action, spec.label == "standup" { return spec }
                return nil
            }.first)
        // 09:00 in New York on 2026-03-03 is 14:00Z (EST, before the DST change on 2026-03-08).
        #expect(create.start == .timed(Timestamp(secondsSinceEpoch: 1_772_546_400), timeZone: "America/New_York"))
        #expect(create.end.instant == Timestamp(secondsSinceEpoch: 1_772_546_400 + 900))
        #expect(create.recurrence == "FREQ=DAILY;COUNT=5")
        #expect(create.calendar == 1)
        let allDay = scenario.steps.compactMap { step -> ScenarioEventSpec? in
            if case .createEvent(let spec) = step.action, spec.label == "trip" { return spec }
            return nil
        }.first
        #expect(allDay?.start == .allDay(CalendarDate(year: 2026, month: 3, day: 5)!))
        #expect(allDay?.end == .allDay(CalendarDate(year: 2026, month: 3, day: 7)!))
        #expect(allDay?.title == "Event trip")
        #expect(scenario.steps.contains { $0.action == .reconcileNow(account: nil) })
        #expect(
            scenario.steps.contains {
                $0.action == .setPolicyEdge(PolicyEdge(from: "work", to: "home", detail: .title))
            })
    }

    @Test func keepsTheLengthOfAnEventWhoseStartIsEdited() throws {
        let scenario = try ScenarioTestSupport.decode(ScenarioTestSupport.json(adding: Self.allSteps))
        let edit = scenario.steps.compactMap { step -> ScenarioEventChanges? in
            if case .editEvent(event: "standup", let changes) = step.action { return changes }
            return nil
        }.first
        let start = Timestamp(secondsSinceEpoch: 1_772_546_400 + 3_600)
        #expect(edit?.start == .timed(start, timeZone: "America/New_York"))
        #expect(edit?.end?.instant == start.adding(.seconds(900)))
        #expect(edit?.title == "Standup (moved)")
    }

    @Test func readsFaultsWithTimingTargetsAndParameters() throws {
        let scenario = try ScenarioTestSupport.decode(
            ScenarioTestSupport.json(
                adding: """
                    "faults": [
                      {"kind": "timeout-after-apply", "target": {"provider": "google"},
                       "window": {"from": "PT1H", "to": "2026-03-03T08:00:00Z"}, "probability": "1/20"},
                      {"kind": "rate-limit", "target": {"account": "home"}, "status": 403, "retryAfter": {"min": "PT1S", "max": "PT9S"}},
                      {"kind": "latency", "latency": "PT0.2S"},
                      {"kind": "crash", "target": {"component": "write-consumer"}, "at": "P1D"},
                      {"kind": "clock-skew", "target": {"provider": "microsoft"}, "offset": "-PT2M", "driftPPM": -50},
                      {"kind": "clock-jump", "target": {"component": "cron"}, "at": "PT12H", "by": "-PT1H"}
                    ]
                    """))
        let faults = scenario.faults
        #expect(faults.map(\.kind) == [.timeoutAfterApply, .rateLimit, .latency, .crash, .clockSkew, .clockJump])
        #expect(faults[0].timing == .window(from: .seconds(3_600), to: .seconds(86_400)))
        #expect(faults[0].probability == Ratio(1, 20))
        #expect(faults[0].target == FaultTarget(provider: .google))
        #expect(faults[1].timing == .window(from: .zero, to: scenario.duration))
        #expect(faults[1].probability == .always)
        #expect(faults[1].parameters.status == 403)
        #expect(faults[1].parameters.retryAfter == DelayRange(.seconds(1), .seconds(9)))
        #expect(faults[2].parameters.latency == .exactly(.milliseconds(200)))
        #expect(faults[3].timing == .at(.seconds(86_400)))
        #expect(faults[3].target.component == .writeConsumer)
        #expect(faults[4].parameters.offset == .seconds(-120))
        #expect(faults[4].parameters.driftPartsPerMillion == -50)
        #expect(faults[5].parameters.by == .seconds(-3_600))
        #expect(faults[0].isActive(at: .seconds(3_600)) && !faults[0].isActive(at: .seconds(86_400)))
    }

    @Test func readsExpectations() throws {
        let all = try ScenarioTestSupport.decode(
            ScenarioTestSupport.json(
                adding: """
                    "expect": {"invariants": ["M", "D", "A"], "convergenceDeadline": "PT6H", "maxWritesPerChange": 4,
                               "maxProviderCalls": 5000, "maxDeadLetters": 0}
                    """))
        #expect(all.expect.invariants == [.a, .d, .m])
        #expect(all.expect.convergenceDeadline == .seconds(21_600))
        #expect(
            all.expect.maxWritesPerChange == 4 && all.expect.maxProviderCalls == 5_000 && all.expect.maxDeadLetters == 0
        )
        let demo = try ScenarioTestSupport.decode(
            ScenarioTestSupport.json(adding: #""expect": {"mustFire": "D", "defect": "non-idempotent-create"}"#))
        #expect(demo.expect.mustFire == .d)
        #expect(demo.expect.defect == "non-idempotent-create")
        let everything = try ScenarioTestSupport.decode(
            ScenarioTestSupport.json(adding: #""expect": {"invariants": "all"}"#))
        #expect(everything.expect.invariants == InvariantID.allCases)
    }

    @Test func loadsEveryExampleScenarioInTheRepository() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios").path
        let (scenarios, errors) = ScenarioLoader.loadAll([directory])
        #expect(errors.isEmpty, "\(errors)")
        #expect(scenarios.count >= 4)
        for scenario in scenarios {
            #expect(
                scenario.sourcePath?.hasSuffix("/\(scenario.name).json") == true, "file named after \(scenario.name)")
        }
    }

    static let allSteps = """
        "steps": [
          {"at": "PT1H", "action": "create-event", "event": "standup", "account": "work", "calendar": 1,
           "title": "Standup", "start": "2026-03-03T09:00:00", "length": "PT15M", "recurrence": "RRULE:FREQ=DAILY;COUNT=5"},
          {"at": "PT1H", "action": "create-event", "event": "trip", "account": "home", "start": "2026-03-05", "length": "P2D"},
          {"at": "PT2H", "action": "edit-event", "event": "standup", "title": "Standup (moved)", "start": "2026-03-03T10:00:00"},
          {"at": "PT3H", "action": "move-event", "event": "standup", "toCalendar": 0},
          {"at": "PT4H", "action": "edit-occurrence", "event": "standup", "occurrence": 2, "location": "Room 4"},
          {"at": "PT5H", "action": "cancel-occurrence", "event": "standup", "occurrence": 3},
          {"at": "PT6H", "action": "edit-mirror", "event": "standup", "account": "home"},
          {"at": "PT7H", "action": "delete-mirror", "event": "trip", "account": "work"},
          {"at": "PT8H", "action": "delete-overlay-calendar", "account": "home"},
          {"at": "PT9H", "action": "set-policy-edge", "from": "work", "to": "home", "detail": "TITLE"},
          {"at": "PT10H", "action": "remove-policy-edge", "from": "home", "to": "work"},
          {"at": "PT11H", "action": "revoke-token", "account": "home"},
          {"at": "PT12H", "action": "reauthorize", "account": "home"},
          {"at": "PT13H", "action": "unlink-account", "account": "home"},
          {"at": "PT14H", "action": "reconcile-now"},
          {"at": "PT15H", "action": "reconcile-now", "account": "work"},
          {"at": "PT15H", "action": "lifecycle-notification", "account": "home", "lifecycle": "missed"},
          {"at": "P1D", "action": "delete-event", "event": "trip"},
          {"at": "PT16H", "action": "create-through-tminus", "event": "review", "account": "work",
           "title": "Review", "start": "2026-03-04T11:00:00", "length": "PT1H"},
          {"at": "PT17H", "action": "edit-through-tminus", "event": "review", "title": "Review (short)", "length": "PT30M"},
          {"at": "PT18H", "action": "delete-through-tminus", "event": "review"},
          {"at": "PT0S", "action": "link-account", "account": "home"}
        ]
        """
}
