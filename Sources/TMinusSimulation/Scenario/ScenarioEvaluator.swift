/// Computes a run's ``ScenarioEvaluation`` from the scenario, the executor's outcome and the
/// kernel's failure (the rules are documented on ``ScenarioEvaluation``). Pure.
public enum ScenarioEvaluator: Sendable {
    /// Evaluates one run.
    /// - Parameters:
    ///   - outcome: the executor's report, or nil when its root task did not return.
    ///   - kernelFailure: the simulator's failure description, if any.
    ///   - cut: true when the run was stopped on purpose (`--until`) before it ended.
    public static func evaluate(
        _ scenario: Scenario, outcome: ScenarioOutcome?, kernelFailure: String?, cut: Bool = false
    ) -> ScenarioEvaluation {
        let expect = scenario.expect
        var failures: [ScenarioFailure] = []
        if let kernelFailure { failures.append(ScenarioFailure(kind: .kernel, message: kernelFailure)) }
        guard let outcome else {
            if !cut && kernelFailure == nil {
                failures.append(ScenarioFailure(kind: .executor, message: "the executor returned no outcome"))
            }
            let unchecked = InvariantID.allCases.map { InvariantResult(id: $0, status: .notChecked, violations: 0) }
            let verdict: ScenarioEvaluation.Verdict = failures.isEmpty ? .incomplete : .fail
            return ScenarioEvaluation(verdict: verdict, failures: failures, invariants: unchecked)
        }
        let results = invariantResults(outcome, expect: expect)
        if let target = expect.mustFire {
            if !outcome.violations.contains(where: { $0.invariant == target }) && !cut {
                failures.append(
                    ScenarioFailure(
                        kind: .mustFire, invariant: target,
                        message: "the seeded defect was not caught: invariant \(target) never fired"))
            }
        } else {
            failures += invariantFailures(outcome, expect: expect)
            if outcome.verdict == .fail && outcome.violations.isEmpty {
                let notes = outcome.notes.isEmpty ? "no details given" : outcome.notes.joined(separator: "; ")
                failures.append(ScenarioFailure(kind: .executor, message: "the executor reported a failure: \(notes)"))
            }
            if !cut {
                failures += convergenceFailures(outcome, expect: expect) + boundFailures(outcome, expect: expect)
            }
        }
        return ScenarioEvaluation(verdict: failures.isEmpty ? .pass : .fail, failures: failures, invariants: results)
    }

    private static func invariantResults(_ outcome: ScenarioOutcome, expect: ScenarioExpectations) -> [InvariantResult]
    {
        InvariantID.allCases.map { id in
            let count = outcome.violations.filter { $0.invariant == id }.count
            let status: InvariantResult.Status
            if let target = expect.mustFire, target == id {
                status = count > 0 ? .fired : .missed
            } else if count > 0 {
                status = expect.mustFire == nil && expect.invariants.contains(id) ? .violated : .ignored
            } else {
                status = outcome.checkedInvariants.contains(id) ? .held : .notChecked
            }
            return InvariantResult(id: id, status: status, violations: count)
        }
    }

    /// One failure per violated expected invariant: its first violation, and how many more.
    private static func invariantFailures(_ outcome: ScenarioOutcome, expect: ScenarioExpectations) -> [ScenarioFailure]
    {
        var failures: [ScenarioFailure] = []
        for id in expect.invariants {
            let violations = outcome.violations.filter { $0.invariant == id }
            guard let first = violations.first else { continue }
            var message = "violated at +\(ISO8601Duration.format(first.at)): \(first.message)"
            if !first.objects.isEmpty { message += " [\(first.objects.joined(separator: ", "))]" }
            if violations.count > 1 { message += " (and \(violations.count - 1) more)" }
            failures.append(ScenarioFailure(kind: .invariant, invariant: id, message: message))
        }
        return failures.sorted { first, second in
            let a = outcome.violations.firstIndex { $0.invariant == first.invariant } ?? 0
            let b = outcome.violations.firstIndex { $0.invariant == second.invariant } ?? 0
            return a < b
        }
    }

    private static func convergenceFailures(_ outcome: ScenarioOutcome, expect: ScenarioExpectations)
        -> [ScenarioFailure]
    {
        guard expect.invariants.contains(.m) else { return [] }
        let deadline = ISO8601Duration.format(expect.convergenceDeadline)
        guard let time = outcome.convergenceTime else {
            if outcome.violations.contains(where: { $0.invariant == .m }) { return [] }
            return [
                ScenarioFailure(
                    kind: .convergence, invariant: nil, message: "the run did not converge within \(deadline)")
            ]
        }
        guard time > expect.convergenceDeadline else { return [] }
        return [
            ScenarioFailure(
                kind: .convergence,
                message: "converged after \(ISO8601Duration.format(time)), later than the deadline \(deadline)")
        ]
    }

    private static func boundFailures(_ outcome: ScenarioOutcome, expect: ScenarioExpectations) -> [ScenarioFailure] {
        let counters = outcome.counters
        let checks: [(String, Int?, Int)] = [
            ("writes per change", expect.maxWritesPerChange, counters.maxWritesPerChange),
            ("provider calls", expect.maxProviderCalls, counters.totalProviderCalls),
            ("dead letters", expect.maxDeadLetters, counters.deadLetters),
        ]
        return checks.compactMap { name, bound, actual in
            guard let bound, actual > bound else { return nil }
            return ScenarioFailure(kind: .bound, message: "\(name) reached \(actual), above the bound \(bound)")
        }
    }
}
