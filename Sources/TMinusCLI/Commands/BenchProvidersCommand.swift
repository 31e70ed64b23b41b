import TMinusCore
import TMinusProviders

/// `tminus bench providers`: how fast the Google and Graph adapters turn listing pages into
/// records (the sync hot path), and how fast they encode mirror writes. A benchmark never fails: it prints
/// numbers and exits 0. Wall time is read here, in the CLI layer, and nowhere else.
struct BenchProvidersCommand: CLICommand {
    static let name = "providers"
    static let abstract = "Measure Google and Graph listing page parsing (events/s) and mirror write encoding."
    static let usage = "tminus bench providers [--events N] [--page-size N] [--repeat N]"
    static let discussion = """
        Builds synthetic events.list pages in Google's wire shape (timed events with zones, all-day events, \
        recurring instances, id-only cancellations, managed mirrors with private extended properties), then \
        parses them with the adapter's pure parser and encodes as many projected mirrors as insert bodies; \
        then the same for Graph calendarView delta pages (Windows zones, 7-digit fractions, occurrences, \
        @removed entries, categories) and create bodies with transactionId. \
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
            "  google events.list parse: \(BenchFormat.compact(BenchFormat.rate(parsed, parseNanoseconds))) events/s, "
                + "\(BenchFormat.fixed(Double(bytes) / 1_048_576 / (Double(max(1, parseNanoseconds)) / 1e9), 1)) MiB/s "
                + "(\(BenchFormat.fixed(Double(parseNanoseconds) / 1e6, 1)) ms)")
        let jsonNanoseconds = best {
            for page in pages { _ = try? WireJSON.parse(page) }
        }
        io.print(
            "  of which wire JSON only:  \(BenchFormat.compact(BenchFormat.rate(events, jsonNanoseconds))) events/s "
                + "(\(BenchFormat.fixed(Double(jsonNanoseconds) / 1e6, 1)) ms; the rest maps events to records)")
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
            "  google insert encode:     \(BenchFormat.compact(BenchFormat.rate(encoded, encodeNanoseconds))) events/s "
                + "(ID derivation + body; \(BenchFormat.fixed(Double(encodeNanoseconds) / 1e6, 1)) ms)")
        benchGraph(io, projections: projections)
        benchCalDAV(io, projections: projections)
        return .success
    }

    /// Graph: calendarView delta page parsing and create-body encoding.
    private func benchGraph(_ io: CommandIO, projections: [ProjectedEvent]) {
        let pages = SyntheticGraphPages.pages(events: events, pageSize: min(pageSize, 1000))
        let bytes = pages.reduce(0) { $0 + $1.count }
        let property = GraphConfiguration.defaultMarkerPropertyID
        var parsed = 0
        let parseNanoseconds = best {
            parsed = 0
            for page in pages {
                let result = try? GraphResponses.deltaPage(page, calendarID: "c", propertyID: property)
                parsed += result?.records.count ?? 0
            }
        }
        if parsed != events { io.printError("tminus: warning: parsed \(parsed) of \(events) Graph events") }
        io.print(
            "  graph delta page parse:   \(BenchFormat.compact(BenchFormat.rate(parsed, parseNanoseconds))) events/s, "
                + "\(BenchFormat.fixed(Double(bytes) / 1_048_576 / (Double(max(1, parseNanoseconds)) / 1e9), 1)) MiB/s "
                + "(\(BenchFormat.fixed(Double(parseNanoseconds) / 1e6, 1)) ms)")
        let encodeNanoseconds = best {
            for (index, projection) in projections.enumerated() {
                let key = MirrorKey(
                    canonicalEventID: projection.markers.canonicalEventID, targetAccountID: "acc_\(index % 5)")
                _ = GraphEventEncoder.body(
                    for: projection, propertyID: property, transactionID: GraphMarkers.transactionID(for: key))
            }
        }
        io.print(
            "  graph create encode:      \(BenchFormat.compact(BenchFormat.rate(projections.count, encodeNanoseconds))) events/s "
                + "(transactionId + body; \(BenchFormat.fixed(Double(encodeNanoseconds) / 1e6, 1)) ms)")
    }

    private func best(_ body: () -> Void) -> Int64 { BenchFormat.fastest(repetitions: repetitions, body) }



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

/// Deterministic benchmark payloads in Graph's documented calendarView delta shape.
enum SyntheticGraphPages {
    static func pages(events: Int, pageSize: Int) -> [[UInt8]] {
        stride(from: 0, to: events, by: pageSize).map { first in
            let items = (first..<min(events, first + pageSize)).map(item)
            let link = first + pageSize >= events ? "@odata.deltaLink" : "@odata.nextLink"
            let token = first + pageSize >= events ? "$deltatoken" : "$skiptoken"
            return WireJSON.object([
                WireMember("@odata.context", .string("https://graph.microsoft.com/v1.0/$metadata#Collection(event)")),
                WireMember(link, .string("https://graph.microsoft.com/v1.0/me/calendars/c/calendarView/delta?\(token)=\(first)")),
                WireMember("value", .array(items)),
            ]).serialized
        }
    }

    private static func item(_ index: Int) -> WireJSON {
        let id = "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AZlnW4RIAV06KYYwlrfNZvQAAKG\(index)"
        let type = WireMember("@odata.type", .string("#microsoft.graph.event"))
        if index % 10 == 9 {
            let removed = WireMember("@removed", .object([WireMember("reason", .string("deleted"))]))
            return .object([type, WireMember("id", .string(id)), removed])
        }
        let day = 1 + index % 28
        let date = "2026-03-\(day < 10 ? "0" : "")\(day)"
        let allDay = index % 10 == 8
        let start = date + (allDay ? "T00:00:00.0000000" : "T09:00:00.0000000")
        let end = allDay ? "2026-03-29T00:00:00.0000000" : date + "T10:00:00.0000000"
        let zone = WireMember("timeZone", .string(index % 2 == 0 ? "Pacific Standard Time" : "UTC"))
        var members: [WireMember] = [
            type, WireMember("@odata.etag", .string("W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"")),
            WireMember("id", .string(id)), WireMember("changeKey", .string("ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==")),
            WireMember("lastModifiedDateTime", .string("2026-02-21T01:14:02.1134851Z")),
            WireMember("subject", .string("Meeting \(index) with the team about the quarterly plan")),
            WireMember(
                "body",
                .object([WireMember("contentType", .string("text")), WireMember("content", .string("Agenda"))])),
            WireMember("start", .object([WireMember("dateTime", .string(start)), zone])),
            WireMember("end", .object([WireMember("dateTime", .string(end)), zone])),
            WireMember("isAllDay", .bool(allDay)), WireMember("showAs", .string("busy")),
            WireMember("originalStartTimeZone", .string("W. Europe Standard Time")),
            WireMember("categories", .array(index % 3 == 0 ? [.string("T-Minus Managed")] : [])),
        ]
        if index % 5 == 0 {
            members += [
                WireMember("type", .string("occurrence")),
                WireMember("seriesMasterId", .string("AAkALgSeries\(index % 7)")),
                WireMember("originalStart", .string("\(date)T09:00:00Z")),
            ]
        }
        return .object(members)
    }
}
