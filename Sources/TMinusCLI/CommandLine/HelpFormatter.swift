/// Generates the help page of a command or group from its declared metadata, in the layout of
/// argument-parser: OVERVIEW, USAGE, discussion, ARGUMENTS, OPTIONS, COMMANDS.
///
/// Guarantees: the output depends only on the declarations (no terminal width, no environment),
/// ends with a newline, and lists children and options in declaration order.
enum HelpFormatter {
    /// Total width the tables are wrapped to.
    static let width = 80
    /// Width of the label column of a table (names, `--seed <N>`); longer labels get their own line.
    static let labelWidth = 26

    /// The help page for `node`.
    static func help(for node: CommandTreeNode) -> String {
        var sections: [String] = []
        switch node {
        case .command(let command, _):
            sections.append("OVERVIEW: \(command.abstract)")
            sections.append("USAGE: \(command.usage)")
            if !command.discussion.isEmpty { sections.append(command.discussion) }
            let positionals = command.options.filter(\.isPositional)
            if !positionals.isEmpty {
                sections.append("ARGUMENTS:\n" + table(positionals.map { ($0.displayName, describe($0)) }))
            }
            let options = command.options.filter { !$0.isPositional }
            sections.append("OPTIONS:\n" + table(options.map { (label(for: $0), describe($0)) } + [helpRow]))
        case .group(let group, let path):
            sections.append(contentsOf: groupSections(group, path: path, usage: node.usage))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    private static let helpRow = ("-h, --help", "Show help information.")

    private static func groupSections(_ group: CommandGroup, path: [String], usage: String) -> [String] {
        var sections = ["OVERVIEW: \(group.abstract)", "USAGE: \(usage)"]
        if !group.discussion.isEmpty { sections.append(group.discussion) }
        let children =
            group.subcommands.map { ($0.name, $0.abstract) } + group.groups.map { ($0.name, $0.abstract) }
        if children.isEmpty {
            sections.append("COMMANDS:\n  (no subcommands yet)")
        } else {
            sections.append("COMMANDS:\n" + table(children))
        }
        var options = [helpRow]
        if path.isEmpty { options.append(("--version", "Print the version and exit.")) }
        sections.append("OPTIONS:\n" + table(options))
        if !children.isEmpty {
            let invocation = (["tminus", "help"] + path + ["<command>"]).joined(separator: " ")
            sections.append("See '\(invocation)' for help on a command.")
        }
        return sections
    }

    /// `-q, --quiet` or `--seed <N>`.
    private static func label(for spec: OptionSpec) -> String {
        if let short = spec.shortName { return "\(short), \(spec.displayName)" }
        return spec.displayName
    }

    /// The help text with notes on whether the argument is required or repeatable.
    private static func describe(_ spec: OptionSpec) -> String {
        var notes: [String] = []
        if spec.isRequired && !spec.isPositional { notes.append("required") }
        if spec.isRepeatable && !spec.isPositional { notes.append("can be repeated") }
        return notes.isEmpty ? spec.help : "\(spec.help) (\(notes.joined(separator: ", ")))"
    }

    /// Two columns: labels indented by 2, help text wrapped to ``width`` after ``labelWidth``.
    static func table(_ rows: [(label: String, help: String)]) -> String {
        let indent = String(repeating: " ", count: 2 + labelWidth)
        var lines: [String] = []
        for row in rows {
            let wrapped = wrap(row.help, width: width - indent.count)
            let label = "  " + row.label
            if label.count + 1 > indent.count || wrapped.isEmpty {
                lines.append(label)
                lines.append(contentsOf: wrapped.map { indent + $0 })
            } else {
                let padding = String(repeating: " ", count: indent.count - label.count)
                lines.append(label + padding + wrapped[0])
                lines.append(contentsOf: wrapped.dropFirst().map { indent + $0 })
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Splits `text` into lines of at most `width` characters at spaces (a longer word stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
