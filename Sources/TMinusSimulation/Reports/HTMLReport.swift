import TMinusCore

/// The page a person opens after `sim run` (`reports/index.html`): one self-contained HTML file
/// with inline CSS and inline SVG, readable without JavaScript or network access.
///
/// Sections: the summary; one row per run (verdict, digest, virtual time, convergence, violations,
/// replay command); the invariant matrix (run × A–N); convergence time per run; then one
/// collapsible section per run (open when it failed or is the only one) with its failures,
/// counters, violations with their trace lines, and one line plot per kind of series the executor sampled (queue depths,
/// provider calls and errors by provider, drift, writes per change) over virtual time, marked
/// where the fault phase ended and where the run converged. Deterministic unless
/// ``ReportOptions/generated`` is set.
public enum HTMLReport: Sendable {
    /// The HTML document.
    public static func render(_ results: [ScenarioRunResult], options: ReportOptions) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>T-Minus simulation report</title>\n<style>\n\(stylesheet)</style>\n</head>\n<body>\n"
        html += header(results, options: options)
        html += runTable(results)
        html += invariantMatrix(results)
        html += convergenceChart(results)
        html += "<h2>Runs</h2>\n"
        for result in results { html += runSection(result, only: results.count == 1) }
        if let generated = options.generated {
            html +=
                "<footer>Generated \(MarkupText.escape(generated.at)) in \(seconds(generated.wallTime)) of wall time.</footer>\n"
        }
        return html + "</body>\n</html>\n"
    }

    private static func header(_ results: [ScenarioRunResult], options: ReportOptions) -> String {
        let passed = results.filter(\.passed).count
        let failed = results.filter { $0.evaluation.verdict == .fail }.count
        let scenarios = Set(results.map(\.scenario)).count
        let overall = failed == 0 ? "pass" : "fail"
        var html = "<header>\n<h1>T-Minus simulation report</h1>\n"
        html += "<p class=\"command\"><code>\(MarkupText.escape(options.command))</code></p>\n"
        html +=
            "<p class=\"totals\"><span class=\"badge \(overall)\">\(failed == 0 ? "ALL PASSED" : "\(failed) FAILED")</span> "
        html +=
            "\(results.count) run\(results.count == 1 ? "" : "s") of \(scenarios) scenario\(scenarios == 1 ? "" : "s"): "
        html += "\(passed) passed, \(failed) failed.</p>\n</header>\n"
        return html
    }

    private static func runTable(_ results: [ScenarioRunResult]) -> String {
        var html =
            "<h2>Verdicts</h2>\n<table class=\"runs\">\n<thead><tr><th>Scenario</th><th>Seed</th><th>Verdict</th>"
        html += "<th>Virtual time</th><th>Convergence</th><th>Violations</th><th>Digest</th><th>First failure</th>"
        html += "</tr></thead>\n<tbody>\n"
        for result in results {
            let verdict = result.evaluation.verdict.rawValue
            let convergence = result.outcome?.convergenceTime.map(ISO8601Duration.format) ?? "—"
            let failure = result.primaryFailure.map { MarkupText.escape($0.description) } ?? ""
            html += "<tr class=\"run \(verdict)\" id=\"row-\(anchor(result))\">"
            html += "<td><a href=\"#\(anchor(result))\">\(MarkupText.escape(result.scenario))</a></td>"
            html += "<td>\(result.seed)</td><td><span class=\"badge \(verdict)\">\(verdict.uppercased())</span></td>"
            html += "<td>\(ISO8601Duration.format(result.virtualTime))</td><td>\(convergence)</td>"
            html += "<td>\(result.outcome?.violations.count ?? 0)</td>"
            html +=
                "<td><code title=\"\(result.digest)\">\(result.digest.prefix(12))</code></td><td>\(failure)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }

    private static func invariantMatrix(_ results: [ScenarioRunResult]) -> String {
        var html = "<h2>Invariants</h2>\n<table class=\"matrix\">\n<thead><tr><th>Run</th>"
        for id in InvariantID.allCases {
            html += "<th title=\"\(MarkupText.escape(id.name)) (\(id.kind.rawValue))\">\(id.rawValue)</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for result in results {
            html += "<tr><td>\(MarkupText.escape(result.scenario)) #\(result.seed)</td>"
            for item in result.evaluation.invariants {
                let title =
                    "\(item.id.label): \(item.status.rawValue)"
                    + (item.violations > 0 ? ", \(item.violations) violation(s)" : "")
                html +=
                    "<td class=\"inv \(item.status.rawValue)\" title=\"\(MarkupText.escape(title))\">\(symbol(item.status))</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        html +=
            "<p class=\"legend\">✓ held · ✗ violated · ! violated, not expected · ◆ fired as the seeded defect must · "
        html += "○ seeded defect missed · – not checked</p>\n"
        return html
    }

    private static func convergenceChart(_ results: [ScenarioRunResult]) -> String {
        guard results.contains(where: { $0.outcome?.convergenceTime != nil }) else { return "" }
        let deadlines = Set(results.map(\.convergenceDeadline))
        let bars = results.map { result in
            SVGBarChart.Bar(
                label: "\(result.scenario) #\(result.seed)", value: result.outcome?.convergenceTime,
                failed: !result.passed)
        }
        let chart = SVGBarChart(
            title: "Convergence time after the fault phase", bars: bars,
            limit: deadlines.count == 1 ? deadlines.first : nil)
        return "<h2>Convergence</h2>\n<figure>\n\(chart.render())</figure>\n"
    }

    static func symbol(_ status: InvariantResult.Status) -> String {
        switch status {
        case .held: "✓"
        case .violated: "✗"
        case .ignored: "!"
        case .fired: "◆"
        case .missed: "○"
        case .notChecked: "–"
        }
    }

    /// A fragment identifier for a run: `run-<scenario>-<seed>`.
    static func anchor(_ result: ScenarioRunResult) -> String {
        let safe = result.scenario.unicodeScalars.map { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" ? String(scalar) : "_"
        }
        return "run-\(safe.joined())-\(result.seed)"
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = max(0, duration.nanoseconds / 1_000_000)
        let fraction = String(milliseconds % 1_000)
        return "\(milliseconds / 1_000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) s"
    }
}
