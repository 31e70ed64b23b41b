/// One runnable subcommand of `tminus` (for example `tminus sim run`), described by static metadata
/// and built from its parsed command line.
///
/// The pipeline is argument-parser's: the words are split (``SplitArguments``), the command is found
/// in the tree (``CommandGroup``), its ``options`` decode the remaining words into
/// ``ParsedArguments``, `init(parsed:)` converts them to typed properties, `validate()` checks
/// combinations, and only then does `run(_:)` execute. Every failure before `run` is a
/// ``CommandLineError`` and exits 64 with the usage line; `run` reports its own outcome as an
/// ``ExitCode``. `run` is synchronous on purpose: the simulator must install its executors before
/// any `Task` exists, so a command that needs concurrency sets it up itself.
///
/// To add a command, write a type conforming to this protocol under `Sources/TMinusCLI/Commands/`
/// and list it in `CommandTable.swift`.
public protocol CLICommand: Sendable {
    /// The word that selects the command within its group, for example `"run"`.
    static var name: String { get }
    /// One line for the command list and the top of the help page.
    static var abstract: String { get }
    /// The full usage line starting with `tminus` and the group path, for example
    /// `"tminus sim run <scenario.json|dir>... [--seed N] [--report DIR]"`.
    static var usage: String { get }
    /// Longer help text (paragraphs separated by blank lines); empty by default.
    static var discussion: String { get }
    /// The flags, options and positionals the command accepts, used both to parse and for help.
    static var options: [OptionSpec] { get }

    /// Builds the command from its parsed arguments, converting them to typed values.
    /// - Throws: ``CommandLineError`` when a value has the wrong format.
    init(parsed: ParsedArguments) throws(CommandLineError)

    /// Checks the combination of arguments before anything runs; does nothing by default.
    /// - Throws: ``CommandLineError/invalid(_:)`` with a message saying what to change.
    func validate() throws(CommandLineError)

    /// Does the work, writing to `io`, and says how the process should exit.
    func run(_ io: CommandIO) -> ExitCode
}

extension CLICommand {
    public static var discussion: String { "" }
    public static var options: [OptionSpec] { [] }
    public func validate() throws(CommandLineError) {}
}
