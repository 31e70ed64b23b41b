import Foundation
import TMinusSimulation
import Testing

/// Every way a scenario file can be wrong is reported with the JSON path, what was expected, what
/// was found and, for typos, the closest allowed word.
struct ScenarioValidationTests {
    private typealias Support = ScenarioTestSupport

    @Test func reportsInvalidJSONWithTheFileAndPosition() {
        #expect(throws: ScenarioLoadError.self) { try Support.decode("{\"name\": 1.5}") }
        do {
            _ = try ScenarioDecoder.decode(text: "{\"name\": \"x\",\n}", file: "test.json")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.description.hasPrefix("test.json: not valid scenario JSON: "))
            #expect(error.description.contains("line 2"))
        }
    }

    @Test func reportsEveryMissingRequiredKey() {
        let paths = Support.issues("{}").map(\.path)
        #expect(paths == ["name", "description", "duration", "users"])
        #expect(Support.issue(at: "name", in: "{}")?.expected == "required key is missing")
        #expect(Support.issue(at: "(document)", in: "[1]")?.found == "an array")
        #expect(Support.issue(at: "(document)", in: "[]")?.found == "an empty array")
    }

    @Test func reportsUnknownKeysWithTheClosestAllowedOne() {
        let text = Support.minimalJSON.replacingOccurrences(of: "\"duration\"", with: "\"duraton\"")
        let issue = Support.issue(at: "duraton", in: text)
        #expect(issue?.suggestion == "duration")
        #expect(issue?.expected.hasPrefix("unknown key (allowed here: name, description, seed") == true)
        let nested = Support.minimalJSON.replacingOccurrences(of: "\"calendars\"", with: "\"calendar\"")
        #expect(Support.issue(at: "users[0].accounts[0].calendar", in: nested)?.suggestion == "calendars")
        let far = Support.json(adding: #""colour": "blue""#)
        #expect(Support.issue(at: "colour", in: far)?.suggestion == nil)
    }

    @Test func describesTheProblemWithFilePathExpectationFoundValueAndSuggestion() {
        let text = Support.json(adding: #""faults": [{"kind": "timeout-after-aply"}]"#)
        do {
            _ = try ScenarioDecoder.decode(text: text, file: "scenarios/x.json")
            Issue.record("expected an error")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("scenarios/x.json: 1 problem"))
            #expect(
                message.contains(
                    "scenarios/x.json: faults[0].kind: expected a fault kind, found \"timeout-after-aply\"; "
                        + "did you mean 'timeout-after-apply'?"))
        }
    }

    @Test(arguments: [
        (#""duration": "P1M""#, "duration", "use days"),
        (#""duration": "PT0S""#, "duration", "longer than zero"),
        (#""duration": 7"#, "duration", "ISO 8601 duration"),
        (#""seed": -1"#, "seed", "non-negative integer"),
        (#""start": "2026-03-02T08:00:00""#, "start", "RFC 3339 time with a zone"),
        (#""start": "1900-01-01T00:00:00Z""#, "start", "from 1971 to 2199"),
        (#""start": "2261-06-01T00:00:00Z""#, "start", "from 1971 to 2199"),
        (#""name": "Has Spaces""#, "name", "lowercase letters"),
        (#""description": """#, "description", "non-empty string"),
    ])
    func reportsWrongTopLevelValues(member: String, path: String, fragment: String) {
        var text = Support.minimalJSON
        let key = String(member.prefix { $0 != ":" })
        if let range = text.range(of: "\(key): ") {
            let lineEnd = text[range.upperBound...].firstIndex(of: "\n")!
            text.replaceSubrange(range.lowerBound..<lineEnd, with: member + ",")
        } else {
            text = Support.json(adding: member)
        }
        let issue = Support.issue(at: path, in: text)
        #expect(issue?.expected.contains(fragment) == true, "\(Support.issues(text))")
    }

    @Test func reportsBadUsersAndAccounts() {
        let text = """
            {"name": "u", "description": "d", "duration": "P1D", "users": [
              {"id": "a", "accounts": [{"id": "x", "provider": "gogle", "calendars": 0, "timeZone": "Mars/Base"},
                                       {"id": "w", "provider": "google"}]},
              {"id": "a", "accounts": [{"id": "w", "provider": "caldav"}], "policy": "all-pairs-bussy"},
              {"id": "b", "accounts": []}
            ]}
            """
        let issues = Support.issues(text)
        func at(_ path: String) -> ScenarioIssue? { issues.first { $0.path == path } }
        #expect(at("users[0].accounts[0].provider")?.suggestion == "google")
        #expect(at("users[0].accounts[0].calendars")?.expected.contains("from 1 to 20") == true)
        #expect(at("users[0].accounts[0].timeZone")?.found == "\"Mars/Base\"")
        #expect(at("users[1].accounts[0].id")?.expected.contains("not used before in the scenario") == true)
        #expect(at("users[1].id")?.expected.contains("user ID not used before") == true)
        #expect(at("users[1].policy")?.suggestion == "all-pairs-busy")
        #expect(at("users[2].accounts")?.expected == "expected at least one account")
    }

    @Test func reportsPolicyEdgesThatLoopOrLeaveTheUser() {
        let text = """
            {"name": "u", "description": "d", "duration": "P1D", "users": [
              {"id": "a", "accounts": [{"id": "x", "provider": "google"}, {"id": "y", "provider": "google"}],
               "policy": {"edges": [{"from": "x", "to": "x"}, {"from": "x", "to": "z"}, {"from": "y", "to": "x", "detail": "ALL"},
                                     {"from": "x", "to": "y"}, {"from": "x", "to": "y", "kind": "TRUE_MIRROR"}]}}]}
            """
        let issues = Support.issues(text)
        func at(_ path: String) -> ScenarioIssue? { issues.first { $0.path == path } }
        #expect(at("users[0].policy.edges[0].to")?.expected.contains("no self-loops") == true)
        #expect(at("users[0].policy.edges[1].to")?.expected.contains("of this user (x, y)") == true)
        #expect(at("users[0].policy.edges[2].detail")?.expected.contains("BUSY, TITLE, FULL") == true)
        #expect(at("users[0].policy.edges[4]")?.expected.contains("listed twice") == true)
    }

    @Test func aMovedEventMayMoveBackButNotToWhereItIsNow() {
        let text = Support.json(
            adding: """
                "steps": [
                  {"at": "PT1H", "action": "create-event", "event": "lunch", "account": "work", "start": "2026-03-03T12:00:00"},
                  {"at": "PT2H", "action": "move-event", "event": "lunch", "toCalendar": 1},
                  {"at": "PT3H", "action": "move-event", "event": "lunch", "toCalendar": 0},
                  {"at": "PT4H", "action": "move-event", "event": "lunch", "toCalendar": 0}
                ]
                """)
        let issues = Support.issues(text)
        #expect(issues.map(\.path) == ["steps[3].toCalendar"])
        #expect(issues.first?.expected.contains("other than the event's current one (0)") == true)
    }

    @Test func reportsStepsThatReferToUnknownAccountsOrEvents() {
        let text = Support.json(
            adding: """
                "steps": [
                  {"at": "PT1H", "action": "create-event", "event": "standup", "account": "wrok", "start": "2026-03-03T09:00:00"},
                  {"at": "PT1H", "action": "create-event", "event": "lunch", "account": "work", "start": "2026-03-03T12:00:00"},
                  {"at": "PT2H", "action": "delete-event", "event": "lnuch"},
                  {"at": "PT30M", "action": "delete-event", "event": "lunch"},
                  {"at": "PT3H", "action": "cancel-occurrence", "event": "lunch", "occurrence": 1},
                  {"at": "PT4H", "action": "edit-mirror", "event": "lunch", "account": "work"},
                  {"at": "PT5H", "action": "fly-to-moon"},
                  {"at": "P3D", "action": "reconcile-now"},
                  {"at": "PT6H", "action": "edit-event", "event": "lunch"},
                  {"at": "PT7H", "action": "move-event", "event": "lunch", "toCalendar": 0},
                  {"at": "PT8H", "action": "reconcile-now", "acount": "work"}
                ]
                """)
        let issues = Support.issues(text)
        func at(_ path: String) -> ScenarioIssue? { issues.first { $0.path == path } }
        #expect(at("steps[0].account")?.suggestion == "work")
        #expect(at("steps[0].account")?.expected.contains("declared in users (work, home)") == true)
        #expect(at("steps[2].event")?.suggestion == "lunch")
        #expect(at("steps[3].event")?.expected.contains("none so far") == true)
        #expect(at("steps[4].event")?.expected.contains("recurring") == true)
        #expect(at("steps[5].account")?.expected.contains("another account of the same user") == true)
        #expect(at("steps[6].action")?.found == "\"fly-to-moon\"")
        #expect(at("steps[7].at")?.expected.contains("within the scenario's duration P2D") == true)
        #expect(at("steps[8]")?.expected.contains("at least one change") == true)
        #expect(at("steps[9].toCalendar")?.expected.contains("other than the event's current one") == true)
        #expect(at("steps[10].acount")?.suggestion == "account")
    }

    @Test func reportsLifecycleNotificationsForTheWrongAccountOrEvent() {
        let text = Support.json(
            adding: """
                "steps": [
                  {"at": "PT1H", "action": "lifecycle-notification", "account": "work", "lifecycle": "missed"},
                  {"at": "PT2H", "action": "lifecycle-notification", "account": "home", "lifecycle": "mised"},
                  {"at": "PT3H", "action": "lifecycle-notification", "account": "home"}
                ]
                """)
        let issues = Support.issues(text)
        func at(_ path: String) -> ScenarioIssue? { issues.first { $0.path == path } }
        #expect(at("steps[0].account")?.expected.contains("a microsoft account") == true)
        #expect(at("steps[1].lifecycle")?.suggestion == "missed")
        #expect(at("steps[2].lifecycle")?.expected.contains("required") == true)
    }

    @Test func reportsEventTimesThatDoNotMakeSense() {
        let text = Support.json(
            adding: """
                "steps": [
                  {"at": "PT1H", "action": "create-event", "event": "a", "account": "work", "start": "2026-03-03T09:00:00",
                   "end": "2026-03-03T08:00:00"},
                  {"at": "PT1H", "action": "create-event", "event": "b", "account": "work", "start": "2026-03-03",
                   "length": "PT5H"},
                  {"at": "PT1H", "action": "create-event", "event": "c", "account": "work", "start": "tomorrow"},
                  {"at": "PT1H", "action": "create-event", "event": "d", "account": "work", "start": "2026-03-03",
                   "end": "2026-03-04T00:00:00Z"},
                  {"at": "PT1H", "action": "create-event", "event": "e", "account": "work", "start": "2026-03-03T09:00:00",
                   "end": "2026-03-03T10:00:00", "length": "PT1H"},
                  {"at": "PT1H", "action": "create-event", "event": "f", "account": "work", "start": "2026-03-03T09:00:00",
                   "recurrence": "FREQ=SOMETIMES"},
                  {"at": "PT1H", "action": "create-event", "event": "g", "account": "work", "start": "2026-03-03T09:00:00",
                   "calendar": 2}
                ]
                """)
        let issues = Support.issues(text)
        func at(_ path: String) -> ScenarioIssue? { issues.first { $0.path == path } }
        #expect(at("steps[0].end")?.expected == "expected the end to come after the start")
        #expect(at("steps[1].length")?.expected.contains("whole days") == true)
        #expect(at("steps[2].start")?.found == "\"tomorrow\"")
        #expect(at("steps[3].end")?.expected.contains("both dates or both date-times") == true)
        #expect(at("steps[4].length")?.expected.contains("not both") == true)
        #expect(at("steps[5].recurrence")?.expected.contains("valid RRULE") == true)
        #expect(at("steps[6].calendar")?.expected.contains("from 0 to 1") == true)
    }

    @Test func reportsFaultsThatBreakTheirKindsRules() {
        let text = Support.json(
            adding: """
                "faults": [
                  {"kind": "latency"},
                  {"kind": "crash"},
                  {"kind": "token-revocation", "target": {"account": "work"}, "window": {"from": "PT1H"}},
                  {"kind": "rate-limit", "status": 500},
                  {"kind": "connection-reset", "delay": "PT1S"},
                  {"kind": "push-loss", "window": {"from": "P1D", "to": "PT1H"}},
                  {"kind": "push-loss", "probability": "3/2"},
                  {"kind": "clock-skew", "target": {"provider": "microsoft"}},
                  {"kind": "connection-reset", "target": {"provider": "caldav"}},
                  {"kind": "connection-reset", "target": {"provider": "google", "account": "home"}},
                  {"kind": "crash", "target": {"component": "sync-consmer"}},
                  {"kind": "stale-sync-token", "at": "PT1H", "window": {}},
                  {"kind": "channel-expiry", "at": "P2D"},
                  {"kind": "clock-jump", "at": "PT1H", "by": "PT0S"},
                  {"kind": "latency", "latency": {"min": "PT2S", "max": "PT1S"}}
                ]
                """)
        let issues = Support.issues(text)
        func at(_ path: String) -> ScenarioIssue? { issues.first { $0.path == path } }
        #expect(at("faults[0].latency")?.expected == "required key is missing")
        #expect(at("faults[1].target")?.expected.contains("needs a component") == true)
        #expect(at("faults[2].window")?.expected.contains("unknown key (allowed here: kind, target, at)") == true)
        #expect(at("faults[3].status")?.expected.contains("429, 403") == true)
        #expect(at("faults[4].delay")?.expected.contains("unknown key") == true)
        #expect(at("faults[5].window.to")?.expected.contains("'from' to come before 'to'") == true)
        #expect(at("faults[6].probability")?.found == "\"3/2\"")
        #expect(at("faults[7]")?.expected.contains("at least one of offset or driftPPM") == true)
        #expect(at("faults[8].target.provider")?.expected.contains("some account uses") == true)
        #expect(at("faults[9].target.account")?.expected.contains("provider 'google'") == true)
        #expect(at("faults[10].target.component")?.suggestion == "sync-consumer")
        #expect(at("faults[11].at")?.expected.contains("not both") == true)
        #expect(at("faults[12].at")?.expected.contains("before the end of the fault phase") == true)
        #expect(at("faults[13].by")?.expected.contains("non-zero") == true)
        #expect(at("faults[14].latency.max")?.expected.contains("at least the minimum") == true)
    }

    @Test func reportsWorkloadAndExpectationProblems() {
        let workload = Support.json(
            adding:
                #""workload": {"allDayShare": "1/2", "multiDayShare": "1/2", "recurringShare": "1/10", "editShare": 3}"#
        )
        #expect(Support.issue(at: "workload.recurringShare", in: workload)?.expected.contains("at most 1") == true)
        #expect(Support.issue(at: "workload.editShare", in: workload)?.found == "3")
        // More than the world can do (once an account a 5-minute tick) is refused, not cut in silence.
        let busy = Support.json(adding: #""workload": {"eventsPerAccountPerDay": 289, "mirrorEditsPerAccountPerDay": "577/2"}"#)
        #expect(Support.issue(at: "workload.eventsPerAccountPerDay", in: busy)?.expected.contains("at most 288 a day") == true)
        #expect(Support.issue(at: "workload.mirrorEditsPerAccountPerDay", in: busy)?.expected.contains("at most 288") == true)
        #expect(Support.issues(Support.json(adding: #""workload": {"eventsPerAccountPerDay": "576/2"}"#)).isEmpty)
        let expect = Support.json(
            adding:
                #""expect": {"invariants": ["A", "Q", "A"], "mustFire": "D", "defect": "Bad Name", "maxDeadLetters": -1}"#
        )
        let issues = Support.issues(expect)
        func at(_ path: String) -> ScenarioIssue? { issues.first { $0.path == path } }
        #expect(at("expect.invariants[1]")?.expected.contains("invariant ID") == true)
        #expect(at("expect.invariants[2]")?.expected.contains("each invariant once") == true)
        #expect(at("expect.mustFire")?.expected.contains("not both") == true)
        #expect(at("expect.defect")?.found == "\"Bad Name\"")
        #expect(at("expect.maxDeadLetters") != nil)
        let defectAlone = Support.json(adding: #""expect": {"defect": "skip-hash-check"}"#)
        #expect(Support.issue(at: "expect.defect", in: defectAlone)?.expected.contains("'mustFire' too") == true)
    }

    @Test func reportsMissingFilesEmptyDirectoriesAndDuplicateNames() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-loader-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(ScenarioLoader.loadAll([empty.path]).errors == [.emptyDirectory(directory: empty.path)])
        #expect(
            ScenarioLoader.loadAll([directory.path + "/nope.json"]).errors.first?.description.contains("nope.json")
                == true)
        try Support.minimalJSON.write(to: directory.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try Support.minimalJSON.write(to: directory.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let (scenarios, errors) = ScenarioLoader.loadAll([directory.path])
        #expect(scenarios.count == 1)
        #expect(
            errors == [
                .duplicateName(name: "minimal", files: [directory.path + "/a.json", directory.path + "/b.json"])
            ])
    }
}
