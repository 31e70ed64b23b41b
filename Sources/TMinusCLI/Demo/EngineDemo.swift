import TMinusCore
import TMinusStore

/// The built-in demo (the main job until the scenario suite lands): one user, three accounts
/// (Google, Microsoft, CalDAV), a few provider deltas, a policy change, and what it all produced.
///
/// Deterministic: the same seed prints the same text, byte for byte.
struct EngineDemo {
    let seed: UInt64
    let databasePath: String
    let io: CommandIO

    func run() throws(StoreError) {
        let start = Timestamp(secondsSinceEpoch: 1_772_438_400)  // 2026-03-02T08:00:00Z
        let clock = ManualClock(start: start)
        let environment = Environment(clock: clock, random: RandomSource(seed: seed), trace: NullTraceSink())
        let graph = try UserGraphStore(userID: "usr_demo", path: databasePath, environment: environment)
        let accounts: [(String, ProviderKind)] = [
            ("acc_google", .google), ("acc_microsoft", .microsoft), ("acc_caldav", .caldav),
        ]
        io.print(
            "T-Minus demo (seed \(seed)) — user usr_demo with \(accounts.count) accounts, default policy: BUSY both ways"
        )
        for (account, provider) in accounts { try graph.linkAccount(account, provider: provider) }

        step(1, "provider deltas arrive")
        let berlin = "Europe/Berlin"
        func at(_ hours: Int64, _ minutes: Int64 = 60) -> (EventDateTime, EventDateTime) {
            let begin = start.adding(.seconds(hours * 3600))
            return (.timed(begin, timeZone: berlin), .timed(begin.adding(.seconds(minutes * 60)), timeZone: berlin))
        }
        let (s1, e1) = at(2)
        let (s2, e2) = at(5, 30)
        let offsite = CalendarDate(year: 2026, month: 3, day: 4)!
        var review = EventContent(
            title: "Quarterly review", description: "Numbers, risks", location: "Room 4", start: s1, end: e1)
        let dentist = EventContent(title: "Dentist", start: s2, end: e2, visibility: .private)
        let offsiteContent = EventContent(title: "Team offsite", start: .allDay(offsite), end: .allDay(offsite.next))
        report(
            try graph.applyProviderDeltas(
                accountID: "acc_google",
                [
                    ProviderEventDelta(
                        kind: .created, providerEventID: "g-review", calendarID: "primary", content: review),
                    ProviderEventDelta(
                        kind: .created, providerEventID: "g-dentist", calendarID: "primary", content: dentist),
                ]), "acc_google")
        clock.advance(by: .seconds(60))
        report(
            try graph.applyProviderDeltas(
                accountID: "acc_caldav",
                [
                    ProviderEventDelta(
                        kind: .created, providerEventID: "offsite@example.org", calendarID: "home",
                        content: offsiteContent)
                ]), "acc_caldav")

        step(2, "the same delta again (a redelivery): nothing changes")
        clock.advance(by: .seconds(60))
        report(
            try graph.applyProviderDeltas(
                accountID: "acc_caldav",
                [
                    ProviderEventDelta(
                        kind: .updated, providerEventID: "offsite@example.org", calendarID: "home",
                        content: offsiteContent)
                ]), "acc_caldav")

        step(3, "policy change: Google → Microsoft becomes FULL")
        clock.advance(by: .seconds(60))
        var edges = try graph.effectiveEdges()
        if let index = edges.firstIndex(where: { $0.fromAccountID == "acc_google" && $0.toAccountID == "acc_microsoft" }
        ) {
            edges[index].detail = .full
            edges[index].kind = .trueMirror
        }
        io.print("    outbox entries written: \(try graph.setPolicyEdges(edges))")

        step(4, "the review moves by 30 minutes; the dentist visit is cancelled")
        clock.advance(by: .seconds(60))
        let (s3, e3) = at(2, 90)
        review.start = s3
        review.end = e3
        report(
            try graph.applyProviderDeltas(
                accountID: "acc_google",
                [
                    ProviderEventDelta(
                        kind: .updated, providerEventID: "g-review", calendarID: "primary", content: review),
                    ProviderEventDelta(
                        kind: .deleted, providerEventID: "g-dentist", calendarID: "primary", content: nil),
                ]), "acc_google")

        try printMirrors(graph)
        try printJournal(graph)
        io.print("")
        io.print("outbox: \(try graph.outboxEntries().count) commands waiting for the write queue")
    }

    private func step(_ number: Int, _ title: String) {
        io.print("")
        io.print("\(number). \(title)")
    }

    private func report(_ result: ApplyResult, _ account: String) {
        io.print(
            "    \(account): created \(result.created), updated \(result.updated), deleted \(result.deleted), "
                + "unchanged \(result.unchanged), outbox +\(result.outboxEntries)")
    }

    private func printMirrors(_ graph: UserGraphStore) throws(StoreError) {
        io.print("")
        io.print("Mirrors (canonical event → target account: state, detail, what the target will show)")
        let events = try graph.allEvents()
        let latest = try graph.outboxEntries().reduce(into: [String: MirrorCommand]()) { map, entry in
            map["\(entry.command.canonicalEventID)→\(entry.command.targetAccountID)"] = entry.command
        }
        for mirror in try graph.allMirrors() {
            let origin = events.first { $0.id == mirror.canonicalEventID }
            let label = origin.map { "\($0.originAccountID)/\($0.originEventID)" } ?? mirror.canonicalEventID
            var shown = ""
            if case .upsert(let upsert)? = latest["\(mirror.canonicalEventID)→\(mirror.targetAccountID)"] {
                let p = upsert.projection.payload
                shown = " \"\(p.summary)\"" + (p.location.map { " @ \($0)" } ?? "") + " \(p.start)"
            }
            io.print(
                "    \(label) → \(mirror.targetAccountID): \(mirror.state.rawValue), \(mirror.detail.rawValue)\(shown)")
        }
    }

    private func printJournal(_ graph: UserGraphStore) throws(StoreError) {
        io.print("")
        io.print("Journal (append-only)")
        for entry in try graph.journalEntries() {
            io.print("    #\(entry.sequence) \(entry.at) \(entry.actor) \(entry.changeType.rawValue) — \(entry.reason)")
        }
    }
}
