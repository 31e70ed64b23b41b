import TMinusCore
import TMinusProviders
import Testing

/// The adapter reading the bodies Radicale 3.9.0 and Xandikos 0.4.10 really sent
/// (`Fixtures/caldav/`, caldav-servers.md step numbers).
@Suite struct CalDAVFixtureTests {
    @Test func radicaleDiscoveryGivesOneCalendarWithItsCtag() async throws {
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.multistatus("radicale-0b-response.xml")),
            .respond(CalDAVTesting.multistatus("radicale-0c-response.xml")),
            .respond(CalDAVTesting.multistatus("radicale-2b-response.xml")),
        ])
        let provider = CalDAVTesting.provider(transport)
        let calendars = try await provider.listCalendars()
        #expect(calendars.map(\.id) == [CalDAVTesting.radicaleCollection])
        #expect(calendars[0].isPrimary && calendars[0].accessRole == .owner)
        #expect(
            calendars[0].version?.rawValue == "\"02b27f0639f92322a4a9621cbd59ad8d45ca4ef80f8b66816d8535662612d8c3\"")
        #expect(calendars[0].name == "probe-1795696871")
    }

    @Test func xandikosDiscoveryFollowsTheSeparateHome() async throws {
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.multistatus("xandikos-0b-response.xml")),
            .respond(CalDAVTesting.multistatus("xandikos-0c-response.xml")),
            .respond(CalDAVTesting.multistatus("xandikos-2b-response.xml")),
        ])
        let provider = CalDAVTesting.provider(transport)
        let collections = try await provider.collections()
        #expect(transport.requests.map(\.url).last == "http://127.0.0.1:5232/user/calendars/")
        #expect(collections.map(\.path) == ["/user/calendars/calendar/", "/user/calendars/probe-1795696871/"])
        #expect(collections[1].ctag == "e9b872f5a84ee2e996e6dba45289283b44b57a21")
        #expect(collections[1].syncToken == collections[1].ctag)
    }

    @Test func radicaleSyncAnswerWithoutBodiesIsCompletedByMultiget() async throws {
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.multistatus("radicale-6a-response.xml")),
            .respond(CalDAVTesting.multistatus("radicale-13-response-reconstructed.xml")),
        ])
        let listing = try await CalDAVTesting.provider(transport).changes(
            calendarID: CalDAVTesting.radicaleCollection, since: CalDAVTesting.cursor(CalDAVTesting.radicaleCollection))
        let multiget = try DAVCalendarMultiget.parse(transport.requests[1].body)
        #expect(transport.requests[1].headers["Depth"] == "1")
        #expect(multiget.hrefs.count == 6)
        #expect(multiget.hrefs.contains("/test/probe-1795696871/peer@example.org%20x.ics"))
        let ids = listing.records.map(\.delta.providerEventID)
        #expect(ids.contains("probe-a@caldav-peer.test"))
        let series = ids.filter { $0.hasPrefix("peer-7-000003@caldav-peer.test#") }
        #expect(series.count == 7, "8 weekly instances minus one EXDATE: \(series)")
        let moved = try #require(listing.records.first { $0.delta.providerEventID.hasSuffix("#20260716T070000Z") })
        #expect(moved.delta.content?.title == "#3 recur-tz São Paulo Ärzte — moved, one hour later")
        #expect(
            listing.records.first { $0.delta.providerEventID == "probe-a@caldav-peer.test" }?.delta.content?.title
                == "A, second; version")
        #expect(!ids.contains { $0.hasSuffix("#20260709T070000Z") }, "the EXDATE instance is not listed")
        let cursor = try #require(CalDAVCursor(listing.cursor))
        #expect(cursor.syncToken.hasPrefix("http://radicale.org/ns/sync/8ccf6be0"))
        #expect(cursor.collection == CalDAVTesting.radicaleCollection)
    }

    @Test(arguments: ["radicale", "xandikos"])
    func incrementalSyncTurnsA404MemberIntoTheDeletionOfItsUID(server: String) async throws {
        let collection = server == "radicale" ? CalDAVTesting.radicaleCollection : CalDAVTesting.xandikosCollection
        let before = CalDAVCursor(
            collection: collection, syncToken: "old", singlesStart: nil, singlesEnd: nil,
            expandStart: CalDAVTesting.window.start!, expandEnd: CalDAVTesting.window.end!,
            members: ["b.ics": [CalDAVCursor.Member(uid: "probe-b@caldav-peer.test", recurrenceIDs: [])]])
        let bodies = CalDAVTesting.multistatus(
            text: #"<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">"#
                + multigetMember(collection + "a.ics", CalDAVTesting.event(uid: "probe-a@caldav-peer.test"))
                + multigetMember(collection + "c.ics", CalDAVTesting.event(uid: "probe-c@caldav-peer.test"))
                + "</d:multistatus>")
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.multistatus("\(server)-8a-response.xml")), .respond(bodies),
        ])
        let listing = try await CalDAVTesting.provider(transport).changes(calendarID: collection, since: before.cursor)
        #expect(listing.records.first?.delta.providerEventID == "probe-b@caldav-peer.test")
        #expect(listing.records.first?.isDeletion == true)
        #expect(
            Set(listing.records.dropFirst().map(\.delta.providerEventID)) == [
                "probe-a@caldav-peer.test", "probe-c@caldav-peer.test",
            ])
        let after = try #require(CalDAVCursor(listing.cursor))
        #expect(after.members["b.ics"] == nil)
        #expect(after.members.keys.sorted() == ["a.ics", "c.ics"])
        #expect(try DAVSyncCollection.parse(transport.requests[0].body).syncToken == "old")
    }

    @Test(arguments: ["radicale-9a", "radicale-9b", "xandikos-9a", "xandikos-9b"])
    func aRefusedTokenIsCursorInvalidWhateverTheStatus(fixture: String) async throws {
        let status = fixture.hasPrefix("radicale") ? 403 : 412
        let transport = ScriptedTransport([
            .respond(HTTPResponse(status: status, body: CalDAVFixtures.bytes("\(fixture)-response.xml")))
        ])
        let cursor = CalDAVCursor(
            collection: CalDAVTesting.radicaleCollection, syncToken: "garbage-token-123", singlesStart: nil,
            singlesEnd: nil, expandStart: CalDAVTesting.start, expandEnd: CalDAVTesting.start.adding(.seconds(86_400)))
        let failure = await calDAVProviderFailure { () async throws(ProviderError) in
            try await CalDAVTesting.provider(transport).changes(
                calendarID: CalDAVTesting.radicaleCollection, since: cursor.cursor)
        }
        #expect(failure?.kind == "cursorInvalid")
        #expect(failure?.context.status == status)
        #expect(failure?.context.reason == "valid-sync-token")
        #expect(failure?.recovery == .fullResync)
    }

    @Test(arguments: [("radicale-4f-response.xml", 409), ("xandikos-4f-response.xml", 412)])
    func aUIDConflictIsAlreadyExists(fixture: String, status: Int) {
        let error = CalDAVErrorMapper.map(
            HTTPResponse(status: status, body: CalDAVFixtures.bytes(fixture)), operation: "put.create")
        #expect(error.kind == "alreadyExists")
        #expect(error.context.reason == "no-uid-conflict")
    }

    @Test func recordedRecurringResourceExpandsAcrossTheSummerTimeChange() throws {
        let reader = CalDAVResourceReader(
            calendarID: "/c/", singlesStart: nil, singlesEnd: nil, expandStart: CalDAVTesting.window.start!,
            expandEnd: CalDAVTesting.window.end!, floatingTimeZone: nil)
        let result = try reader.read(CalDAVFixtures.bytes("radicale-11-response.ics"), etag: "\"e\"", previous: [])
        #expect(result.records.count == 7)
        #expect(result.members.count == 1 && result.members[0].recurrenceIDs.count == 7)
        #expect(result.records.allSatisfy { $0.version == ResourceVersion("\"e\"") })
        #expect(result.records.allSatisfy { $0.instance?.seriesID == "peer-7-000003@caldav-peer.test" })
    }

    private func multigetMember(_ href: String, _ ics: String) -> String {
        "<d:response><d:href>\(href)</d:href><d:propstat><d:prop><d:getetag>\"x\"</d:getetag><c:calendar-data>"
            + CalDAVTesting.escaped(ics)
            + "</c:calendar-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    }
}
