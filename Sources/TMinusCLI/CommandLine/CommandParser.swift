import TMinusCore

/// The resolution and decoding stages: walks the split words down the command tree to one
/// command, then decodes the rest into that command.
///
/// Guarantees: it never runs anything and never stops the program on bad input; every outcome is
/// a command ready to validate and run, a clean exit (help, version), or a ``CommandLineError``
/// together with the tree node it concerns (whose usage line the error report shows).
struct CommandParser: Sendable {
    /// What parsing a command line led to.
    enum Outcome: Sendable {
        /// A fully decoded command, not yet validated.
        case command(any CLICommand, node: CommandTreeNode)
        /// Print help or a message and exit 0.
        case cleanExit(CleanExit)
        /// The command line is wrong; `node` is the deepest group or command that was reached.
        case failure(CommandLineError, node: CommandTreeNode)
    }

    /// The root of the tree, `tminus` itself.
    let root: CommandGroup
    /// The text `tminus --version` prints, if the root accepts `--version`.
    let version: String?

    /// Parses `arguments` (the command line without the program name).
    func parse(_ arguments: [String]) -> Outcome {
        let elements = SplitArguments(arguments).elements
        var group = root
        var path: [String] = []
        var index = 0
        while index < elements.count {
            let node = CommandTreeNode.group(group, path: path)
            let element = elements[index]
            if element.isHelpRequest { return .cleanExit(.help(path: path)) }
            switch element {
            case .value(let word):
                switch group.child(named: word) {
                case .group(let next):
                    group = next
                    path.append(word)
                    index += 1
                case .command(let command):
                    return decode(command, path: path + [word], elements: elements[(index + 1)...])
                case nil:
                    return .failure(group.unknownChild(word, path: path), node: node)
                }
            case .longOption("--version", nil) where path.isEmpty && version != nil:
                return .cleanExit(.message(version ?? ""))
            case .longOption, .shortOptions:
                let groupOptions = ["--help"] + (path.isEmpty && version != nil ? ["--version"] : [])
                let spelled: String
                if case .longOption(let name, _) = element { spelled = name } else { spelled = element.spelling }
                guard let suggestion = EditDistance.closest(to: spelled, among: groupOptions) else {
                    return .failure(.optionBeforeCommand(spelled, path: path), node: node)
                }
                return .failure(.unknownOption(spelled, suggestion: suggestion), node: node)
            case .terminator:
                return .failure(.unexpectedArgument("--"), node: node)
            }
        }
        // A group named without a subcommand shows its help, as argument-parser does.
        return .cleanExit(.help(path: path))
    }

    /// Decodes the words after a command's name into the command.
    private func decode(
        _ command: any CLICommand.Type, path: [String], elements: ArraySlice<SplitArguments.Element>
    ) -> Outcome {
        let node = CommandTreeNode.command(command, path: path)
        if elements.prefix(while: { $0 != .terminator }).contains(where: \.isHelpRequest) {
            return .cleanExit(.help(path: path))
        }
        do {
            let parsed = try ParsedArguments(specs: command.options, elements: elements)
            return .command(try command.init(parsed: parsed), node: node)
        } catch {
            return .failure(error, node: node)
        }
    }
}
