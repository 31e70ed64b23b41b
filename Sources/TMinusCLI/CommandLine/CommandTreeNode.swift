/// A position in the command tree: a group or a command, with the words that lead to it from the
/// root (`[]` for the root, `["sim", "run"]` for `tminus sim run`).
enum CommandTreeNode: Sendable {
    /// A direct child of a group, before its path is known.
    enum Child: Sendable {
        case command(any CLICommand.Type)
        case group(CommandGroup)
    }

    case group(CommandGroup, path: [String])
    case command(any CLICommand.Type, path: [String])

    /// The words after `tminus` that select this node.
    var path: [String] {
        switch self {
        case .group(_, let path), .command(_, let path): return path
        }
    }

    /// The node's usage line: the command's own, or `tminus <group path> <command>` for a group.
    var usage: String {
        switch self {
        case .command(let command, _):
            return command.usage
        case .group(_, let path):
            return (["tminus"] + path + ["<command>"]).joined(separator: " ")
        }
    }

    /// How to ask for this node's help: `tminus help sim run`.
    var helpInvocation: String {
        (["tminus", "help"] + path).joined(separator: " ")
    }
}
