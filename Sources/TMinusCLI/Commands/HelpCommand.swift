/// `tminus help [command path]`: prints the generated help of the root, a group or a command.
struct HelpCommand: CLICommand {
    static let name = "help"
    static let abstract = "Show help for tminus, a command group or a command."
    static let usage = "tminus help [<command>...]"
    static let discussion = """
        Examples:
          tminus help             the list of commands
          tminus help sim         the simulator's commands
          tminus help sim run     one command's arguments and options
        """
    static let options: [OptionSpec] = [
        .positional("command", help: "The words naming a group or command.", required: false, repeating: true)
    ]

    /// The words naming the node whose help is wanted; empty for the root.
    let path: [String]

    init(parsed: ParsedArguments) throws(CommandLineError) {
        path = parsed.strings("command")
    }

    func validate() throws(CommandLineError) {
        _ = try TMinusCommandLine.root.node(at: path)
    }

    func run(_ io: CommandIO) -> ExitCode {
        guard let node = try? TMinusCommandLine.root.node(at: path) else { return .software }
        io.stdout.write(HelpFormatter.help(for: node))
        return .success
    }
}
