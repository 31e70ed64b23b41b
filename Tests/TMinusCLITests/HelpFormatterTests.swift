import Testing

@testable import TMinusCLI

struct HelpFormatterTests {
    @Test func rendersACommandPageWithEverySection() throws {
        let node = try FixtureTree.root.node(at: ["sim", "run"])
        let help = HelpFormatter.help(for: node)
        #expect(
            help == """
                OVERVIEW: Run scenarios (fixture).

                USAGE: tminus sim run <scenario>... [--seed N | --seeds A..B] [--report DIR] [--quiet]

                Runs each scenario once per seed.

                ARGUMENTS:
                  <scenario>...             Scenario files or directories.

                OPTIONS:
                  --seed <N>                The seed, or a 40-hex git commit hash.
                  --seeds <A..B>            An inclusive range of seeds.
                  --report <DIR>            Where to write reports.
                  -t, --tag <NAME>          Label the run. (can be repeated)
                  --time-budget <DURATION>  Stop after this long.
                  --workers <N>             Parallel workers.
                  -q, --quiet               No progress output.
                  -l, --lite                Quick profile.
                  -h, --help                Show help information.

                """)
    }

    @Test func marksRequiredOptions() throws {
        let help = HelpFormatter.help(for: try FixtureTree.root.node(at: ["copy"]))
        #expect(help.contains("  --mode <MODE>             How. (required)\n"))
        #expect(help.contains("  <source>                  From.\n"))
    }

    @Test func rendersAGroupPageListingCommandsThenGroups() throws {
        let help = HelpFormatter.help(for: try FixtureTree.root.node(at: ["sim"]))
        #expect(
            help == """
                OVERVIEW: Simulator (fixture).

                USAGE: tminus sim <command>

                COMMANDS:
                  run                       Run scenarios (fixture).
                  deep                      Nested (fixture).

                OPTIONS:
                  -h, --help                Show help information.

                See 'tminus help sim <command>' for help on a command.

                """)
    }

    @Test func saysAnEmptyGroupHasNoSubcommandsYet() throws {
        let help = HelpFormatter.help(for: try FixtureTree.root.node(at: ["bench"]))
        #expect(help.contains("COMMANDS:\n  (no subcommands yet)\n"))
        #expect(!help.contains("See 'tminus help"))
    }

    @Test func offersTheVersionFlagOnlyAtTheRoot() throws {
        #expect(HelpFormatter.help(for: try FixtureTree.root.node(at: [])).contains("--version"))
        #expect(!HelpFormatter.help(for: try FixtureTree.root.node(at: ["sim"])).contains("--version"))
    }

    @Test func wrapsLongHelpTextUnderTheHelpColumn() {
        let text = Array(repeating: "word", count: 30).joined(separator: " ")
        let table = HelpFormatter.table([("--long", text)])
        let lines = table.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= HelpFormatter.width })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 28) + "word") })
    }

    @Test func putsAnOverlongLabelOnItsOwnLine() {
        let label = "--a-very-long-option-name <VALUE>"
        #expect(HelpFormatter.table([(label, "Help.")]) == "  \(label)\n" + String(repeating: " ", count: 28) + "Help.")
    }

    @Test func wrapsWordsWithoutBreakingThem() {
        #expect(HelpFormatter.wrap("aa bb cc", width: 5) == ["aa bb", "cc"])
        #expect(HelpFormatter.wrap("abcdefgh ij", width: 4) == ["abcdefgh", "ij"])
        #expect(HelpFormatter.wrap("", width: 10) == [])
    }
}
