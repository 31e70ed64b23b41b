import TMinusCore

/// The per-run sections of the HTML report and its stylesheet.
extension HTMLReport {
    /// A run's collapsible section: open when the run failed or is the report's only run.
    static func runSection(_ result: ScenarioRunResult, only: Bool = false) -> String {
        let verdict = result.evaluation.verdict.rawValue
        let open = !result.passed || only
        var html = "<details class=\"run-detail \(verdict)\" id=\"\(anchor(result))\"\(open ? " open" : "")>\n"
        html += "<summary><span class=\"badge \(verdict)\">\(verdict.uppercased())</span> "
        html += "<strong>\(MarkupText.escape(result.scenario))</strong> seed \(result.seed) — "
        html += "\(MarkupText.escape(result.description))</summary>\n"
        html += "<p>Replay: <code>\(MarkupText.escape(result.replayCommand))</code></p>\n"
        html += "<p>Digest <code>\(result.digest)</code>, \(result.traceLines) trace lines, "
        html += "virtual time \(ISO8601Duration.format(result.virtualTime))"
        if let file = result.file { html += ", file <code>\(MarkupText.escape(file))</code>" }
        html += ".</p>\n"
        html += failureList(result)
        if let outcome = result.outcome {
            html += counterTable(outcome, deadline: result.convergenceDeadline)
            html += violationList(outcome)
            html += plots(outcome)
            if !outcome.notes.isEmpty {
                html +=
                    "<ul class=\"notes\">" + outcome.notes.map { "<li>\(MarkupText.escape($0))</li>" }.joined()
                    + "</ul>\n"
            }
        }
        if !result.passed && !result.recentTrace.isEmpty {
            html +=
                "<p>Last trace lines:</p>\n<pre>\(MarkupText.escape(result.recentTrace.joined(separator: "\n")))</pre>\n"
        }
        return html + "</details>\n"
    }

    private static func failureList(_ result: ScenarioRunResult) -> String {
        guard !result.evaluation.failures.isEmpty else { return "" }
        let items = result.evaluation.failures.map { "<li>\(MarkupText.escape($0.description))</li>" }
        return "<ul class=\"failures\">\(items.joined())</ul>\n"
    }

    private static func counterTable(_ outcome: ScenarioOutcome, deadline: Duration) -> String {
        let counters = outcome.counters
        func byProvider(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "0" : counts.keys.sorted().map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
        }
        let convergence = outcome.convergenceTime.map(ISO8601Duration.format) ?? "did not converge"
        let rows: [(String, String)] = [
            ("Convergence", "\(convergence) (deadline \(ISO8601Duration.format(deadline)))"),
            ("Provider calls", byProvider(counters.providerCalls)),
            ("Provider errors", byProvider(counters.providerErrors)),
            (
                "Writes",
                "\(counters.writes) for \(counters.userChanges) user changes"
                    + (counters.maxWritesPerChange > 0 ? " (at most \(counters.maxWritesPerChange) per change)" : "")
            ),
            ("Drift", "\(counters.driftFound) found, \(counters.driftRepaired) repaired"),
            ("Dead letters", "\(counters.deadLetters)"),
            ("Pushes received", "\(counters.pushesReceived)"),
        ]
        let body = rows.map { "<tr><th>\($0.0)</th><td>\(MarkupText.escape($0.1))</td></tr>" }.joined(separator: "\n")
        return "<table class=\"counters\">\n\(body)\n</table>\n"
    }

    private static func violationList(_ outcome: ScenarioOutcome) -> String {
        guard !outcome.violations.isEmpty else { return "" }
        var html = "<h3>Violations</h3>\n<ol class=\"violations\">\n"
        for violation in outcome.violations.prefix(50) {
            html += "<li><strong>\(MarkupText.escape(violation.summary))</strong>"
            if !violation.recentTrace.isEmpty {
                html += "<pre>\(MarkupText.escape(violation.recentTrace.joined(separator: "\n")))</pre>"
            }
            html += "</li>\n"
        }
        if outcome.violations.count > 50 { html += "<li>… and \(outcome.violations.count - 50) more</li>\n" }
        return html + "</ol>\n"
    }

    /// One SVG per plot kind that has series, in ``PlotKind`` order.
    static func plots(_ outcome: ScenarioOutcome) -> String {
        var markers: [SVGLinePlot.Marker] = []
        if let ended = outcome.faultPhaseEnded {
            markers.append(SVGLinePlot.Marker(at: ended, label: "faults stop"))
            if let convergence = outcome.convergenceTime {
                markers.append(SVGLinePlot.Marker(at: ended + convergence, label: "converged"))
            }
        }
        var html = ""
        for kind in PlotKind.allCases {
            let series = outcome.series.filter { $0.plot == kind && !$0.points.isEmpty }
            guard !series.isEmpty else { continue }
            html += "<figure class=\"plot-\(kind.rawValue)\">\n"
            html += SVGLinePlot(title: kind.title, series: series, markers: markers).render()
            html += "</figure>\n"
        }
        return html.isEmpty ? "" : "<div class=\"plots\">\n\(html)</div>\n"
    }

    static let stylesheet = """
        body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; \
        max-width: 1100px; padding: 0 1em; color: #222; }
        h1 { margin-bottom: 0.2em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; }
        code, pre { font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; }
        pre { background: #f6f8fa; padding: 0.6em; overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.6em 0; }
        th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
        thead th { background: #f3f3f3; }
        tr.fail td { background: #fff1f0; }
        .badge { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; font-weight: 600; \
        color: #fff; background: #888; }
        .badge.pass { background: #2e7d32; } .badge.fail { background: #c62828; } .badge.incomplete { background: #b26a00; }
        .matrix td.inv { text-align: center; width: 1.6em; }
        .inv.held { color: #2e7d32; } .inv.violated, .inv.missed { color: #fff; background: #c62828; }
        .inv.ignored { background: #fff3cd; } .inv.fired { color: #fff; background: #1565c0; } .inv.not-checked { color: #999; }
        details.run-detail { border: 1px solid #ddd; border-radius: 6px; margin: 0.6em 0; padding: 0.4em 0.8em; }
        details.run-detail.fail { border-color: #c62828; }
        summary { cursor: pointer; }
        .plots { display: flex; flex-wrap: wrap; gap: 8px; }
        figure { margin: 0.4em 0; }
        svg.plot { background: #fff; border: 1px solid #eee; font-size: 11px; }
        svg .plot-title { font-weight: 600; font-size: 12px; }
        svg line.axis { stroke: #555; } svg line.grid { stroke: #eee; }
        svg line.marker { stroke: #999; stroke-dasharray: 4 3; }
        .legend { color: #555; font-size: 12px; }
        footer { margin-top: 2em; color: #777; font-size: 12px; }

        """
}
