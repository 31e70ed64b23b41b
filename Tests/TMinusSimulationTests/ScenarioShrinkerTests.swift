import TMinusCore
import TMinusSimulation
import Testing

/// The shrinker against injected oracles (no simulation): it finds small failing scenarios, keeps
/// what the failure needs (and what that depends on), tries only valid candidates, is
/// deterministic, and respects its budget.
struct ScenarioShrinkerTests {
    /// A big generated scenario with at least one create-event step and a timeout-after-apply fault.
    static let big: Scenario = {
        var scenario = ScenarioGenerator().scenario(seed: 4)
        scenario.faults.append(
            ScenarioFault(
                kind: .timeoutAfterApply, target: FaultTarget(account: scenario.accounts[0].id),
                timing: .window(from: .seconds(3_600), to: scenario.duration), probability: Ratio(1, 5)))
        scenario.workload = ScenarioWorkload()
        return scenario
    }()

    static func creates(_ scenario: Scenario) -> [ScenarioEventSpec] {
        scenario.steps.compactMap { step in
            if case .createEvent(let spec) = step.action { return spec }
            return nil
        }
    }

    /// "Fails" when a create-event step and a timeout-after-apply fault are both present.
    static func needsACreateAndALostResponse(_ scenario: Scenario) -> Bool {
        !creates(scenario).isEmpty && scenario.faults.contains { $0.kind == .timeoutAfterApply }
    }

    @Test func shrinksToTheOneStepAndTheOneFaultTheFailureNeeds() {
        let original = Self.big
        #expect(original.steps.count >= 8 && original.accounts.count >= 3 && original.faults.count >= 2)
        let result = ScenarioShrinker().shrink(original, stillFails: Self.needsACreateAndALostResponse)
        let shrunk = result.scenario
        #expect(Self.needsACreateAndALostResponse(shrunk))
        #expect(shrunk.steps.count == 1)
        #expect(shrunk.faults.map(\.kind) == [.timeoutAfterApply])
        #expect(shrunk.workload == nil)
        #expect(shrunk.accounts.count == 1)
        #expect(shrunk.duration < original.duration)
        #expect(!result.budgetExhausted)
        #expect(result.accepted > 0 && result.attempts >= result.accepted)
    }

    @Test func everyCandidateIsAValidScenarioThatRoundTripsThroughAFile() {
        var candidates = 0
        _ = ScenarioShrinker().shrink(Self.big) { candidate in
            candidates += 1
            let decoded = try? ScenarioDecoder.decode(text: ScenarioEncoder.encode(candidate), file: "c.json")
            #expect(decoded.map { Self.sameApartFromPath($0, candidate) } == true)
            return Self.needsACreateAndALostResponse(candidate)
        }
        #expect(candidates > 5)
    }

    static func sameApartFromPath(_ a: Scenario, _ b: Scenario) -> Bool {
        var a = a
        a.sourcePath = b.sourcePath
        return a == b
    }

    @Test func keepsTheCreateAnEditDependsOn() {
        let result = ScenarioShrinker().shrink(Self.big) { candidate in
            candidate.steps.contains { if case .editEvent = $0.action { return true } else { return false } }
        }
        let actions = result.scenario.steps.map(\.action.name)
        #expect(actions == ["create-event", "edit-event"])
    }

    @Test func shortensAFaultWindowToTheStretchTheFailureNeeds() {
        let instant = Duration.seconds(5 * 3_600 + 600)
        let result = ScenarioShrinker().shrink(Self.big) { candidate in
            candidate.faults.contains { fault in
                fault.kind == .timeoutAfterApply && fault.isActive(at: instant)
            }
        }
        let fault = result.scenario.faults.first
        guard case .window(let from, let to)? = fault?.timing else {
            Issue.record("expected a window fault, got \(String(describing: fault))")
            return
        }
        #expect(from <= instant && instant < to)
        #expect(to - from <= .seconds(900))
        #expect(result.scenario.steps.isEmpty)
    }

    @Test func isDeterministic() {
        let first = ScenarioShrinker().shrink(Self.big, stillFails: Self.needsACreateAndALostResponse)
        let second = ScenarioShrinker().shrink(Self.big, stillFails: Self.needsACreateAndALostResponse)
        #expect(first.scenario == second.scenario)
        #expect(first.attempts == second.attempts && first.accepted == second.accepted)
    }

    @Test func stopsWhenTheBudgetIsSpent() {
        var calls = 0
        let result = ScenarioShrinker(maximumAttempts: 4).shrink(Self.big) { candidate in
            calls += 1
            return Self.needsACreateAndALostResponse(candidate)
        }
        #expect(calls == 4 && result.attempts == 4)
        #expect(result.budgetExhausted)
    }

    @Test func returnsTheInputWhenNothingSmallerFails() {
        let result = ScenarioShrinker().shrink(Self.big) { _ in false }
        #expect(result.scenario == Self.big)
        #expect(result.accepted == 0 && result.attempts > 0 && !result.budgetExhausted)
    }

    @Test func removesAccountsTogetherWithWhatIsAimedAtThem() {
        let keep = Self.big.accounts[1].id
        let result = ScenarioShrinker().shrink(Self.big) { candidate in candidate.account(keep) != nil }
        let shrunk = result.scenario
        #expect(shrunk.accounts.map(\.id) == [keep])
        #expect(shrunk.steps.isEmpty && shrunk.faults.isEmpty && shrunk.workload == nil)
        #expect(shrunk.users[0].policy.edges.isEmpty)
    }
}
