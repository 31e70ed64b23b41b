/// `tminus bench core`: user-graph delta throughput against raw SQLite inserts (see ``CoreBenchmark``).
struct BenchCoreCommand: CLICommand {
    static let name = "core"
    static let abstract = "Measure provider deltas applied per second (4 outgoing edges) against raw SQLite inserts."
    static let usage = "tminus bench core [--deltas N] [--batch N]"
    static let discussion = """
        Applies N provider deltas to a file-backed user graph with five accounts and all-pairs edges, so each delta
        writes a canonical event, a journal entry, 4 mirror rows and 4 outbox entries. In the same run it inserts the
        same rows with plain prepared statements, and prints both rates and their ratio (target: within 3x). Build in
        release for meaningful numbers: swift run -c release tminus bench core. It never fails on a slow result.
        """
    static let options: [OptionSpec] = [
        .option("--deltas", value: "N", help: "How many deltas to apply (default 20000)."),
        .option("--batch", value: "N", help: "Deltas per transaction (default 100)."),
        .option("--rounds", value: "N", help: "Alternating rounds; the best of each side counts (default 3)."),
    ]

    let deltas: Int
    let batch: Int
    let rounds: Int

    init(parsed: ParsedArguments) throws(CommandLineError) {
        deltas = try parsed.int("--deltas", in: 1...10_000_000) ?? 20_000
        batch = try parsed.int("--batch", in: 1...100_000) ?? 100
        rounds = try parsed.int("--rounds", in: 1...20) ?? 3
    }

    func run(_ io: CommandIO) -> ExitCode {
        do {
            let (engine, raw) = try CoreBenchmark(deltas: deltas, batchSize: batch, rounds: rounds).run()
            let ratio = raw.rate / engine.rate
            io.print("bench core: \(deltas) deltas, batches of \(batch), 4 outgoing edges per delta, best of \(rounds) rounds")
            io.print("  engine:      \(Int(engine.rate)) deltas/s (\(format(engine.seconds)) s)")
            io.print("  raw inserts: \(Int(raw.rate)) deltas/s (\(format(raw.seconds)) s, 10 rows per delta)")
            io.print("  ratio:       \(format(ratio))x slower than raw inserts (target ≤ 3x: \(ratio <= 3 ? "met" : "not met"))")
            return .success
        } catch {
            io.printError("tminus: error: bench core failed: \(error)")
            return .failure
        }
    }

    private func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
