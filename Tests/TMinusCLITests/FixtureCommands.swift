@testable import TMinusCLI

/// A command with every kind of argument, for decoding, resolution and help tests.
struct RunFixture: CLICommand {
    static let name = "run"
    static let abstract = "Run scenarios (fixture)."
    static let usage = "tminus sim run <scenario>... [--seed N | --seeds A..B] [--report DIR] [--quiet]"
    static let discussion = "Runs each scenario once per seed."
    static let options: [OptionSpec] = [
        .positional("scenario", help: "Scenario files or directories.", repeating: true),
        .option("--seed", value: "N", help: "The seed, or a 40-hex git commit hash."),
        .option("--seeds", value: "A..B", help: "An inclusive range of seeds."),
        .option("--report", value: "DIR", help: "Where to write reports."),
        .option("--tag", short: "t", value: "NAME", help: "Label the run.", repeatable: true),
        .option("--time-budget", value: "DURATION", help: "Stop after this long."),
        .option("--workers", value: "N", help: "Parallel workers."),
        .flag("--quiet", short: "q", help: "No progress output."),
        .flag("--lite", short: "l", help: "Quick profile."),
    ]

    let scenarios: [String]
    let seed: UInt64?
    let seeds: ClosedRange<UInt64>?
    let report: String?
    let tags: [String]
    let timeBudget: Duration?
    let workers: Int?
    let quiet: Bool
    let lite: Bool

    init(parsed: ParsedArguments) throws(CommandLineError) {
        scenarios = parsed.strings("scenario")
        seed = try parsed.seed("--seed")
        seeds = try parsed.range("--seeds")
        report = parsed.string("--report")
        tags = parsed.strings("--tag")
        timeBudget = try parsed.duration("--time-budget")
        workers = try parsed.int("--workers", in: 1...64)
        quiet = parsed.flag("--quiet")
        lite = parsed.flag("--lite")
    }

    func validate() throws(CommandLineError) {
        if seed != nil && seeds != nil {
            throw .invalid("give either --seed or --seeds, not both")
        }
    }

    func run(_ io: CommandIO) -> ExitCode {
        io.print("ran \(scenarios.joined(separator: ",")) seed=\(seed.map(String.init) ?? "none")")
        return scenarios.contains("failing.json") ? .failure : .success
    }
}

/// A command with one required positional and one required option.
struct CopyFixture: CLICommand {
    static let name = "copy"
    static let abstract = "Copy a file (fixture)."
    static let usage = "tminus copy <source> <destination> --mode MODE"
    static let options: [OptionSpec] = [
        .positional("source", help: "From."),
        .positional("destination", help: "To."),
        .option("--mode", value: "MODE", help: "How.", required: true),
    ]

    let source: String

    init(parsed: ParsedArguments) throws(CommandLineError) {
        source = parsed.string("source") ?? ""
    }

    func run(_ io: CommandIO) -> ExitCode {
        io.printError("copying \(source)")
        return .success
    }
}

/// The tree the framework tests resolve against: root → copy, sim → run, sim deep → run, bench (empty).
enum FixtureTree {
    static let root = CommandGroup(
        name: "tminus",
        abstract: "Fixture root.",
        subcommands: [CopyFixture.self],
        groups: [
            CommandGroup(
                name: "sim", abstract: "Simulator (fixture).", subcommands: [RunFixture.self],
                groups: [CommandGroup(name: "deep", abstract: "Nested (fixture).", subcommands: [RunFixture.self])]),
            CommandGroup(name: "bench", abstract: "Benchmarks (fixture)."),
        ])

    /// Runs `arguments` against the fixture tree and captures the output.
    static func run(_ arguments: [String]) -> (status: ExitCode, stdout: String, stderr: String) {
        let captured = CommandIO.captured()
        let status = CommandRunner(root: root, version: "tminus 9.9.9").run(arguments, io: captured.io)
        return (status, captured.stdout.text, captured.stderr.text)
    }

    /// Parses `arguments` against the fixture tree without running anything.
    static func parse(_ arguments: [String]) -> CommandParser.Outcome {
        CommandParser(root: root, version: "tminus 9.9.9").parse(arguments)
    }
}
