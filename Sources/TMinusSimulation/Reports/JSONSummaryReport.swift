public import TMinusCore

/// The machine-readable summary of a `sim run` invocation (`reports/summary.json`).
///
/// Versioned: `schema` is always `tminus-sim-report` and ``version`` grows when a field changes
/// meaning or disappears (adding fields keeps the version). Version 2: `counters.providerCalls`
/// and `providerErrors` are keyed by provider (`google`, `microsoft`, `caldav`), and each run
/// carries its sampled `series` (plot, label, `atMilliseconds` and `values` as parallel arrays). Seeds are decimal strings (they may
/// exceed 2^53, which JavaScript numbers cannot hold); durations appear both as ISO 8601 text and
/// as integer nanoseconds. Keys are sorted and the text is indented (``PrettyJSON``). The schema is
/// documented in `docs/scenarios.md`.
public enum JSONSummaryReport: Sendable {
    /// The schema name.
    public static let schema = "tminus-sim-report"
    /// The schema version.
    public static let version: Int64 = 2

    /// The report text.
    public static func render(_ results: [ScenarioRunResult], options: ReportOptions) -> String {
        PrettyJSON.render(document(results, options: options))
    }

    /// The report as a JSON value.
    public static func document(_ results: [ScenarioRunResult], options: ReportOptions) -> JSONValue {
        var members: [String: JSONValue] = [
            "schema": .string(schema),
            "version": .int(version),
            "command": .string(options.command),
            "summary": summary(results),
            "runs": .array(results.map(run)),
        ]
        if let generated = options.generated {
            members["generated"] = .object([
                "at": .string(generated.at),
                "wallTimeMilliseconds": .int(generated.wallTime.nanoseconds / 1_000_000),
                "runs": .array(
                    results.map { result in
                        .object([
                            "scenario": .string(result.scenario), "seed": .string(String(result.seed)),
                            "wallTimeMilliseconds": result.wallTime.map { .int($0.nanoseconds / 1_000_000) } ?? .null,
                        ])
                    }),
            ])
        }
        return .object(members)
    }

    static func summary(_ results: [ScenarioRunResult]) -> JSONValue {
        let verdicts = results.map(\.evaluation.verdict)
        return .object([
            "runs": .int(Int64(results.count)),
            "passed": .int(Int64(verdicts.filter { $0 == .pass }.count)),
            "failed": .int(Int64(verdicts.filter { $0 == .fail }.count)),
            "incomplete": .int(Int64(verdicts.filter { $0 == .incomplete }.count)),
            "scenarios": .int(Int64(Set(results.map(\.scenario)).count)),
            "violations": .int(Int64(results.reduce(0) { $0 + ($1.outcome?.violations.count ?? 0) })),
        ])
    }

    static func run(_ result: ScenarioRunResult) -> JSONValue {
        var members: [String: JSONValue] = [
            "scenario": .string(result.scenario),
            "description": .string(result.description),
            "file": result.file.map(JSONValue.string) ?? .null,
            "seed": .string(String(result.seed)),
            "verdict": .string(result.evaluation.verdict.rawValue),
            "digest": .string(result.digest),
            "traceLines": .int(Int64(result.traceLines)),
            "replay": .string(result.replayCommand),
            "kernelFailure": result.kernelFailure.map(JSONValue.string) ?? .null,
            "failures": .array(result.evaluation.failures.map(failure)),
            "invariants": invariants(result.evaluation.invariants),
        ]
        members.merge(duration("virtualTime", result.virtualTime)) { $1 }
        members.merge(duration("cutAt", result.cutAt)) { $1 }
        if let outcome = result.outcome {
            members.merge(duration("convergenceTime", outcome.convergenceTime)) { $1 }
            members["violations"] = .array(outcome.violations.map(violation))
            members["counters"] = counters(outcome.counters)
            members["notes"] = .array(outcome.notes.map(JSONValue.string))
            members["series"] = .array(outcome.series.map(series))
        } else {
            members.merge(duration("convergenceTime", nil)) { $1 }
            members["violations"] = .array([])
            members["counters"] = .null
            members["notes"] = .array([])
            members["series"] = .array([])
        }
        return .object(members)
    }

    /// `name` (ISO 8601 text) and `nameNanoseconds`, both null when absent.
    static func duration(_ name: String, _ value: Duration?) -> [String: JSONValue] {
        [
            name: value.map { .string(ISO8601Duration.format($0)) } ?? .null,
            name + "Nanoseconds": value.map { .int($0.nanoseconds) } ?? .null,
        ]
    }

    static func failure(_ failure: ScenarioFailure) -> JSONValue {
        .object([
            "kind": .string(failure.kind.rawValue),
            "invariant": failure.invariant.map { .string($0.rawValue) } ?? .null,
            "message": .string(failure.message),
        ])
    }

    static func invariants(_ results: [InvariantResult]) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for result in results {
            members[result.id.rawValue] = .object([
                "name": .string(result.id.name), "status": .string(result.status.rawValue),
                "violations": .int(Int64(result.violations)),
            ])
        }
        return .object(members)
    }

    static func violation(_ violation: InvariantViolation) -> JSONValue {
        var members: [String: JSONValue] = [
            "invariant": .string(violation.invariant.rawValue),
            "message": .string(violation.message),
            "objects": .array(violation.objects.map(JSONValue.string)),
            "trace": .array(violation.recentTrace.map(JSONValue.string)),
        ]
        members.merge(duration("at", violation.at)) { $1 }
        return .object(members)
    }

    static func counters(_ counters: ScenarioCounters) -> JSONValue {
        func byProvider(_ counts: [String: Int]) -> JSONValue {
            .object(counts.mapValues { .int(Int64($0)) })
        }
        return .object([
            "providerCalls": byProvider(counters.providerCalls),
            "providerErrors": byProvider(counters.providerErrors),
            "writes": .int(Int64(counters.writes)),
            "userChanges": .int(Int64(counters.userChanges)),
            "maxWritesPerChange": .int(Int64(counters.maxWritesPerChange)),
            "driftFound": .int(Int64(counters.driftFound)),
            "driftRepaired": .int(Int64(counters.driftRepaired)),
            "deadLetters": .int(Int64(counters.deadLetters)),
            "pushesReceived": .int(Int64(counters.pushesReceived)),
        ])
    }

    /// One sampled series: `{"plot", "label", "atMilliseconds": [...], "values": [...]}` (parallel
    /// arrays, times as virtual offsets from the start).
    static func series(_ series: TimeSeries) -> JSONValue {
        .object([
            "plot": .string(series.plot.rawValue),
            "label": .string(series.label),
            "atMilliseconds": .array(series.points.map { .int($0.at.nanoseconds / 1_000_000) }),
            "values": .array(series.points.map { .int($0.value) }),
        ])
    }
}
