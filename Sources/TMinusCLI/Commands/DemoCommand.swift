import TMinusCore
import TMinusStore

/// `tminus demo`: the built-in engine demo (see ``EngineDemo``).
struct DemoCommand: CLICommand {
    static let name = "demo"
    static let abstract = "Run the built-in engine demo: three accounts, deltas, a policy change, mirrors and journal."
    static let usage = "tminus demo [--seed N] [--database FILE]"
    static let discussion = """
        Creates a user with a Google, a Microsoft and a CalDAV account, applies provider deltas, replays one,
        changes a policy edge, and prints the resulting mirrors and journal. The output is deterministic for a seed.
        With --database the user graph is written to FILE (SQLite) instead of memory, so you can inspect it.
        """
    static let options: [OptionSpec] = [
        .option("--seed", value: "N", help: "Seed for IDs (default 1); a 40-hex commit hash is accepted."),
        .option("--database", value: "FILE", help: "Write the user graph to this SQLite file instead of memory."),
    ]

    let seed: UInt64
    let database: String?

    init(parsed: ParsedArguments) throws(CommandLineError) {
        seed = try parsed.seed("--seed") ?? 1
        database = parsed.string("--database")
    }

    func run(_ io: CommandIO) -> ExitCode {
        do {
            try EngineDemo(seed: seed, databasePath: database ?? ":memory:", io: io).run()
            return .success
        } catch {
            io.printError("tminus: error: demo failed: \(error)")
            return .failure
        }
    }
}
