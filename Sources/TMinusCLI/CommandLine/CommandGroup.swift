import TMinusCore

/// A named set of subcommands and nested groups, such as `sim` or `bench`; the root group is
/// `tminus` itself (see `CommandTable.swift`).
///
/// A group cannot run; naming it alone (or with `--help`) prints its help. Children are listed in
/// help in registration order: commands first, then groups. Names must be unique within a group,
/// which `CommandTableTests` checks for the real table.
public struct CommandGroup: Sendable {
    /// The word that selects the group, for example `"sim"`; `"tminus"` for the root.
    public let name: String
    /// One line for the command list and the top of the group's help page.
    public let abstract: String
    /// Longer help text; empty by default.
    public let discussion: String
    /// The runnable commands directly in this group.
    public let subcommands: [any CLICommand.Type]
    /// The groups nested in this group.
    public let groups: [CommandGroup]

    /// Creates a group; see `CommandTable.swift` for how the tree is assembled.
    public init(
        name: String, abstract: String, discussion: String = "",
        subcommands: [any CLICommand.Type] = [], groups: [CommandGroup] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.subcommands = subcommands
        self.groups = groups
    }

    /// The names of every child, commands first, in registration order.
    public var childNames: [String] {
        subcommands.map { $0.name } + groups.map(\.name)
    }

    /// The child called `word`, if any.
    func child(named word: String) -> CommandTreeNode.Child? {
        if let command = subcommands.first(where: { $0.name == word }) { return .command(command) }
        if let group = groups.first(where: { $0.name == word }) { return .group(group) }
        return nil
    }

    /// The node at `path` below this group (the group itself for an empty path).
    /// - Throws: ``CommandLineError/unknownCommand(_:path:suggestion:available:)`` for a word that
    ///   names no child, or ``CommandLineError/unexpectedArgument(_:)`` for words after a command.
    func node(at path: [String]) throws(CommandLineError) -> CommandTreeNode {
        var group = self
        var walked: [String] = []
        for (index, word) in path.enumerated() {
            switch group.child(named: word) {
            case .group(let next):
                group = next
                walked.append(word)
            case .command(let command):
                if index + 1 < path.count { throw .unexpectedArgument(path[index + 1]) }
                return .command(command, path: walked + [word])
            case nil:
                throw group.unknownChild(word, path: walked)
            }
        }
        return .group(group, path: walked)
    }

    /// The error for `word` not naming a child of this group, with a suggestion if one is close.
    func unknownChild(_ word: String, path: [String]) -> CommandLineError {
        let names = childNames
        return .unknownCommand(
            word, path: path, suggestion: EditDistance.closest(to: word, among: names), available: names)
    }
}
