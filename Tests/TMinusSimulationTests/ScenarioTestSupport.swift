import TMinusCore
import TMinusSimulation

/// Builders shared by the scenario and report tests.
enum ScenarioTestSupport {
    /// A small valid scenario: one user with a Google and a Microsoft account.
    static let minimalJSON = """
        {
          "name": "minimal",
          "description": "Two accounts, nothing else.",
          "duration": "P2D",
          "users": [{"id": "u", "accounts": [
            {"id": "work", "provider": "google", "calendars": 2, "timeZone": "America/New_York"},
            {"id": "home", "provider": "microsoft"}
          ]}]
        }
        """

    /// `minimalJSON` with extra top-level members spliced in (e.g. `"steps": [...]`).
    static func json(adding members: String) -> String {
        var text = minimalJSON
        let end = text.lastIndex(of: "}")!
        text.insert(contentsOf: ",\n" + members + "\n", at: end)
        return text
    }

    /// Decodes `text` as file `test.json`.
    static func decode(_ text: String) throws -> Scenario {
        try ScenarioDecoder.decode(text: text, file: "test.json")
    }

    /// The issues decoding `text` reports (empty when it is valid).
    static func issues(_ text: String) -> [ScenarioIssue] {
        do {
            _ = try ScenarioDecoder.decode(text: text, file: "test.json")
            return []
        } catch {
            return error.issues
        }
    }

    /// The issue at `path`, if any.
    static func issue(at path: String, in text: String) -> ScenarioIssue? {
        issues(text).first { $0.path == path }
    }

    /// A run result as the runner would build it, from an outcome.
    static func result(
        scenario: Scenario, seed: UInt64 = 42, outcome: ScenarioOutcome?, kernelFailure: String? = nil
    ) -> ScenarioRunResult {
        ScenarioRunResult(
            scenario: scenario.name, description: scenario.description, file: scenario.sourcePath, seed: seed,
            convergenceDeadline: scenario.expect.convergenceDeadline,
            digest: String(repeating: "ab", count: 32), traceLines: 1_234,
            virtualTime: scenario.duration + .seconds(3_600),
            kernelFailure: kernelFailure, outcome: outcome,
            evaluation: ScenarioEvaluator.evaluate(scenario, outcome: outcome, kernelFailure: kernelFailure),
            recentTrace: ["2026-03-02T08:00:00.000000000Z network GET x 200 10us"],
            replayCommand: ScenarioRunner.replayCommand(file: scenario.sourcePath ?? "x.json", seed: seed))
    }
}

/// A scenario executor for tests: no world, no sleeping; it derives a plausible outcome from the
/// scenario and the seed alone (so runner, evaluation and report code can be exercised in-process).
///
/// Seeds divisible by `failEvery` report a violation of invariant D; every outcome carries queue,
/// call, error, drift and writes-per-change series sampled hourly over the fault phase.
struct StubExecutorForTests: ScenarioExecutor {
    var failEvery: UInt64 = 0

    func execute(_ scenario: Scenario, context: ScenarioRunContext) async -> ScenarioOutcome {
        outcome(for: scenario, seed: context.seed)
    }

    func outcome(for scenario: Scenario, seed: UInt64) -> ScenarioOutcome {
        var random = Xoshiro256StarStar(seed: seed)
        let hours = max(1, Int(scenario.duration.nanoseconds / 3_600_000_000_000))
        func series(_ plot: PlotKind, _ label: String, cumulative: Bool) -> TimeSeries {
            var value: Int64 = 0
            let points = (0...hours).map { hour -> SeriesPoint in
                let step = Int64(random.below(5))
                value = cumulative ? value + step : step
                return SeriesPoint(at: .seconds(Int64(hour) * 3_600), value: value)
            }
            return TimeSeries(plot: plot, label: label, points: points)
        }
        let failing = failEvery > 0 && seed % failEvery == 0
        let violations =
            failing
            ? [
                InvariantViolation(
                    invariant: .d, at: .seconds(7_200), objects: ["evt_01", "home/ev1"],
                    message: "two live mirrors of evt_01 in home", recentTrace: ["… write-consumer insert home <&>"])
            ] : []
        return ScenarioOutcome(
            verdict: failing ? .fail : .pass, violations: violations,
            convergenceTime: .seconds(5_400 + Int64(seed % 7) * 60),
            faultPhaseEnded: scenario.duration, virtualDuration: scenario.duration + .seconds(7_200),
            counters: ScenarioCounters(
                providerCalls: ["google": 120 + Int(seed % 10), "microsoft": 80], providerErrors: ["google": 3],
                writes: 40, userChanges: 20, maxWritesPerChange: 2, driftFound: 2, driftRepaired: 2, deadLetters: 0,
                pushesReceived: 17),
            series: [
                series(.queueDepths, "sync", cumulative: false), series(.queueDepths, "write", cumulative: false),
                series(.providerCalls, "google", cumulative: true),
                series(.providerCalls, "microsoft", cumulative: true),
                series(.providerErrors, "google", cumulative: true), series(.drift, "found", cumulative: true),
                series(.drift, "repaired", cumulative: true), series(.writesPerChange, "max", cumulative: false),
            ],
            notes: ["safety checks after every step"])
    }
}
