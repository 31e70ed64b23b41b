import TMinusCore
import TMinusProviders

/// `tminus bench providers`: how fast the Google adapter turns `events.list` pages into records
/// (the sync hot path), and how fast it encodes mirror writes. A benchmark never fails: it prints
/// numbers and exits 0. Wall time is read here, in the CLI layer, and nowhere else.
struct BenchProvidersCommand: CLICommand {
    static let name = "providers"
    static let abstract = "Measure Google events.list page parsing (events/s) and mirror write encoding."
    static let usage = "tminus bench providers [--events N] [--page-size N] [--repeat N]"
    static let discussion = """
        Builds synthetic events.list pages in Google's wire shape (timed events with zones, all-day events, \
        recurring instances, id-only cancellations, managed mirrors with private extended properties), then \
        parses them with the adapter's pure parser and encodes as many projected mirrors as insert bodies. \
        Build with -c release for meaningful numbers: swift run -c release tminus bench providers.
        """
    static let options: [OptionSpec] = [
        .option("--events", value: "N", help: "Events to parse per run (default 100000)."),
        .option("--page-size", value: "N", help: "Events per page, as maxResults (default 250, max 2500)."),
        .option("--repeat", value: "N", help: "Runs per measurement; the best is reported (default 3)."),
    ]

    let events: Int
    let pageSize: Int
    let repetitions: Int

    init(parsed: ParsedArguments) throws(CommandLineError) {
        events = try parsed.int("--events", in: 1...10_000_000) ?? 100_000
        pageSize = try parsed.int("--page-size", in: 1...2500) ?? 250
        repetitions = try parsed.int("--repeat", in: 1...50) ?? 3
    }

    func run(_ io: CommandIO) -> ExitCode {
        let pages = SyntheticGooglePages.pages(events: events, pageSize: pageSize)
        let bytes = pages.reduce(0) { $0 + $1.count }
        io.print(
            "bench providers: \(events) events in \(pages.count) pages of \(pageSize), \(bytes / 1024) KiB, best of \(repetitions)"
        )
        var parsed = 0
        let parseNanoseconds = best {
            parsed = 0
            for page in pages {
                guard let result = try? GoogleResponses.eventsPage(page, calendarID: "primary") else { continue }
                parsed += result.records.count
            }
        }
        if parsed != events {
            io.printError("tminus: warning: parsed \(parsed) of \(events) events (a page failed to parse)")
        }
        io.print(
            "  google events.list parse: \(Self.compact(Self.rate(parsed, parseNanoseconds))) events/s, "
                + "\(Self.fixed(Double(bytes) / 1_048_576 / (Double(max(1, parseNanoseconds)) / 1e9), 1)) MiB/s "
                + "(\(Self.fixed(Double(parseNanoseconds) / 1e6, 1)) ms)")
        let jsonNanoseconds = best {
            for page in pages { _ = try? WireJSON.parse(page) }
        }
        io.print(
            "  of which wire JSON only:  \(Self.compact(Self.rate(events, jsonNanoseconds))) events/s "
                + "(\(Self.fixed(Double(jsonNanoseconds) / 1e6, 1)) ms; the rest maps events to records)")
        let projections = SyntheticGooglePages.projections(count: min(events, 100_000))
        var encoded = 0
        let encodeNanoseconds = best {
            encoded = 0
            for (index, projection) in projections.enumerated() {
                let key = MirrorKey(
                    canonicalEventID: projection.markers.canonicalEventID, targetAccountID: "acc_\(index % 5)")
                let body = try? GoogleEventEncoder.body(
                    for: projection, id: GoogleEventID.deterministic(for: key), operation: "bench")
                encoded += body == nil ? 0 : 1
            }
        }
        io.print(
            "  google insert encode:     \(Self.compact(Self.rate(encoded, encodeNanoseconds))) events/s "
                + "(ID derivation + body; \(Self.fixed(Double(encodeNanoseconds) / 1e6, 1)) ms)")
        return .success
    }

    private func best(_ body: () -> Void) -> Int64 {
        var fastest = Int64.max
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            let started = clock.now
            body()
            fastest = min(fastest, started.duration(to: clock.now).nanoseconds)
        }
        return fastest
    }

    private static func rate(_ count: Int, _ nanoseconds: Int64) -> Double {
        Double(count) * 1e9 / Double(max(1, nanoseconds))
    }

    private static func compact(_ value: Double) -> String {
        if value >= 1e6 { return fixed(value / 1e6, 2) + "M" }
        if value >= 1e3 { return fixed(value / 1e3, 1) + "k" }
        return fixed(value, 0)
    }

    /// `value` with exactly `digits` decimals, without Foundation formatting.
    private static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        guard digits > 0 else { return String(whole) }
        let fraction = String(abs(scaled % Int64(scale)))
        return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}

/// Deterministic benchmark payloads in Google's documented shapes.
enum SyntheticGooglePages {
    static func pages(events: Int, pageSize: Int) -> [[UInt8]] {
        stride(from: 0, to: events, by: pageSize).map { first in
            let items = (first..<min(events, first + pageSize)).map(item)
            let last = first + pageSize >= events
            let members: [WireMember] = [
                WireMember("kind", .string("calendar#events")), WireMember("etag", .string("\"p32cd7vqcekr8a0g\"")),
                WireMember("summary", .string("alice@example.com")),
                WireMember("timeZone", .string("America/New_York")),
                WireMember("accessRole", .string("owner")), WireMember("items", .array(items)),
                WireMember(last ? "nextSyncToken" : "nextPageToken", .string("CPDAlvWDx70CEPDAlvWDx70CGAU\(first)")),
            ]
            return WireJSON.object(members).serialized
        }
    }

    private static func item(_ index: Int) -> WireJSON {
        let id = "bench\(index)"
        if index % 10 == 9 {
            return .object([
                WireMember("kind", .string("calendar#event")), WireMember("id", .string(id)),
                WireMember("status", .string("cancelled")),
            ])
        }
        let day = 1 + index % 28
        let date = "2026-03-\(day < 10 ? "0" : "")\(day)"
        var members: [WireMember] = [
            WireMember("kind", .string("calendar#event")), WireMember("etag", .string("\"34209518\(index)\"")),
            WireMember("id", .string(id)), WireMember("status", .string("confirmed")),
            WireMember("created", .string("2026-02-20T10:15:30.000Z")),
            WireMember("updated", .string("2026-02-21T08:03:58.709Z")),
            WireMember("summary", .string("Meeting \(index) with the team about the quarterly plan")),
            WireMember("description", .string("Agenda item \(index): roadmap, hiring, budget. Bring numbers.")),
            WireMember("iCalUID", .string("\(id)@google.com")), WireMember("sequence", .number("0")),
            WireMember("reminders", .object([WireMember("useDefault", .bool(true))])),
        ]
        if index % 10 == 8 {
            members += [
                WireMember("start", .object([WireMember("date", .string(date))])),
                WireMember("end", .object([WireMember("date", .string(date))])),
            ]
        } else {
            let zone = WireMember("timeZone", .string(index % 2 == 0 ? "America/New_York" : "Europe/Berlin"))
            members += [
                WireMember("start", .object([WireMember("dateTime", .string("\(date)T09:00:00-05:00")), zone])),
                WireMember("end", .object([WireMember("dateTime", .string("\(date)T10:00:00-05:00")), zone])),
            ]
        }
        if index % 5 == 0 {
            members += [
                WireMember("recurringEventId", .string("series\(index % 7)")),
                WireMember("originalStartTime", .object([WireMember("dateTime", .string("\(date)T14:00:00Z"))])),
            ]
        }
        if index % 3 == 0 {
            let properties = ManagedMarkers(canonicalEventID: "evt_\(index)", originAccountID: "acc_1").evidence(
                for: .google)
            if case .google(let map) = properties {
                let sorted = map.sorted { $0.key < $1.key }.map { WireMember($0.key, .string($0.value)) }
                members.append(WireMember("extendedProperties", .object([WireMember("private", .object(sorted))])))
            }
        }
        return .object(members)
    }

    static func projections(count: Int) -> [ProjectedEvent] {
        (0..<count).map { index in
            let start = Timestamp(secondsSinceEpoch: 1_772_323_200 + Int64(index) * 1800)
            return ProjectedEvent(
                summary: index % 2 == 0 ? "Busy" : "Meeting \(index)",
                description: index % 4 == 1 ? "Agenda \(index)" : nil,
                location: nil, start: .timed(start, timeZone: "Europe/Berlin"),
                end: .timed(start.adding(.seconds(1800)), timeZone: "Europe/Berlin"),
                transparency: .opaque, visibility: index % 2 == 0 ? .private : .default,
                markers: ManagedMarkers(canonicalEventID: "evt_\(index)", originAccountID: "acc_\(index % 3)"))
        }
    }
}
