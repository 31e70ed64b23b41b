import TMinusCore
import TMinusProviders

/// One entry of a delta round before rendering.
enum GraphDeltaEntry: Sendable {
    case live(GraphItem, GraphEventVersion)
    case removed(GraphItem)
}

/// calendarView delta (M-DELTA, M-DQE, M-DQO): rounds over a window, paged with `$skiptoken`
/// links and ended with a `$deltatoken` link, which stay correct while data changes underneath.
///
/// How paging stays correct: a round fixes on its first page the change-log position its
/// deltaLink will promise (the log head, or just before the first change not yet visible).
/// Pages walk the *current* state in a stable order behind a cursor carried in the skiptoken, so
/// a change made during the round appears in a later page, in the next round, or both — never in
/// neither. Incremental rounds report every item changed since the token: live ones inside the
/// window in full, everything else (deleted, moved away, moved out of the window, occurrences a
/// series no longer produces) as `@removed` — the documented out-of-window noise (fault row 27).
extension GraphServerState {
    mutating func delta(
        calendarID: String, request: HTTPRequest, parts: URLParts, context: GraphRequestContext, now: Timestamp
    ) throws(GraphAPIError) -> HTTPResponse {
        let calendar = calendars[calendarID]!
        let published = replicationClock.now()
        let round = try deltaRound(calendar, parts: parts, context: context, now: now, published: published)
        var entries = deltaEntries(calendar, since: round.since, window: round.window, now: published)
        entries.sort { $0.key < $1.key }
        var start = entries.firstIndex { entry in round.cursor.map { entry.key > $0 } ?? true } ?? entries.count
        if start > 0, round.cursor != nil, streams.pages.chance(configuration.replayChance) { start -= 1 }
        var size = min(context.maxPageSize ?? configuration.defaultPageSize, configuration.maximumPageSize)
        if start < entries.count, streams.pages.chance(configuration.emptyPageChance) { size = 0 }
        let page = entries[start..<min(entries.count, start + max(0, size))]
        let value = page.map { serialized($0.entry, calendarID: calendarID, context) }
        var body = StableJSONWriter(capacity: value.reduce(256) { $0 + $1.count + 1 })
        body.beginObject()
        body.key("@odata.context")
        body.string("https://graph.microsoft.com/v1.0/$metadata#Collection(event)")
        let link = "https://graph.microsoft.com" + parts.path
        if start + page.count < entries.count {
            let cursor = page.last?.key ?? round.cursor ?? GraphSortKey(ordinal: .min, start: .min)
            let skip = GraphSkipTokenFields(
                calendar: calendar.number, epoch: calendar.tokenEpoch, since: round.since, snapshot: round.snapshot,
                windowStart: round.window.start, windowEnd: round.window.end, cursor: cursor)
            body.key("@odata.nextLink")
            body.string(link + "?$skiptoken=" + skip.mint(&codec))
        } else {
            let token = GraphDeltaTokenFields(
                calendar: calendar.number, epoch: calendar.tokenEpoch, position: round.snapshot, mintedAt: now,
                windowStart: round.window.start, windowEnd: round.window.end)
            body.key("@odata.deltaLink")
            body.string(link + "?$deltatoken=" + token.mint(&codec))
        }
        body.key("value")
        body.array(ofSerialized: value)
        body.endObject()
        return FakeHTTP.json(200, serialized: body.bytes, date: now)
    }

    /// Where this page of a round stands: its start position, promised snapshot, window, cursor.
    private struct Round {
        var since: UInt64?
        var snapshot: UInt64
        var window: (start: Timestamp, end: Timestamp)
        var cursor: GraphSortKey?
    }

    private mutating func deltaRound(
        _ calendar: GraphCalendarRecord, parts: URLParts, context: GraphRequestContext, now: Timestamp,
        published: Timestamp
    ) throws(GraphAPIError) -> Round {
        let initialURL = "https://graph.microsoft.com" + parts.path
        if let skip = parts.queryValue("$skiptoken") {
            guard let fields = GraphSkipTokenFields(skip, codec: &codec), fields.calendar == calendar.number,
                fields.epoch == calendar.tokenEpoch, calendar.log.canServe(from: fields.since ?? calendar.log.horizon)
            else { throw invalidated(calendar, why: "skiptoken", initialURL: initialURL, window: nil) }
            return Round(
                since: fields.since, snapshot: fields.snapshot, window: (fields.windowStart, fields.windowEnd),
                cursor: fields.cursor)
        }
        if let token = parts.queryValue("$deltatoken") ?? parts.queryValue("$deltaToken"), !token.isEmpty {
            let fields = try validDeltaToken(token, calendar: calendar, initialURL: initialURL, now: now)
            return Round(
                since: fields.position, snapshot: calendar.snapshotPosition(at: published),
                window: (fields.windowStart, fields.windowEnd), cursor: nil)
        }
        if context.hasQueryOptions { throw .deltaQueryOptionUnsupported() }
        guard let startText = parts.queryValue("startDateTime"), let endText = parts.queryValue("endDateTime"),
            let start = try? EventDateTime.parse(dateTime: startText, date: nil, timeZone: nil, field: "start").instant,
            let end = try? EventDateTime.parse(dateTime: endText, date: nil, timeZone: nil, field: "end").instant
        else {
            throw .badRequest(
                "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime."
            )
        }
        guard start < end else { throw .badRequest("The start of the time window must be before its end.") }
        return Round(since: nil, snapshot: calendar.snapshotPosition(at: published), window: (start, end), cursor: nil)
    }

    /// The fields of `token` if the calendar still honours it; otherwise the configured 410.
    private mutating func validDeltaToken(
        _ token: String, calendar: GraphCalendarRecord, initialURL: String, now: Timestamp
    ) throws(GraphAPIError) -> GraphDeltaTokenFields {
        guard let fields = GraphDeltaTokenFields(token, codec: &codec), fields.calendar == calendar.number,
            fields.epoch == calendar.tokenEpoch, calendar.log.canServe(from: fields.position)
        else { throw invalidated(calendar, why: "unknown", initialURL: initialURL, window: nil) }
        let window = (fields.windowStart, fields.windowEnd)
        if let lifetime = configuration.deltaTokenLifetime, now >= fields.mintedAt.adding(lifetime) {
            throw invalidated(
                calendar, why: "expired", initialURL: initialURL, window: window, generation: fields.position)
        }
        if configuration.deltaTokenInvalidations.contains(where: { $0 > fields.mintedAt && $0 <= now }) {
            throw invalidated(
                calendar, why: "scheduled", initialURL: initialURL, window: window, generation: fields.position)
        }
        if streams.invalidation.chance(configuration.deltaTokenInvalidationChance) {
            calendars[calendar.id]!.tokenEpoch += 1
            throw invalidated(
                calendar, why: "random", initialURL: initialURL, window: window, generation: fields.position)
        }
        return fields
    }

    private mutating func invalidated(
        _ calendar: GraphCalendarRecord, why: String, initialURL: String, window: (Timestamp, Timestamp)?,
        generation: UInt64 = 0
    ) -> GraphAPIError {
        trace.record(component: "graph", event: "delta-token.rejected \(why) \(calendar.id)")
        let answers =
            configuration.deltaInvalidationAnswers.isEmpty
            ? [.syncStateNotFound] : configuration.deltaInvalidationAnswers
        let answer = answers.count == 1 ? answers[0] : answers[Int(streams.invalidation.below(UInt64(answers.count)))]
        switch answer {
        case .syncStateNotFound:
            return .syncStateNotFound(generation: Int64(generation), highest: Int64(calendar.log.head))
        case .resyncRequired:
            return .resyncRequired()
        case .syncReset:
            var location = initialURL + "?$deltatoken="
            if let window {
                location =
                    initialURL + "?startDateTime=" + CivilTime.rfc3339(window.0) + "&endDateTime="
                    + CivilTime.rfc3339(window.1) + "&$deltatoken="
            }
            return .syncReset(location: location)
        }
    }

    /// The stable JSON of one delta entry; live entries through ``renderedEvents``.
    mutating func serialized(_ entry: GraphDeltaEntry, calendarID: String, _ context: GraphRequestContext) -> [UInt8] {
        switch entry {
        case .live(let item, let version):
            let input = renderInput(item, version, in: calendarID, context, properties: nil, inDelta: true)
            return renderedEvents.serialized(input) { $0.json }
        case .removed(let item):
            return StableJSON.serializedBytes(GraphEventJSON.removed(id: renderedID(item, in: calendarID, context)))
        }
    }
}
