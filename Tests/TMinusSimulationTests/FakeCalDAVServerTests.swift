import Foundation
import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// The fake CalDAV server on the wire: the recorded Radicale / Xandikos differences, sync tokens
/// and their expiry, preconditions, UID uniqueness, time-range queries, inspection, determinism.
@Suite struct FakeCalDAVServerTests {
    static func syncBody(_ token: String = "", limit: Int? = nil, data: Bool = false) -> String {
        let limitXML = limit.map { "<D:limit><D:nresults>\($0)</D:nresults></D:limit>" } ?? ""
        return #"<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">"#
            + "<D:sync-token>\(token)</D:sync-token><D:sync-level>1</D:sync-level>\(limitXML)"
            + "<D:prop><D:getetag/>\(data ? "<C:calendar-data/>" : "")</D:prop></D:sync-collection>"
    }

    static func put(
        _ world: CalDAVWorld, _ name: String, uid: String, summary: String = "S", headers: [(String, String)] = []
    )
        async throws -> HTTPResponse
    {
        try await world.send(
            "PUT", world.calendar + name, body: FakeCalDAVAdapterTests.plainEvent(uid: uid, summary: summary),
            headers: [("Content-Type", "text/calendar")] + headers)
    }

    static func sync(_ world: CalDAVWorld, _ body: String) async throws -> (HTTPResponse, DAVMultistatus?) {
        let response = try await world.send("REPORT", world.calendar, body: body, headers: [("Depth", "0")])
        return (response, try? DAVMultistatus.parse(response.body))
    }

    @Test(arguments: CalDAVDialect.allCases)
    func syncAnswersFollowTheRecordedDialect(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        _ = try await Self.put(world, "a.ics", uid: "a")
        _ = try await Self.put(world, "b.ics", uid: "b")
        let (initial, parsed) = try await Self.sync(world, Self.syncBody(data: true))
        let first = try #require(parsed)
        #expect(initial.status == 207)
        let token = try #require(first.syncToken)
        #expect(token.hasPrefix("http://radicale.org/ns/sync/") == (dialect == .radicale))
        #expect(first.responses.count == 2)
        #expect(first.responses.allSatisfy { ($0.calendarData != nil) == (dialect == .radicale) })
        if dialect == .xandikos { #expect(first.responses.allSatisfy { $0.unavailableProperties == [.calendarData] }) }
        let text = initial.text
        let tokenFirst = text.range(of: "sync-token")!.lowerBound < text.range(of: "response")!.lowerBound
        #expect(tokenFirst == (dialect == .radicale))
        _ = try await world.send("DELETE", world.calendar + "b.ics")
        _ = try await Self.put(world, "a.ics", uid: "a", summary: "changed")
        let (_, incremental) = try await Self.sync(world, Self.syncBody(token))
        let second = try #require(incremental)
        #expect(second.responses.map { $0.status == 404 } == (dialect == .radicale ? [true, false] : [false, true]))
        let (_, quiet) = try await Self.sync(world, Self.syncBody(second.syncToken ?? ""))
        #expect(quiet?.responses.isEmpty == true)
        #expect(quiet?.syncToken == second.syncToken)
        let (refused, _) = try await Self.sync(world, Self.syncBody("garbage-token-123"))
        #expect(refused.status == (dialect == .radicale ? 403 : 412))
        #expect(CalDAVErrorMapper.conditions(in: refused.body) == [.validSyncToken])
    }

    @Test(arguments: CalDAVDialect.allCases)
    func aLimitIsIgnoredOnRadicaleAndSilentlyObeyedOnXandikos(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        for name in ["a", "b", "c"] { _ = try await Self.put(world, "\(name).ics", uid: name) }
        let (_, limited) = try await Self.sync(world, Self.syncBody(limit: 1))
        #expect(limited?.responses.count == (dialect == .radicale ? 3 : 1))
        #expect(limited?.isTruncated == false, "neither server marks the truncation (6c)")
        world.server.reconfigure { $0.rejectsSyncLimit = true }
        let (rejected, _) = try await Self.sync(world, Self.syncBody(limit: 1))
        #expect(rejected.status == 507)
    }

    @Test(arguments: CalDAVDialect.allCases)
    func writesFollowTheRecordedStatuses(dialect: CalDAVDialect) async throws {
        let world = makeCalDAVWorld(dialect: dialect)
        let created = try await Self.put(world, "a.ics", uid: "peer@example.org", headers: [("If-None-Match", "*")])
        #expect(created.status == 201)
        let etag = try #require(created.headers["ETag"])
        #expect(etag.count == dialect.etagHexLengthForTest + 2)
        #expect(
            try await Self.put(world, "a.ics", uid: "peer@example.org", headers: [("If-None-Match", "*")]).status == 412
        )
        let identical = try await Self.put(world, "a.ics", uid: "peer@example.org")
        #expect(identical.status == 204 && identical.headers["ETag"] == etag)
        let conflict = try await Self.put(world, "other.ics", uid: "peer@example.org")
        #expect(conflict.status == (dialect == .radicale ? 409 : 412))
        #expect(CalDAVErrorMapper.conditions(in: conflict.body).map(\.name) == [.noUIDConflict])
        #expect(
            try await world.send("DELETE", world.calendar + "a.ics", headers: [("If-Match", "\"stale\"")]).status == 412
        )
        let notModified = try await world.send("GET", world.calendar + "a.ics", headers: [("If-None-Match", etag)])
        #expect(notModified.status == (dialect == .radicale ? 200 : 304))
        let deleted = try await world.send("DELETE", world.calendar + "a.ics", headers: [("If-Match", etag)])
        #expect(deleted.status == (dialect == .radicale ? 200 : 204))
        #expect(try await world.send("DELETE", world.calendar + "a.ics").status == 404)
        let invalid = try await world.send("PUT", world.calendar + "x.ics", body: "BEGIN:VCALENDAR\r\n")
        #expect(invalid.status == (dialect == .radicale ? 400 : 412))
    }

    @Test func hrefsEncodeTheAtSignOnlyOnRadicale() async throws {
        for dialect in CalDAVDialect.allCases {
            let world = makeCalDAVWorld(dialect: dialect)
            _ = try await Self.put(world, "peer@example.org x.ics", uid: "p")
            let (_, answer) = try await Self.sync(world, Self.syncBody())
            let href = try #require(answer?.responses.first?.href)
            #expect(href.hasSuffix(dialect == .radicale ? "peer%40example.org%20x.ics" : "peer@example.org%20x.ics"))
        }
    }

    @Test func radicaleAsksForBasicCredentialsAndXandikosDoesNot() async throws {
        let radicale = makeCalDAVWorld(dialect: .radicale)
        let url = radicale.server.configuration.origin + radicale.calendar
        let anonymous = try await radicale.transport.send(
            HTTPRequest(method: "PROPFIND", url: url, headers: ["Depth": "0"]))
        #expect(anonymous.status == 401)
        #expect(anonymous.headers["WWW-Authenticate"] == "Basic realm=\"Radicale - Password Required\"")
        let xandikos = makeCalDAVWorld(dialect: .xandikos)
        let open = try await xandikos.transport.send(
            HTTPRequest(
                method: "PROPFIND", url: xandikos.server.configuration.origin + xandikos.calendar,
                headers: ["Depth": "0"]))
        #expect(open.status == 207)
    }

    @Test func unescapedTextIsCutAtTheFirstCommaOnRadicaleOnly() async throws {
        for dialect in CalDAVDialect.allCases {
            let world = makeCalDAVWorld(dialect: dialect)
            _ = try await Self.put(world, "u.ics", uid: "u", summary: "U, unescaped; text")
            let stored = try #require(world.server.inspectResource(calendarID: world.calendar, uid: "u"))
            let summary = try ICalendarCalendar.parse(stored.ics).events().first?.summary
            #expect(summary == (dialect == .radicale ? "U" : "U, unescaped; text"))
        }
    }

    @Test func tokensExpireOnDemandAtRandomAndWithTheirHistory() async throws {
        let world = makeCalDAVWorld { $0.syncTokenInvalidationChance = .never }
        _ = try await Self.put(world, "a.ics", uid: "a")
        let token = try #require(try await Self.sync(world, Self.syncBody()).1?.syncToken)
        #expect(try await Self.sync(world, Self.syncBody(token)).0.status == 207)
        world.server.reconfigure { $0.syncTokenInvalidationChance = .always }
        #expect(try await Self.sync(world, Self.syncBody(token)).0.status == 403)
        world.server.reconfigure { $0.syncTokenInvalidationChance = .never }
        _ = try await Self.put(world, "b.ics", uid: "b")
        world.server.forgetSyncHistory(calendarID: world.calendar)
        #expect(try await Self.sync(world, Self.syncBody(token)).0.status == 403)
        let other = try world.server.humanCreateCalendar(account: "alice", title: "Other")
        let foreign = try await world.send("REPORT", other, body: Self.syncBody(token), headers: [("Depth", "0")])
        #expect(foreign.status == 403, "a token is only valid for the collection that issued it (row 50)")
    }

    @Test func timeRangeQueriesMatchExpandedInstancesOnly() async throws {
        let world = makeCalDAVWorld()
        try world.server.humanPutResource(account: "alice", calendarID: world.calendar, ics: CalDAVSamples.weeklySeries)
        func query(_ start: String, _ end: String) async throws -> Int {
            let body =
                #"<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>"#
                + #"<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">"#
                + #"<C:time-range start="\#(start)" end="\#(end)"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>"#
            let response = try await world.send("REPORT", world.calendar, body: body, headers: [("Depth", "1")])
            return try DAVMultistatus.parse(response.body).responses.count
        }
        #expect(try await query("20260317T085000Z", "20260317T093000Z") == 1, "the moved override")
        #expect(try await query("20260317T073000Z", "20260317T080500Z") == 0, "the override's original slot")
        #expect(try await query("20260324T000000Z", "20260324T235959Z") == 0, "the EXDATE day")
        #expect(try await query("20260407T060000Z", "20260407T080000Z") == 1)
    }

    @Test func inspectionShowsMastersOverridesMarkersAndVersions() async throws {
        let world = makeCalDAVWorld()
        try world.server.humanPutResource(account: "alice", calendarID: world.calendar, ics: CalDAVSamples.weeklySeries)
        let mirror = try await world.provider.createEvent(
            in: world.calendar, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        let calendar = try #require(world.server.inspectCalendars().first { $0.id == world.calendar })
        #expect(calendar.account == "alice" && calendar.title == "Work" && !calendar.isDeleted)
        let ids = calendar.events.map(\.id)
        #expect(ids.contains("weekly-1@example.org") && ids.contains("weekly-1@example.org#20260317T080000Z"))
        let override = try #require(calendar.events.first { $0.id.hasSuffix("#20260317T080000Z") })
        #expect(override.seriesID == "weekly-1@example.org")
        #expect(override.originalStart?.instant == Timestamp(secondsSinceEpoch: 1_773_734_400))
        let master = try #require(calendar.events.first { $0.id == "weekly-1@example.org" })
        #expect(master.recurrence.contains("RRULE:FREQ=WEEKLY;COUNT=6"))
        let ours = try #require(calendar.events.first { $0.id == mirror.event.address.eventID })
        #expect(ours.privateProperties[ManagedMarkers.CalDAVProperty.managed] == "true")
        #expect(ours.version == mirror.event.version?.rawValue)
        #expect(ours.updated == calDAVWorldStart)
    }

    @Test func peopleEditAndDeleteOurMirrorsAndTheOverlay() async throws {
        let world = makeCalDAVWorld()
        let provider = world.provider
        let overlay = try await provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName).calendar
        let mirror = try await provider.createEvent(
            in: overlay.id, projection: CalDAVSamples.projection(), key: CalDAVSamples.key)
        let full = try await provider.fullListing(calendarID: overlay.id, window: nil)
        world.clock.advance(by: .seconds(60))
        try world.server.humanEditEvent(
            account: "alice", calendarID: overlay.id, eventID: mirror.event.address.eventID,
            HumanEventEdit(title: "Mine now"))
        let drift = try await provider.changes(calendarID: overlay.id, since: full.cursor)
        let record = try #require(drift.records.first)
        #expect(record.delta.content?.title == "Mine now")
        #expect(record.delta.markers == CalDAVSamples.markers.evidence(for: .caldav), "an app keeps our X- properties")
        try world.server.humanDeleteEvent(
            account: "alice", calendarID: overlay.id, eventID: mirror.event.address.eventID)
        let tombstone = try await provider.changes(calendarID: overlay.id, since: drift.cursor)
        #expect(tombstone.records.map(\.isDeletion) == [true])
        try world.server.humanDeleteCalendar(account: "alice", calendarID: overlay.id)
        #expect(world.server.inspectCalendars().first { $0.id == overlay.id }?.isDeleted == true)
    }

    @Test func injectedBurstsAnswerWithTheirStatusAndRetryAfter() async throws {
        let world = makeCalDAVWorld {
            $0.faults = [CalDAVFaultRule(.serviceUnavailable, probability: .always, retryAfter: .exactly(.seconds(9)))]
        }
        let response = try await world.send("PROPFIND", world.calendar, headers: [("Depth", "0")])
        #expect(response.status == 503)
        #expect(response.headers["Retry-After"] == "9")
        #expect(world.trace.records.contains { $0.contains("fault service-unavailable") })
    }

    @Test func theSameSeedGivesTheSameAnswersAndTrace() async throws {
        func run() async throws -> [String] {
            let world = makeCalDAVWorld(seed: 7) { $0.syncTokenInvalidationChance = Ratio(1, 2) }
            var lines: [String] = []
            for index in 0..<6 {
                let response = try await Self.put(world, "e\(index).ics", uid: "e\(index)")
                let (sync, _) = try await Self.sync(world, Self.syncBody())
                lines.append("\(response.status) \(response.headers["ETag"] ?? "-") \(sync.text.count)")
            }
            _ = try world.server.humanCreateEvent(
                account: "alice", calendarID: world.calendar,
                HumanEventDraft(
                    title: "T", start: .timed(calDAVWorldStart, timeZone: nil),
                    end: .timed(calDAVWorldStart, timeZone: nil)))
            return lines + world.trace.records + world.server.resourceNames(calendarID: world.calendar)
        }
        #expect(try await run() == run())
    }
}

extension CalDAVDialect {
    /// Hex digits of each dialect's ETags as recorded (64 on Radicale, 40 on Xandikos).
    var etagHexLengthForTest: Int { self == .radicale ? 64 : 40 }
}
