import TMinusCore
import TMinusSimulation
import Testing

/// The fault catalogue's consistency, the verdict rules, and the runner outside the simulator.
struct ScenarioHarnessTests {
    private typealias Support = ScenarioTestSupport

    @Test func catalogueHasOneConsistentEntryPerFaultKindInSeverityOrder() {
        #expect(FaultKind.allCases.map(\.rawValue) == Array(0..<FaultKind.allCases.count))
        #expect(Set(FaultKind.names).count == FaultKind.allCases.count)
        for kind in FaultKind.allCases {
            #expect(FaultKind(name: kind.description) == kind)
            #expect(kind.description.allSatisfy { $0.isLowercase || $0 == "-" }, "\(kind)")
            #expect(!kind.recovery.isEmpty && kind.recovery.hasSuffix("."), "\(kind)")
            #expect(Set(kind.requiredParameters).isSubset(of: kind.parameters), "\(kind)")
            #expect(Set(kind.requiresOneOf).isSubset(of: kind.parameters), "\(kind)")
            #expect(Set(kind.requiredTargets).isSubset(of: kind.targets), "\(kind)")
            #expect(kind.parameters.contains(.status) == !kind.allowedStatuses.isEmpty, "\(kind)")
        }
        #expect(
            FaultKind.latency < FaultKind.timeoutAfterApply && FaultKind.timeoutAfterApply < FaultKind.tokenRevocation)
        #expect(FaultKind(name: "nonsense") == nil)
    }

    @Test func catalogueCoversEveryCategoryOfTheSpecification() {
        let categories = Set(FaultKind.allCases.map(\.category))
        #expect(categories == Set(FaultKind.Category.allCases))
        for name in [
            "timeout-before-apply", "timeout-after-apply", "connection-reset", "truncated-body", "malformed-body",
            "duplicate-delivery", "server-errors", "rate-limit", "quota-exhausted", "stale-sync-token",
            "access-token-expiry", "token-revocation", "precondition-failure", "eventual-consistency",
            "pagination-change", "push-loss", "push-duplication", "push-delay", "push-reorder", "dead-channel",
            "channel-expiry", "forged-notification", "crash", "queue-redelivery", "clock-skew", "clock-jump",
            "mirror-edit", "mirror-deletion", "overlay-calendar-deletion", "event-move", "recurring-instance-edit",
        ] {
            #expect(FaultKind(name: name) != nil, "\(name) is in simulation.md's catalogue")
        }
    }

    @Test func passesWhenEveryExpectationHolds() throws {
        let scenario = try Support.decode(Support.minimalJSON)
        let outcome = StubExecutorForTests().outcome(for: scenario, seed: 1)
        let evaluation = ScenarioEvaluator.evaluate(scenario, outcome: outcome, kernelFailure: nil)
        #expect(evaluation.verdict == .pass)
        #expect(evaluation.failures.isEmpty)
        #expect(evaluation.invariants.map(\.status) == Array(repeating: .held, count: 14))
    }

    @Test func failsOnAnExpectedInvariantAndIgnoresOthers() throws {
        var scenario = try Support.decode(Support.minimalJSON)
        let outcome = StubExecutorForTests(failEvery: 1).outcome(for: scenario, seed: 3)
        let failing = ScenarioEvaluator.evaluate(scenario, outcome: outcome, kernelFailure: nil)
        #expect(failing.verdict == .fail)
        #expect(failing.failures.first?.invariant == .d)
        #expect(
            failing.failures.first?.description.hasPrefix("invariant D (idempotency): violated at +PT2H: two live")
                == true)
        #expect(failing.invariants[3].status == .violated)
        scenario.expect.invariants = [.a, .m]
        let ignored = ScenarioEvaluator.evaluate(scenario, outcome: outcome, kernelFailure: nil)
        #expect(ignored.verdict == .pass)
        #expect(ignored.invariants[3].status == .ignored)
    }

    @Test func seededDefectScenarioPassesOnlyWhenItsInvariantFires() throws {
        var scenario = try Support.decode(Support.minimalJSON)
        scenario.expect = ScenarioExpectations(mustFire: .d, defect: "non-idempotent-create")
        let caught = StubExecutorForTests(failEvery: 1).outcome(for: scenario, seed: 1)
        #expect(ScenarioEvaluator.evaluate(scenario, outcome: caught, kernelFailure: nil).verdict == .pass)
        #expect(
            ScenarioEvaluator.evaluate(scenario, outcome: caught, kernelFailure: nil).invariants[3].status == .fired)
        let missed = StubExecutorForTests().outcome(for: scenario, seed: 1)
        let evaluation = ScenarioEvaluator.evaluate(scenario, outcome: missed, kernelFailure: nil)
        #expect(evaluation.verdict == .fail)
        #expect(evaluation.failures.map(\.kind) == [.mustFire])
        #expect(evaluation.invariants[3].status == .missed)
    }

    @Test func failsOnSlowConvergenceExceededBoundsAndKernelFailures() throws {
        var scenario = try Support.decode(Support.minimalJSON)
        scenario.expect.convergenceDeadline = .seconds(60)
        scenario.expect.maxProviderCalls = 10
        scenario.expect.maxWritesPerChange = 1
        scenario.expect.maxDeadLetters = 0
        let outcome = StubExecutorForTests().outcome(for: scenario, seed: 2)
        let evaluation = ScenarioEvaluator.evaluate(scenario, outcome: outcome, kernelFailure: nil)
        #expect(evaluation.failures.map(\.kind) == [.convergence, .bound, .bound])
        #expect(evaluation.failures[1].message == "writes per change reached 2, above the bound 1")
        let kernel = ScenarioEvaluator.evaluate(scenario, outcome: nil, kernelFailure: "DEADLOCK at +5ns")
        #expect(kernel.verdict == .fail && kernel.failures.map(\.kind) == [.kernel])
        #expect(kernel.invariants.allSatisfy { $0.status == .notChecked })
        let cut = ScenarioEvaluator.evaluate(scenario, outcome: nil, kernelFailure: nil, cut: true)
        #expect(cut.verdict == .incomplete)
    }

    @Test func failsWhenTheExecutorReportsAFailureWithoutViolations() throws {
        let scenario = try Support.decode(Support.minimalJSON)
        let outcome = ScenarioOutcome(
            verdict: .fail, convergenceTime: .seconds(1), virtualDuration: .seconds(10), notes: ["world setup failed"])
        let evaluation = ScenarioEvaluator.evaluate(scenario, outcome: outcome, kernelFailure: nil)
        #expect(
            evaluation.failures.map(\.description) == ["executor: the executor reported a failure: world setup failed"])
    }

    @Test func stubExecutorRunsThroughTheSeamAndDependsOnlyOnTheSeed() async throws {
        let scenario = try Support.decode(Support.minimalJSON)
        let executor: any ScenarioExecutor = StubExecutorForTests(failEvery: 2)
        let first = await executor.execute(
            scenario, context: ScenarioRunContext(seed: 4, simulator: Simulator(seed: SimulationSeed(4))))
        let again = await executor.execute(
            scenario, context: ScenarioRunContext(seed: 4, simulator: Simulator(seed: SimulationSeed(4))))
        let other = await executor.execute(
            scenario, context: ScenarioRunContext(seed: 5, simulator: Simulator(seed: SimulationSeed(5))))
        #expect(first == again)
        #expect(first != other)
        #expect(first.violations.count == 1 && other.violations.isEmpty)
    }

    @Test func runnerFailsWithAClearMessageWhenTheSimulationRuntimeIsNotInstalled() throws {
        let scenario = try Support.decode(Support.minimalJSON)
        let result = ScenarioRunner(executor: StubExecutorForTests()).run(scenario, seed: 9)
        #expect(result.evaluation.verdict == .fail)
        #expect(result.kernelFailure?.contains("SimulationRuntime.installIfNeeded()") == true)
        #expect(result.replayCommand == "tminus sim replay test.json --seed 9")
        #expect(result.seed == 9 && result.scenario == "minimal")
    }

    @Test func quotesReplayPathsForTheShell() {
        #expect(
            ScenarioRunner.replayCommand(file: "scenarios/a-b.json", seed: 1)
                == "tminus sim replay scenarios/a-b.json --seed 1")
        #expect(ScenarioRunner.shellQuoted("my dir/it's.json") == #"'my dir/it'\''s.json'"#)
        #expect(ScenarioRunner.shellQuoted("") == "''")
    }

    @Test func suggestsOnlyPlausibleSpellings() {
        #expect(EditDistance.closest(to: "acounts", among: ["id", "accounts", "policy"]) == "accounts")
        #expect(EditDistance.closest(to: "stpes", among: ["steps", "start"]) == "steps")
        #expect(EditDistance.closest(to: "xyz", among: ["steps", "start"]) == nil)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("ab", "ba") == 1)
    }
}
