import TMinusCore
import TMinusLive
import TMinusProviders

/// One run of `tminus bench caldav-sync` (see ``BenchCalDAVSyncCommand``): the measurements and
/// the lines they print. Wall time is read here, in the CLI layer, and nowhere else.
struct CalDAVSyncBench: Sendable {
    let url: String
    let calendar: String
    let credential: ProviderCredential
    let changes: Int
    let repetitions: Int

    /// What the run printed, and why it stopped early if it did.
    struct Output: Sendable {
        var output: [String] = []
        var failure: String?
    }

    var transport: URLSessionTransport { URLSessionTransport(timeout: 600, loopbackOnly: true) }

    func run() async -> Output {
        var out = Output()
        let transport = self.transport
        let provider = CalDAVCalendarProvider(
            transport: transport, credentials: FixedCredentialSource(credential),
            configuration: CalDAVConfiguration(serverURL: url), clock: SystemWallClock())
        out.output.append("bench caldav-sync: \(calendar) at \(url) (best of \(repetitions))")
        guard let warm = await rawReport(transport), warm.status == 207 else {
            out.failure =
                "the raw calendar-query REPORT on \(calendar) failed; is the server running and the calendar there?"
            return out
        }
        var raw = Int64.max
        var full = Int64.max
        var rawBody: [UInt8] = []
        var listing: EventListing?
        do {
            for _ in 0..<repetitions {
                let (rawTime, rawAnswer) = await timed { await rawReport(transport) }
                raw = min(raw, rawTime)
                rawBody = rawAnswer?.body ?? []
                let (fullTime, result) = try await timedThrowing { () async throws(ProviderError) in
                    try await provider.fullListing(calendarID: calendar, window: nil)
                }
                full = min(full, fullTime)
                listing = result
            }
        } catch {
            out.failure = "the full sync failed: \(error)"
            return out
        }
        guard let listing else { return out }
        let ratio = Double(full) / Double(max(1, raw))
        let resources = Set(listing.records.compactMap(\.iCalendarUID)).count
        out.output.append(
            "  raw calendar-query REPORT: \(BenchFormat.milliseconds(raw)) ms, \(rawBody.count / 1024) KiB")
        out.output.append(
            "  adapter full sync:         \(BenchFormat.milliseconds(full)) ms, \(resources) UIDs -> \(listing.records.count) records, "
                + "\(listing.pageCount) round(s), cursor \(listing.cursor.rawValue.utf8.count / 1024) KiB")
        out.output.append(
            "  full / raw:                \(BenchFormat.fixed(ratio, 2))x (target <= 1.3x: \(ratio <= 1.3 ? "met" : "MISSED"))"
        )
        out.output.append(clientShare(rawBody, listing: listing))
        var token = Int64.max
        for _ in 0..<repetitions {
            let (time, _) = await timed { await tokenPropfind(transport) }
            token = min(token, time)
        }
        out.output.append(
            "  sync-token PROPFIND alone:  \(BenchFormat.milliseconds(token)) ms (the server computing its token)")
        await incremental(provider, transport, after: listing, into: &out)
        return out
    }

    /// The adapter's own CPU time on the REPORT's bytes (XML, iCalendar, expansion, cursor), best
    /// of the repetitions: what the adapter adds on top of the server and the network.
    private func clientShare(_ body: [UInt8], listing: EventListing) -> String {
        guard let cursor = CalDAVCursor(listing.cursor) else { return "  adapter CPU: (no cursor)" }
        let reader = CalDAVResourceReader(cursor: cursor, floatingTimeZone: nil)
        let clock = ContinuousClock()
        var xml = Int64.max
        var total = Int64.max
        for _ in 0..<repetitions {
            let started = clock.now
            guard let answer = try? DAVMultistatus.parse(body) else { return "  adapter CPU: (unreadable REPORT body)" }
            let parsed = clock.now
            var index = cursor
            for member in answer.responses {
                guard let data = member.calendarData,
                    let result = try? reader.read(Array(data.utf8), etag: member.etag, previous: [])
                else { continue }
                index.members[member.href] = result.members
            }
            _ = index.cursor
            xml = min(xml, started.duration(to: parsed).nanoseconds)
            total = min(total, started.duration(to: clock.now).nanoseconds)
        }
        return "  adapter CPU on those bytes: \(BenchFormat.milliseconds(total)) ms (XML \(BenchFormat.milliseconds(xml)) ms, "
            + "iCalendar + expansion + cursor \(BenchFormat.milliseconds(total - xml)) ms)"
    }

    private func incremental(
        _ provider: CalDAVCalendarProvider, _ transport: URLSessionTransport, after listing: EventListing,
        into out: inout Output
    ) async {
        do {
            let (quietTime, quiet) = try await timedThrowing { () async throws(ProviderError) in
                try await provider.changes(calendarID: calendar, since: listing.cursor)
            }
            out.output.append(
                "  incremental, no change:    \(BenchFormat.milliseconds(quietTime)) ms, \(quiet.records.count) records")
            let uids = Array(Set(listing.records.compactMap(\.iCalendarUID)).sorted().prefix(changes))
            for uid in uids { await rewrite(uid, transport) }
            let (changedTime, changed) = try await timedThrowing { () async throws(ProviderError) in
                try await provider.changes(calendarID: calendar, since: quiet.cursor)
            }
            out.output.append(
                "  incremental, \(uids.count) changed:   \(BenchFormat.milliseconds(changedTime)) ms, \(changed.records.count) records"
            )
        } catch {
            out.failure = "an incremental sync failed: \(error)"
        }
    }

    /// One `calendar-query` REPORT for every VEVENT with its calendar-data: the floor.
    private func rawReport(_ transport: URLSessionTransport) async -> HTTPResponse? {
        let configuration = CalDAVConfiguration(serverURL: url)
        let request = DAVRequests.calendarQuery(
            url: configuration.url(forPath: calendar), DAVCalendarQuery(),
            authorization: credential.authorizationHeader)
        return try? await transport.send(request)
    }

    /// The `PROPFIND Depth 0` for the collection's sync-token that a full listing starts with.
    private func tokenPropfind(_ transport: URLSessionTransport) async -> HTTPResponse? {
        let configuration = CalDAVConfiguration(serverURL: url)
        let request = DAVRequests.propfind(
            url: configuration.url(forPath: calendar), depth: 0, CalDAVRequests.syncTokenOnly,
            authorization: credential.authorizationHeader)
        return try? await transport.send(request)
    }

    /// Rewrites one event's summary through HTTP (GET, then PUT with If-Match).
    private func rewrite(_ uid: String, _ transport: URLSessionTransport) async {
        let configuration = CalDAVConfiguration(serverURL: url)
        let resource = configuration.url(forPath: calendar) + CalDAVEventID.resourceName(forUID: uid)
        guard
            let current = try? await transport.send(
                DAVRequests.get(url: resource, authorization: credential.authorizationHeader)),
            current.status == 200, let etag = current.headers["ETag"]
        else { return }
        let marker = Array("\nSUMMARY:".utf8)
        var body = current.body
        guard
            let at = (0...(max(0, body.count - marker.count))).first(where: {
                Array(body[$0..<($0 + marker.count)]) == marker
            })
        else { return }
        body.insert(contentsOf: Array("changed ".utf8), at: at + marker.count)
        _ = try? await transport.send(
            DAVRequests.put(
                url: resource, calendar: body, condition: .ifMatch(etag),
                authorization: credential.authorizationHeader))
    }

    private func timed<T>(_ body: () async -> T) async -> (Int64, T) {
        let clock = ContinuousClock()
        let started = clock.now
        let value = await body()
        return (started.duration(to: clock.now).nanoseconds, value)
    }

    private func timedThrowing<T>(_ body: () async throws(ProviderError) -> T) async throws(ProviderError) -> (Int64, T)
    {
        let clock = ContinuousClock()
        let started = clock.now
        let value = try await body()
        return (started.duration(to: clock.now).nanoseconds, value)
    }


}
