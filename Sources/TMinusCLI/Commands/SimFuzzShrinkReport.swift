import TMinusCore
import TMinusSimulation

/// The end of shrinking one failure: names the shrunk scenario, writes it next to the reports,
/// loads it back from the file and runs it once more to prove the file reproduces the failure,
/// and prints what shrank and the command that runs it.
struct SimFuzzShrinkReport {
    let session: SimFuzzSession
    let failure: FuzzRun
    let signature: FuzzFailureSignature
    let result: ScenarioShrinker.Result

    func finish() {
        let io = session.io
        let path = session.directoryPrefix + "\(failure.scenario.name)-shrunk.json"
        let scenario = named(result.scenario, path: path)
        let before = failure.scenario
        let stop = result.budgetExhausted ? "budget of \(result.attempts) runs spent" : "fixpoint"
        io.print(
            "  shrunk in \(result.attempts) runs (\(result.accepted) smaller, \(stop)): "
                + "accounts \(before.accounts.count) → \(scenario.accounts.count), "
                + "steps \(before.steps.count) → \(scenario.steps.count), "
                + "faults \(before.faults.count) → \(scenario.faults.count), "
                + "workload \(before.workload == nil ? "none" : "yes") → \(scenario.workload == nil ? "none" : "yes"), "
                + "duration \(ISO8601Duration.format(before.duration)) → \(ISO8601Duration.format(scenario.duration))")
        guard session.write(scenario, to: path) else { return }
        guard reproduces(path) else {
            io.printError("  the shrunk scenario in \(path) did not fail with \(signature) when loaded from the file")
            session.noteProblem()
            return
        }
        session.noteShrunk(seed: failure.seed, path: path)
        io.print("  shrunk scenario: \(path) (checked: run from the file, it fails with \(signature))")
        var run = "  run it: tminus sim run \(ScenarioRunner.shellQuoted(path))"
        if let defect = session.campaign.defect {
            run += "  (with the defect compiled in: scripts/mutants.sh builds that binary; its expect names \(defect.rawValue))"
        }
        io.print(run)
    }

    /// The shrunk scenario as a file presents it: its own name and description, its source path
    /// and, with a seeded defect on, an `expect` that names the defect and the invariant it fires.
    private func named(_ shrunk: Scenario, path: String) -> Scenario {
        var scenario = shrunk
        scenario.name = failure.scenario.name + "-shrunk"
        scenario.description =
            "Shrunk by tminus sim fuzz from fuzz seed \(failure.seed): fails with \(signature) at seed \(failure.seed)."
        scenario.sourcePath = path
        if let defect = session.campaign.defect, case .invariant(let id) = signature {
            scenario.expect = ScenarioExpectations(mustFire: id, defect: defect.rawValue)
            scenario.description =
                "Shrunk by tminus sim fuzz from fuzz seed \(failure.seed): seeded defect \(defect.rawValue) fires \(id)."
        }
        return scenario
    }

    /// Whether the file at `path`, loaded as `sim run` would load it, fails with the signature.
    private func reproduces(_ path: String) -> Bool {
        guard let loaded = try? ScenarioLoader.load(file: path) else { return false }
        return signature.matches(session.campaign.run(loaded, seed: failure.seed))
    }
}
