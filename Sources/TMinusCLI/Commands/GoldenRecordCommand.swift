import Foundation
import TMinusSimulation

/// `tminus golden record`: runs every scenario at its default seed and rewrites its golden record,
/// printing what changed, so an intended change to the engine or the trace is one command and a
/// reviewable diff.
struct GoldenRecordCommand: GoldenCommand {
    static let name = "record"
    static let abstract = "Rewrite golden records and print what changed."
    static let usage = "tminus golden record [<scenario.json|dir>...] [--golden DIR] [--quiet]"
    static let discussion = """
        Runs each scenario (default: every file in scenarios/) with its default seed and writes \
        golden/scenarios/<name>.txt, printing for each one whether it is new, unchanged or changed \
        (and what moved). A scenario that fails its expectations is recorded too, with a warning.
        """

    let arguments: GoldenScenarios.Arguments

    func handle(_ comparisons: [GoldenScenarios.Comparison], io: CommandIO) -> ExitCode {
        do {
            try FileManager.default.createDirectory(atPath: arguments.directory, withIntermediateDirectories: true)
        } catch {
            io.printError(
                "tminus: error: cannot create '\(arguments.directory)'; check that the parent directory is writable")
            return .failure
        }
        var changed = 0
        for comparison in comparisons {
            let name = comparison.result.scenario
            if !comparison.result.passed {
                io.printError(
                    "warning: \(name) fails its expectations; recorded anyway (\(comparison.result.replayCommand))")
            }
            if comparison.isUnchanged {
                io.print("unchanged \(name)")
                continue
            }
            do {
                try Data(comparison.current.utf8).write(to: URL(fileURLWithPath: comparison.path), options: .atomic)
            } catch {
                io.printError("tminus: error: cannot write '\(comparison.path)': \(error.localizedDescription)")
                return .failure
            }
            changed += 1
            if comparison.recorded == nil {
                io.print("new       \(name) -> \(comparison.path)")
            } else {
                io.print("changed   \(name) -> \(comparison.path)")
                for line in comparison.differences { io.print("  \(line)") }
            }
        }
        io.print("golden record: \(changed) of \(comparisons.count) record(s) written")
        return .success
    }
}
