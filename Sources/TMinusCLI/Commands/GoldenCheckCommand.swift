import TMinusSimulation

/// `tminus golden check`: runs every scenario at its default seed and compares the trace digest
/// and summary with `golden/scenarios/<name>.txt`. CI runs it; a change fails with what moved.
///
/// Exit status: 0 every record matches, 1 a record changed or is missing, 65 invalid scenario, 70
/// no executor.
struct GoldenCheckCommand: CLICommand {
    static let name = "check"
    static let abstract = "Check scenario trace digests and summaries against golden records."
    static let usage = "tminus golden check [<scenario.json|dir>...] [--golden DIR] [--quiet]"
    static let discussion = """
        Runs each scenario (default: every file in scenarios/) with its default seed and compares \
        the digest and summary with its golden record. When something moved on purpose, rerun \
        'tminus golden record' and commit the new records with the reason in the message.
        """
    static let options = GoldenScenarios.options

    let paths: [String]
    let directory: String
    let quiet: Bool

    init(parsed: ParsedArguments) throws(CommandLineError) {
        paths = parsed.strings("scenario.json|dir")
        directory = parsed.string("--golden") ?? GoldenScenarios.defaultDirectory
        quiet = parsed.flag("--quiet")
    }

    func run(_ io: CommandIO) -> ExitCode {
        run(io, executor: ScenarioExecutors.current)
    }

    /// The command with an explicit executor (tests pass nil to see the missing-executor path).
    func run(_ io: CommandIO, executor: (any ScenarioExecutor)?) -> ExitCode {
        let comparisons: [GoldenScenarios.Comparison]
        switch GoldenScenarios.compare(paths: paths, directory: directory, quiet: quiet, executor: executor, io: io) {
        case .failure(let failure): return failure.code
        case .success(let found): comparisons = found
        }
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
        if paths.isEmpty {
            for path in GoldenScenarios.stale(in: directory, comparisons: comparisons) {
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
