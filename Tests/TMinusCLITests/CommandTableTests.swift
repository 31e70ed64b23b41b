import Testing

@testable import TMinusCLI

/// Checks the real registration table, so a newly added command that breaks a convention fails here.
struct CommandTableTests {
    /// Every command in the table with its path.
    private static func allCommands(
        in group: CommandGroup = TMinusCommandLine.root, path: [String] = []
    ) -> [(path: [String], command: any CLICommand.Type)] {
        group.subcommands.map { (path + [$0.name], $0) }
            + group.groups.flatMap { allCommands(in: $0, path: path + [$0.name]) }
    }

    private static func allGroups(in group: CommandGroup = TMinusCommandLine.root) -> [CommandGroup] {
        [group] + group.groups.flatMap { allGroups(in: $0) }
    }

    @Test func registersHelpVersionAndTheSimAndBenchGroups() {
        let root = TMinusCommandLine.root
        #expect(root.subcommands.map { $0.name }.starts(with: ["help", "version"]))
        #expect(root.groups.map(\.name).contains("sim"))
        #expect(root.groups.map(\.name).contains("bench"))
    }

    @Test func givesEveryChildOfAGroupAUniqueLowercaseName() {
        for group in Self.allGroups() {
            let names = group.childNames
            #expect(Set(names).count == names.count, "duplicate names in '\(group.name)': \(names)")
            for name in names {
                #expect(!name.isEmpty && !name.hasPrefix("-") && name == name.lowercased(), "bad name '\(name)'")
            }
        }
    }

    @Test func startsEveryUsageLineWithTheCommandsPath() {
        for (path, command) in Self.allCommands() {
            let prefix = (["tminus"] + path).joined(separator: " ")
            #expect(
                command.usage == prefix || command.usage.hasPrefix(prefix + " "),
                "usage '\(command.usage)' should start with '\(prefix)'")
        }
    }

    @Test func declaresWellFormedOptions() {
        for (path, command) in Self.allCommands() {
            let named = command.options.filter { !$0.isPositional }
            let names = named.map(\.name) + named.compactMap(\.shortName)
            #expect(Set(names).count == names.count, "duplicate option names in \(path): \(names)")
            let positionals = command.options.filter(\.isPositional)
            #expect(
                positionals.dropLast().allSatisfy { !$0.isRepeatable }, "only the last positional may repeat: \(path)")
            #expect(!command.abstract.isEmpty, "\(path) needs an abstract")
        }
    }

    @Test func rendersHelpForEveryNodeOfTheTable() throws {
        for (path, _) in Self.allCommands() {
            let help = HelpFormatter.help(for: try TMinusCommandLine.root.node(at: path))
            #expect(help.hasPrefix("OVERVIEW: "))
        }
    }
}
