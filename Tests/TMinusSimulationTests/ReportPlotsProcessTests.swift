import Foundation
import TMinusCore
import Testing

/// `tminus sim run` on a real scenario: the HTML page draws the series the world sampled, and
/// summary.json carries the same series (the built binary runs it; see ``SimulatorBinary``).
struct ReportPlotsProcessTests {
    private static func runScenario(_ name: String) throws -> (html: String, summary: JSONValue, output: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tminus-plots-\(ProcessInfo.processInfo.processIdentifier)-\(name)", isDirectory: true)
        try? FileManager.default.removeItem(at: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = SimulatorBinary.packageRoot.appendingPathComponent("scenarios/\(name).json").path
        let output = try SimulatorBinary.run(["sim", "run", file, "--report", directory.path, "--no-wall-clock"])
        let html = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        let json = try String(contentsOf: directory.appendingPathComponent("summary.json"), encoding: .utf8)
        return (html, try StableJSON.parse(json), output.stdout + output.stderr)
    }

    /// The values of one series of the first run in summary.json.
    private static func values(_ summary: JSONValue, plot: String, label: String) -> [Int64] {
        guard case .object(let root) = summary, case .array(let runs)? = root["runs"],
            case .object(let run)? = runs.first, case .array(let series)? = run["series"]
        else { return [] }
        for case .object(let entry) in series where entry["plot"] == .string(plot) && entry["label"] == .string(label) {
            guard case .array(let values)? = entry["values"] else { return [] }
            return values.compactMap { if case .int(let value) = $0 { value } else { nil } }
        }
        return []
    }

    /// The `points` attributes of the polylines inside one plot's figure.
    private static func polylines(_ html: String, plot: String) -> [String] {
        guard let start = html.range(of: "<figure class=\"plot-\(plot)\">"),
            let end = html.range(of: "</figure>", range: start.upperBound..<html.endIndex)
        else { return [] }
        let figure = html[start.upperBound..<end.lowerBound]
        return figure.components(separatedBy: "points=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
            .map(String.init)
    }

    @Test func htmlPlotsAndSummarySeriesComeFromTheRun() throws {
        let (html, summary, output) = try Self.runScenario("mirror-edits-are-corrected")
        for plot in ["queue-depths", "provider-calls", "provider-errors", "drift", "writes-per-change"] {
            let lines = Self.polylines(html, plot: plot)
            #expect(!lines.isEmpty, "no polyline in the \(plot) plot; output: \(output)")
            #expect(lines.allSatisfy { $0.split(separator: " ").count > 10 }, "\(plot) has too few points")
        }
        let googleCalls = Self.values(summary, plot: "provider-calls", label: "google")
        let microsoftCalls = Self.values(summary, plot: "provider-calls", label: "microsoft")
        #expect(googleCalls.count > 24 * 12, "one sample per 5-minute step of a day at least")
        #expect((googleCalls.last ?? 0) > 0 && (microsoftCalls.last ?? 0) > 0)
        #expect(googleCalls == googleCalls.sorted(), "cumulative calls never decrease")
        let found = Self.values(summary, plot: "drift", label: "found")
        let repaired = Self.values(summary, plot: "drift", label: "repaired")
        #expect((found.last ?? 0) > 0, "the scenario edits mirrors, so drift is found")
        #expect(zip(found, repaired).allSatisfy { $0 >= $1 }, "never more repaired than found")
        #expect((Self.values(summary, plot: "writes-per-change", label: "engine writes").last ?? 0) > 0)
        #expect(Self.values(summary, plot: "queue-depths", label: "sync").contains { $0 > 0 })
        #expect(html.contains("faults stop"))
    }

    @Test func theSameSeedGivesTheSameSeries() throws {
        let first = try Self.runScenario("duplicated-pushes-are-harmless")
        let second = try Self.runScenario("duplicated-pushes-are-harmless")
        #expect(first.summary == second.summary)
        #expect(first.html == second.html)
    }
}
