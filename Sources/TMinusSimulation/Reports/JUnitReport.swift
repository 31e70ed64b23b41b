import TMinusCore

/// JUnit XML for CI (`reports/junit.xml`): one `<testsuite>` per scenario, one `<testcase>` per
/// (scenario, seed). A failing run carries a `<failure>` whose `type` is the invariant (or the
/// failure kind) and whose text lists every failure and the exact replay command.
///
/// Deterministic: `time` attributes appear only when ``ReportOptions/generated`` is set.
public enum JUnitReport: Sendable {
    /// The XML document.
    public static func render(_ results: [ScenarioRunResult], options: ReportOptions) -> String {
        let withTimes = options.generated != nil
        var groups: [(name: String, runs: [ScenarioRunResult])] = []
        for result in results {
            if let index = groups.firstIndex(where: { $0.name == result.scenario }) {
                groups[index].runs.append(result)
            } else {
                groups.append((result.scenario, [result]))
            }
        }
        let failures = results.filter { !$0.passed }.count
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml +=
            "<testsuites name=\"\(MarkupText.escape(options.command))\" tests=\"\(results.count)\" "
            + "failures=\"\(failures)\" errors=\"0\"\(time(options.generated?.wallTime, withTimes))>\n"
        for group in groups {
            xml += suite(group.name, group.runs, withTimes: withTimes)
        }
        xml += "</testsuites>\n"
        return xml
    }

    private static func suite(_ name: String, _ runs: [ScenarioRunResult], withTimes: Bool) -> String {
        let failures = runs.filter { !$0.passed }.count
        let total = runs.reduce(Duration.zero) { $0 + ($1.wallTime ?? .zero) }
        var xml =
            "  <testsuite name=\"\(MarkupText.escape(name))\" tests=\"\(runs.count)\" failures=\"\(failures)\" "
            + "errors=\"0\" skipped=\"0\"\(time(total, withTimes))>\n"
        for run in runs { xml += testcase(run, withTimes: withTimes) }
        return xml + "  </testsuite>\n"
    }

    private static func testcase(_ run: ScenarioRunResult, withTimes: Bool) -> String {
        let name = MarkupText.escape("seed \(run.seed)")
        var xml =
            "    <testcase classname=\"scenarios.\(MarkupText.escape(run.scenario))\" name=\"\(name)\""
            + "\(time(run.wallTime, withTimes))>\n"
        if let first = run.primaryFailure {
            let type = first.invariant?.rawValue ?? first.kind.rawValue
            var body = run.evaluation.failures.map(\.description).joined(separator: "\n")
            body += "\nseed: \(run.seed)\nreplay: \(run.replayCommand)"
            xml +=
                "      <failure type=\"\(MarkupText.escape(type))\" message=\"\(MarkupText.escape(first.description))\">"
                + MarkupText.escape(body) + "</failure>\n"
        }
        var out = "scenario=\(run.scenario) seed=\(run.seed) verdict=\(run.evaluation.verdict.rawValue) "
        out += "digest=\(run.digest) virtual=\(ISO8601Duration.format(run.virtualTime))"
        if let convergence = run.outcome?.convergenceTime {
            out += " convergence=\(ISO8601Duration.format(convergence))"
        }
        out += "\nreplay: \(run.replayCommand)"
        xml += "      <system-out>\(MarkupText.escape(out))</system-out>\n"
        return xml + "    </testcase>\n"
    }

    /// ` time="1.234"` (seconds, milliseconds precision) when times are wanted and known.
    private static func time(_ duration: Duration?, _ wanted: Bool) -> String {
        guard wanted, let duration else { return "" }
        let milliseconds = max(0, duration.nanoseconds / 1_000_000)
        let fraction = String(milliseconds % 1_000)
        return " time=\"\(milliseconds / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)\""
    }
}
