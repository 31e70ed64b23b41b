// The one registration table of `tminus` subcommands.
//
// How to add a command:
//   1. Write a type conforming to `CLICommand` in `Sources/TMinusCLI/Commands/<Name>Command.swift`
//      (static name, abstract, usage starting with "tminus <group> <name>", options; init(parsed:),
//      optionally validate(), and run(_:) returning an ExitCode). See VersionCommand for the
//      smallest example and docs/cli.md for the whole recipe.
//   2. Add the type to `subcommands:` of the group it belongs to below (or to the root for a
//      top-level command). To add a group, add a `CommandGroup(...)` to `groups:`.
//   3. Run `swift test --filter TMinusCLITests`: CommandTableTests checks names are unique, usage
//      lines start with the command's path, and options are well-formed.
//
// Order here is the order help lists them in.

extension TMinusCommandLine {
    /// The command tree of `tminus`: every command and group, in the order help lists them.
    public static let root = CommandGroup(
        name: "tminus",
        abstract: "A calendar federation engine and the deterministic simulator that proves it.",
        subcommands: [
            HelpCommand.self,
            VersionCommand.self,
            DemoCommand.self,
        ],
        groups: [
            CommandGroup(
                name: "sim",
                abstract: "Run scenarios in the deterministic simulator.",
                subcommands: [
                    SimRunCommand.self,
                    SimReplayCommand.self,
                    SimKernelCheckCommand.self,
                    SimFuzzCommand.self,
                    SimMutantsCommand.self,
                ]
            ),
            CommandGroup(
                name: "golden",
                abstract: "Check or re-record the golden trace digests of the scenario suite.",
                subcommands: [
                    GoldenCheckCommand.self,
                    GoldenRecordCommand.self,
                ]
            ),
            CommandGroup(
                name: "bench",
                abstract: "Run the benchmark suite.",
                subcommands: [
                    BenchCoreCommand.self,
                    BenchSimCommand.self,
                    BenchProvidersCommand.self,
                    BenchCalDAVSyncCommand.self,
                    BenchWorldCommand.self,
                ]
            ),
            CommandGroup(
                name: "ical",
                abstract: "Inspect iCalendar files.",
                subcommands: [
                    ICalExpandCommand.self,
                ]
            ),
        ]
    )
}
