public import TMinusCore

/// Runs generated scenarios: the library behind `tminus sim fuzz` (and `tminus bench`'s fuzz
/// seeds per minute). For each fuzz seed it generates the scenario (``ScenarioGenerator``), runs it
/// with that seed through a ``ScenarioRunner`` and tells whether and how it failed; a failure can
/// then be shrunk (``shrink(_:shrinker:)``) to a small scenario that fails the same way.
///
/// Needs ``SimulationRuntime/installIfNeeded()`` first, like every ``ScenarioRunner``. Runs happen
/// one after another. Deterministic: a fuzz seed gives the same scenario and the same result on
/// every run of the same binary. It never reads a clock; callers that want wall times or a time
/// budget measure around ``run(seed:)``.
public struct FuzzCampaign: Sendable {
    /// What makes the scenarios.
    public var generator: ScenarioGenerator
    /// What runs them.
    public let runner: ScenarioRunner
    /// A seeded defect switched on around every run (binaries built with `-DTMINUS_SEEDED_DEFECTS`
    /// only; in a normal build switching it on does nothing).
    public var defect: SeededDefect?

    /// A campaign over the fault kinds `executor` injects.
    public init(executor: any ScenarioExecutor, generator: ScenarioGenerator? = nil, defect: SeededDefect? = nil) {
        self.generator = generator ?? ScenarioGenerator(faultKinds: FaultKind.allCases.filter(executor.injects))
        self.runner = ScenarioRunner(executor: executor)
        self.defect = defect
    }

    /// The scenario fuzz seed `seed` stands for.
    public func scenario(seed: UInt64) -> Scenario { generator.scenario(seed: seed) }

    /// Generates and runs fuzz seed `seed`.
    public func run(seed: UInt64) -> FuzzRun {
        let scenario = self.scenario(seed: seed)
        let result = run(scenario, seed: seed)
        return FuzzRun(seed: seed, scenario: scenario, result: result)
    }

    /// Runs `scenario` with `seed`, with the campaign's defect switched on.
    public func run(_ scenario: Scenario, seed: UInt64) -> ScenarioRunResult {
        let previous = Defects.current
        Defects.activate(DefectSwitch(active: defect))
        defer { Defects.activate(previous) }
        return runner.run(scenario, seed: seed)
    }

    /// Runs every seed of `seeds` in order until `shouldStop` says so (asked before each seed), and
    /// hands each run to `onRun`. Returns how many ran and failed.
    @discardableResult
    public func run(
        seeds: some Sequence<UInt64>, shouldStop: () -> Bool = { false }, onRun: (FuzzRun) -> Void = { _ in }
    ) -> FuzzTally {
        var tally = FuzzTally()
        for seed in seeds {
            if shouldStop() { break }
            let run = self.run(seed: seed)
            tally.runs += 1
            if !run.passed { tally.failures += 1 }
            onRun(run)
        }
        return tally
    }

    /// Shrinks a failed run to a smaller scenario that fails with the same signature when run with
    /// the same seed. `onAttempt` is told each candidate's outcome (for progress output).
    public func shrink(
        _ run: FuzzRun, shrinker: ScenarioShrinker = ScenarioShrinker(), onAttempt: (Bool) -> Void = { _ in }
    ) -> ScenarioShrinker.Result? {
        guard let signature = run.signature else { return nil }
        return shrinker.shrink(run.scenario) { candidate in
            let fails = signature.matches(self.run(candidate, seed: run.seed))
            onAttempt(fails)
            return fails
        }
    }
}

/// One generated scenario and how its run went.
public struct FuzzRun: Sendable {
    /// The fuzz seed (also the run's seed and the scenario's default seed).
    public var seed: UInt64
    /// The generated scenario.
    public var scenario: Scenario
    /// The run's result.
    public var result: ScenarioRunResult

    /// Whether the run passed.
    public var passed: Bool { result.passed }
    /// How it failed, or nil when it passed.
    public var signature: FuzzFailureSignature? { FuzzFailureSignature(result) }
}

/// How many fuzz runs ran and failed.
public struct FuzzTally: Hashable, Sendable {
    /// Runs made.
    public var runs = 0
    /// Runs that failed.
    public var failures = 0
}
