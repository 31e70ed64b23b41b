import TMinusSimulation

/// The summary table `sim run` prints after its runs: one row per scenario (seeds, passed, failed,
/// violations, slowest convergence), then the totals.
enum SimRunSummary {
    static func print(_ results: [ScenarioRunResult], io: CommandIO) {
        var names: [String] = []
        for result in results where !names.contains(result.scenario) { names.append(result.scenario) }
        let header = ["SCENARIO", "SEEDS", "PASSED", "FAILED", "VIOLATIONS", "SLOWEST CONVERGENCE"]
        var rows: [[String]] = []
        for name in names {
            let runs = results.filter { $0.scenario == name }
            let slowest = runs.compactMap { $0.outcome?.convergenceTime }.max()
            rows.append([
                name, String(runs.count), String(runs.filter(\.passed).count), String(runs.filter { !$0.passed }.count),
                String(runs.reduce(0) { $0 + ($1.outcome?.violations.count ?? 0) }),
                slowest.map(ISO8601Duration.format) ?? "-",
            ])
        }
        io.print("")
        for line in table([header] + rows) { io.print(line) }
        let failed = results.filter { !$0.passed }.count
        let verdict = failed == 0 ? "PASSED" : "FAILED"
        io.print(
            "\(verdict): \(results.count) run\(results.count == 1 ? "" : "s") of \(names.count) scenario"
                + "\(names.count == 1 ? "" : "s"), \(results.count - failed) passed, \(failed) failed")
        for result in results where !result.passed {
            let reason = result.primaryFailure?.description ?? "failed"
            io.print("  \(result.scenario) seed=\(result.seed): \(reason)")
            io.print("    replay: \(result.replayCommand)")
        }
    }

    /// Left-aligned columns separated by two spaces.
    static func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
    }
}
