import TMinusSimulation

/// `tminus golden check`: runs every scenario at its default seed and compares the trace digest
/// and summary with `golden/scenarios/<name>.txt`. CI runs it; a change fails with what moved.
///
/// Exit status: 0 every record matches, 1 a record changed or is missing, 65 invalid scenario, 70
/// no executor.
struct GoldenCheckCommand: GoldenCommand {
    static let name = "check"
    static let abstract = "Check scenario trace digests and summaries against golden records."
    static let usage = "tminus golden check [<scenario.json|dir>...] [--golden DIR] [--quiet]"
    static let discussion = """
        Runs each scenario (default: every file in scenarios/) with its default seed and compares \
        the digest and summary with its golden record. When something moved on purpose, rerun \
        'tminus golden record' and commit the new records with the reason in the message.
        """

    let arguments: GoldenScenarios.Arguments

    func handle(_ comparisons: [GoldenScenarios.Comparison], io: CommandIO) -> ExitCode {
        var problems = 0
        for comparison in comparisons {
            let name = comparison.result.scenario
            if comparison.recorded == nil {
                problems += 1
                io.print("MISSING \(name): no golden record at \(comparison.path)")
            } else if comparison.isUnchanged {
                io.print("ok      \(name) digest=\(comparison.result.digest.prefix(16))")
            } else {
                problems += 1
                io.print("CHANGED \(name) (\(comparison.path)):")
                for line in comparison.differences { io.print("  \(line)") }
                if comparison.differences.isEmpty { io.print("  (only comments or layout differ)") }
            }
        }
        if arguments.paths.isEmpty {
            for path in GoldenScenarios.stale(in: arguments.directory, comparisons: comparisons) {
                io.print("note: \(path) belongs to no scenario; delete it if the scenario was removed")
            }
        }
        guard problems == 0 else {
            io.printError(
                "\(problems) golden record(s) missing or changed. If the change is intended, run 'tminus golden record' "
                    + "and commit the records, saying why the trace changed.")
            return .failure
        }
        io.print("golden check passed: \(comparisons.count) scenario(s)")
        return .success
    }
}
