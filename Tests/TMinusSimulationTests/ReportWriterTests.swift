import Foundation
import TMinusCore
import Testing

@testable import TMinusSimulation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The three report writers and the golden summary, fed with stub outcomes.
struct ReportWriterTests {
    private typealias Support = ScenarioTestSupport

    /// Three runs of the minimal scenario (seed 2 fails on D) and one kernel failure.
    private static func results() throws -> [ScenarioRunResult] {
        let scenario = try Support.decode(Support.minimalJSON)
        var strange = scenario
        strange.name = "odd-<chars>"
        strange.description = "Quotes \" & ampersands < > and a control \u{1}"
        let stub = StubExecutorForTests(failEvery: 2)
        return [1, 2, 3].map {
            Support.result(scenario: scenario, seed: $0, outcome: stub.outcome(for: scenario, seed: $0))
        }
            + [Support.result(scenario: strange, seed: 7, outcome: nil, kernelFailure: "LEAK: 1 job <thread>")]
    }

    private static let options = ReportOptions(command: "tminus sim run scenarios/ --seeds 1..3")

    @Test func jsonSummaryIsVersionedAndCarriesEveryRun() throws {
        let text = JSONSummaryReport.render(try Self.results(), options: Self.options)
        guard case .object(let root) = try StableJSON.parse(text) else { Issue.record("not an object"); return }
        #expect(root["schema"] == "tminus-sim-report")
        #expect(root["version"] == .int(JSONSummaryReport.version))
        #expect(root["command"] == "tminus sim run scenarios/ --seeds 1..3")
        #expect(root["generated"] == nil)
        #expect(
            root["summary"] == ["runs": 4, "passed": 2, "failed": 2, "incomplete": 0, "scenarios": 2, "violations": 1])
        guard case .array(let runs)? = root["runs"], case .object(let failed) = runs[1] else {
            Issue.record("no runs")
            return
        }
        #expect(runs.count == 4)
        #expect(failed["seed"] == "2")
        #expect(failed["verdict"] == "fail")
        #expect(failed["replay"] == "tminus sim replay test.json --seed 2")
        #expect(failed["convergenceTimeNanoseconds"] == .int(5_400_000_000_000 + 2 * 60_000_000_000))
        for key in [
            "digest", "traceLines", "virtualTime", "virtualTimeNanoseconds", "failures", "invariants", "violations",
            "counters", "notes", "kernelFailure", "cutAt", "file", "description", "scenario", "convergenceTime",
        ] {
            #expect(failed[key] != nil, "missing \(key)")
        }
        guard case .object(let invariants)? = failed["invariants"] else { return }
        #expect(invariants["D"] == ["name": "idempotency", "status": "violated", "violations": 1])
    }

    @Test func jsonSummaryIsDeterministicWithSortedKeysUnlessGenerationIsAsked() throws {
        let results = try Self.results()
        let first = JSONSummaryReport.render(results, options: Self.options)
        #expect(first == JSONSummaryReport.render(results, options: Self.options))
        let keys = first.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: ":")[0] }
        #expect(keys == keys.sorted())
        var withWallClock = Self.options
        withWallClock.generated = .init(at: "2026-01-01T00:00:00.000Z", wallTime: .milliseconds(1_500))
        let generated = JSONSummaryReport.render(results, options: withWallClock)
        #expect(generated.contains("\"wallTimeMilliseconds\": 1500"))
        #expect(!first.contains("wallTime"))
    }

    @Test func junitIsWellFormedWithOneTestcasePerRunAndFailuresThatReplay() throws {
        let xml = JUnitReport.render(try Self.results(), options: Self.options)
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "4")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["minimal", "odd-<chars>"])
        let cases = suites.flatMap { $0.elements(forName: "testcase") }
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["seed 1", "seed 2", "seed 3", "seed 7"])
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "D")
        #expect(failure.stringValue?.contains("replay: tminus sim replay test.json --seed 2") == true)
        #expect(cases[0].elements(forName: "failure").isEmpty)
        #expect(cases[3].elements(forName: "failure").first?.attribute(forName: "type")?.stringValue == "kernel")
        #expect(!xml.contains(" time=\""))
    }

    @Test func htmlIsSelfContainedWithEveryRunRowAndOneSVGPerPlot() throws {
        let results = try Self.results()
        let html = HTMLReport.render(results, options: Self.options)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("<link"))
        #expect(!html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
        for result in results {
            #expect(
                html.contains(
                    "id=\"row-run-\(result.scenario == "minimal" ? "minimal" : "odd-_chars_")-\(result.seed)\""))
        }
        let plotsPerRun = Set(
            StubExecutorForTests().outcome(for: try Support.decode(Support.minimalJSON), seed: 1).series.map(\.plot)
        ).count
        #expect(plotsPerRun == PlotKind.allCases.count)
        let convergenceCharts = 1
        #expect(html.components(separatedBy: "<svg ").count - 1 == 3 * plotsPerRun + convergenceCharts)
        #expect(html.components(separatedBy: "<svg ").count == html.components(separatedBy: "</svg>").count)
        for kind in PlotKind.allCases { #expect(html.contains(kind.title)) }
        #expect(html.contains("odd-&lt;chars&gt;") && !html.contains("odd-<chars>"))
        #expect(!html.contains("\u{1}"))
        #expect(html == HTMLReport.render(results, options: Self.options))
    }

    @Test func plotsSurviveEdgeCasesAndThinLongSeries() {
        let empty = SVGLinePlot(title: "Empty", series: []).render()
        #expect(empty.hasPrefix("<svg") && empty.hasSuffix("</svg>\n"))
        let single = SVGLinePlot(
            title: "One", series: [TimeSeries(plot: .drift, label: "found", points: [SeriesPoint(at: .zero, value: 0)])]
        ).render()
        #expect(single.contains("<circle"))
        let points = (0..<100_000).map { SeriesPoint(at: .seconds(Int64($0)), value: Int64($0 % 97)) }
        let long = SVGLinePlot(title: "Long", series: [TimeSeries(plot: .queueDepths, label: "sync", points: points)])
            .render()
        let coordinates = long.split(separator: "points=\"")[1].split(separator: "\"")[0].split(separator: " ")
        #expect(coordinates.count <= 2 * 568 + 2)
        #expect(long.contains("y1=\"40\""))
        #expect(!long.contains("nan") && !long.contains("inf"))
    }

    @Test func valueAxesUseRoundStepsThatReachThePeak() {
        #expect(PlotScale.valueTicks(PlotScale.valueAxis(peak: 0)) == [0, 1])
        #expect(PlotScale.valueTicks(PlotScale.valueAxis(peak: 20)) == [0, 5, 10, 15, 20])
        #expect(PlotScale.valueTicks(PlotScale.valueAxis(peak: 30)) == [0, 10, 20, 30])
        #expect(PlotScale.valueTicks(PlotScale.valueAxis(peak: 1_101)) == [0, 500, 1_000, 1_500])
        for peak in Int64(0)...2_000 {
            let axis = PlotScale.valueAxis(peak: peak)
            #expect(axis.maximum >= peak && axis.maximum - axis.step < max(peak, 1) && axis.maximum / axis.step <= 5)
        }
        #expect(PlotScale.timeLabel(0) == "0" && PlotScale.timeLabel(36 * 3_600_000_000_000) == "1d12h")
        #expect(PlotScale.timeLabel(806_135_152) == "0.8s" && PlotScale.timeLabel(5_000_000_000) == "5s")
        #expect(PlotScale.timeTicks(7 * 86_400_000_000_000).count <= 9)
    }

    @Test func goldenSummaryStatesTheFactsAndWhatMoved() throws {
        let results = try Self.results()
        let text = GoldenSummary.render(results[0])
        #expect(text.hasPrefix("# Golden record of scenario 'minimal'"))
        let facts = GoldenSummary.parse(text)
        #expect(facts.first { $0.key == "digest" }?.value == String(repeating: "ab", count: 32))
        #expect(facts.first { $0.key == "provider-calls" }?.value == "google:121 microsoft:80")
        #expect(facts.first { $0.key == "violations" }?.value == "none")
        #expect(GoldenSummary.differences(recorded: text, current: text).isEmpty)
        let moved = GoldenSummary.differences(recorded: text, current: GoldenSummary.render(results[1]))
        #expect(moved.contains("seed: 1 → 2"))
        #expect(moved.contains("violations: none → D:1"))
        #expect(moved.contains("failures: none → D"))
        let damaged = GoldenSummary.differences(recorded: "scenario=minimal\ngarbage\n", current: "scenario=minimal\n")
        #expect(damaged == ["garbage:  → (absent)"])
        #expect(GoldenSummary.render(results[3]).contains("outcome=none"))
    }
}
