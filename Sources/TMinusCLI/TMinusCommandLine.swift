import TMinusSimulation

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Entry point of the `tminus` executable: parses arguments, runs one subcommand and exits with
/// its status.
///
/// Guarantees: bad input never crashes or prints a stack trace; it prints `tminus: error: …`, the
/// usage line and where to find help, and exits 64. The command tree is ``root`` in
/// `CommandLine/CommandTable.swift`.
public enum TMinusCommandLine: Sendable {
    /// The version of the tool.
    public static let version = "0.1.0"

    /// What `tminus version` and `tminus --version` print.
    public static var versionLine: String { "tminus \(version)" }

    /// Runs the process's command line and exits the process with the command's status.
    public static func main() -> Never {
        // The composition root: scenarios run in the simulated world (fakes + engine + checker).
        ScenarioExecutors.register(WorldScenarioExecutor())
        let io = CommandIO.standard()
        let status = run(arguments: Array(CommandLine.arguments.dropFirst()), io: io)
        io.flush()
        exit(status.rawValue)
    }

    /// Runs one command line in-process and returns its exit status instead of exiting.
    /// - Parameters:
    ///   - arguments: the words after the program name, for example `["sim", "run", "a.json"]`.
    ///   - io: where the command writes; use ``CommandIO/captured(isTerminal:)`` in tests.
    public static func run(arguments: [String], io: CommandIO) -> ExitCode {
        CommandRunner(root: root, version: versionLine).run(arguments, io: io)
    }
}
