/// The whole pipeline for one command line against one command tree: parse, validate, run, and
/// turn every command-line mistake into a `tminus: error: …` report with exit status 64.
///
/// Guarantees: never stops the program on bad input; writes help and results to standard output
/// and errors to standard error; returns the exit status rather than exiting, so tests can run it.
struct CommandRunner: Sendable {
    /// The tree the arguments are resolved in.
    let root: CommandGroup
    /// The text `--version` prints at the root, if supported.
    let version: String?

    /// Runs `arguments` (the command line without the program name) and returns the exit status.
    func run(_ arguments: [String], io: CommandIO) -> ExitCode {
        switch CommandParser(root: root, version: version).parse(arguments) {
        case .cleanExit(.help(let path)):
            let node = (try? root.node(at: path)) ?? .group(root, path: [])
            io.stdout.write(HelpFormatter.help(for: node))
            return .success
        case .cleanExit(.message(let text)):
            io.print(text)
            return .success
        case .failure(let error, let node):
            return Self.reportUsageError(error, node: node, io: io)
        case .command(let command, let node):
            do {
                try command.validate()
            } catch {
                return Self.reportUsageError(error, node: node, io: io)
            }
            return command.run(io)
        }
    }

    /// Prints the error, the usage line of `node` and where to find its help; returns 64.
    static func reportUsageError(_ error: CommandLineError, node: CommandTreeNode, io: CommandIO) -> ExitCode {
        io.printError("tminus: error: \(error)")
        io.printError("usage: \(node.usage)")
        io.printError("see '\(node.helpInvocation)' for more")
        return .usage
    }
}
