import Foundation
import TMinusCore
import TMinusLive
import TMinusProviders

/// `tminus bench caldav-sync`: times the CalDAV adapter's full sync of one calendar on a local
/// CalDAV server (Radicale, started and filled by `scripts/caldav-sync-bench.sh`) next to the floor
/// any client pays — one raw `calendar-query` REPORT asking for every resource with its
/// calendar-data — and then incremental syncs with no change and with a few changed events.
/// A benchmark never fails: it prints numbers and exits 0 (1 only when the server cannot be used).
struct BenchCalDAVSyncCommand: CLICommand {
    static let name = "caldav-sync"
    static let abstract = "Time CalDAV full and incremental syncs against a local server next to one raw REPORT."
    static let usage =
        "tminus bench caldav-sync --url URL --calendar PATH [--user NAME] [--password SECRET] [--changes N] [--repeat N]"
    static let discussion = """
        Talks to a CalDAV server on this machine only (127.0.0.1, ::1, localhost). Each round runs one raw \
        calendar-query REPORT with calendar-data (the server-bound floor) and one full sync with the adapter \
        (sync-collection, parsing, recurrence expansion, UID index); the best of each is reported with their \
        ratio (target: full sync within 1.3x of the raw REPORT). Then --changes events are rewritten through \
        HTTP and the incremental sync that picks them up is timed. Use scripts/caldav-sync-bench.sh, which \
        fills Radicale's storage directly with 1,000 and 5,000 events and builds with -c release.
        """
    static let options: [OptionSpec] = [
        .option("--url", value: "URL", help: "The server URL, e.g. http://127.0.0.1:5232/.", required: true),
        .option(
            "--calendar", value: "PATH", help: "The calendar collection path, e.g. /test/bench-1000/.", required: true),
        .option("--user", value: "NAME", help: "Basic auth user (default test)."),
        .option("--password", value: "SECRET", help: "Basic auth password (default test)."),
        .option("--changes", value: "N", help: "Events rewritten before the incremental sync (default 10)."),
        .option("--repeat", value: "N", help: "Rounds; the best is reported (default 3)."),
    ]

    let url: String
    let calendar: String
    let user: String
    let password: String
    let changes: Int
    let repetitions: Int

    init(parsed: ParsedArguments) throws(CommandLineError) {
        url = parsed.string("--url") ?? ""
        calendar = CalDAVCalendarProvider.collectionPath(parsed.string("--calendar") ?? "/")
        user = parsed.string("--user") ?? "test"
        password = parsed.string("--password") ?? "test"
        changes = try parsed.int("--changes", in: 0...1_000) ?? 10
        repetitions = try parsed.int("--repeat", in: 1...20) ?? 3
    }

    func validate() throws(CommandLineError) {
        guard let parts = URLParts(url), URLSessionTransport.isLoopback(parts.host) else {
            throw .invalid("--url must be an http(s) URL on 127.0.0.1, ::1 or localhost (got '\(url)')")
        }
        guard calendar != "/" else { throw .invalid("--calendar needs the collection path, e.g. /test/bench-1000/") }
    }

    func run(_ io: CommandIO) -> ExitCode {
        let bench = CalDAVSyncBench(
            url: url, calendar: calendar, credential: .basic(user: user, password: ProviderSecret(password)),
            changes: changes, repetitions: repetitions)
        let lines = BlockingRun.block { await bench.run() }
        for line in lines.output { io.print(line) }
        if let failure = lines.failure {
            io.printError("tminus: error: \(failure)")
            return .failure
        }
        return .success
    }
}
