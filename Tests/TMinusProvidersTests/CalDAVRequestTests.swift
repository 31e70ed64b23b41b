import TMinusCore
import TMinusProviders
import Testing

/// The requests the CalDAV adapter puts on the wire: methods, Depth, bodies, preconditions and
/// credentials, checked against what the recorded servers accepted.
@Suite struct CalDAVRequestTests {
    @Test func discoveryWalksPrincipalHomeAndCalendarsWithBasicAuth() async throws {
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.multistatus("radicale-0b-response.xml")),
            .respond(CalDAVTesting.multistatus("radicale-0c-response.xml")),
            .respond(CalDAVTesting.multistatus("radicale-2b-response.xml")),
        ])
        _ = try await CalDAVTesting.provider(transport).listCalendars()
        let requests = transport.requests
        #expect(requests.map(\.method) == ["PROPFIND", "PROPFIND", "PROPFIND"])
        #expect(
            requests.map(\.url) == [
                "http://127.0.0.1:5232/", "http://127.0.0.1:5232/test/", "http://127.0.0.1:5232/test/",
            ])
        #expect(requests.map { $0.headers["Depth"] } == ["0", "0", "1"])
        #expect(requests.allSatisfy { $0.headers["Authorization"] == "Basic dGVzdDp0ZXN0" })
        #expect(try DAVPropfind.parse(requests[0].body).properties == [.currentUserPrincipal])
        #expect(try DAVPropfind.parse(requests[1].body).properties.contains(.calendarHomeSet))
        let listed = try DAVPropfind.parse(requests[2].body).properties
        #expect(listed.contains(.getCTag) && listed.contains(.syncToken) && listed.contains(.resourceType))
    }

    @Test func configuredHomeSkipsDiscovery() async throws {
        let transport = ScriptedTransport([.respond(CalDAVTesting.multistatus("xandikos-2b-response.xml"))])
        let provider = CalDAVTesting.provider(transport) { $0.calendarHomePath = "/user/calendars/" }
        let calendars = try await provider.listCalendars()
        #expect(transport.requests.count == 1)
        #expect(calendars.map(\.id) == ["/user/calendars/calendar/", "/user/calendars/probe-1795696871/"])
    }

    @Test func syncCollectionAsksDepthZeroWithEtagsAndDataAndNeverALimit() async throws {
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.syncAnswer(collection: CalDAVTesting.radicaleCollection, members: [], token: "t1"))
        ])
        _ = try await CalDAVTesting.provider(transport).changes(
            calendarID: CalDAVTesting.radicaleCollection, since: CalDAVTesting.cursor(CalDAVTesting.radicaleCollection))
        let request = try #require(transport.requests.first)
        #expect(request.method == "REPORT")
        #expect(request.url == "http://127.0.0.1:5232/test/probe-1795696871/")
        #expect(request.headers["Depth"] == "0")
        let body = try DAVSyncCollection.parse(request.body)
        #expect(body.syncToken == "t0")
        #expect(body.syncLevel == "1")
        #expect(body.properties == [.getETag, .calendarData])
        #expect(body.limit == nil)
        #expect(!request.body.containsBytes(Array("limit".utf8)))
    }

    @Test func aFullListingReadsTheTokenFirstThenQueriesEveryEventWithItsData() async throws {
        let collection = CalDAVTesting.radicaleCollection
        let query = CalDAVTesting.syncAnswer(
            collection: collection, members: [("a.ics", CalDAVTesting.event(uid: "a"))], token: "ignored")
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.tokenAnswer(collection, token: "t-first")), .respond(query),
        ])
        let listing = try await CalDAVTesting.provider(transport).fullListing(calendarID: collection, window: nil)
        let requests = transport.requests
        #expect(requests.map(\.method) == ["PROPFIND", "REPORT"])
        #expect(requests.map { $0.headers["Depth"] } == ["0", "1"])
        #expect(try DAVPropfind.parse(requests[0].body).properties == [.syncToken])
        let body = try DAVCalendarQuery.parse(requests[1].body)
        #expect(body.properties == [.getETag, .calendarData] && body.component == "VEVENT")
        #expect(body.start == nil && body.end == nil)
        #expect(listing.records.map(\.delta.providerEventID) == ["a"])
        #expect(CalDAVCursor(listing.cursor)?.syncToken == "t-first", "the token read before the data")
    }

    @Test func aServerWithoutASyncTokenPropertyGetsAnInitialSyncCollection() async throws {
        let collection = "/c/"
        let noToken = CalDAVTesting.multistatus(
            text: #"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/c/</d:href><d:propstat><d:prop><d:sync-token/>"#
                + "</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response></d:multistatus>")
        let transport = ScriptedTransport([
            .respond(noToken),
            .respond(
                CalDAVTesting.syncAnswer(
                    collection: collection, members: [("a.ics", CalDAVTesting.event(uid: "a"))], token: "s1")),
        ])
        let listing = try await CalDAVTesting.provider(transport).fullListing(calendarID: collection, window: nil)
        #expect(try DAVSyncCollection.parse(transport.requests[1].body).isInitial)
        #expect(CalDAVCursor(listing.cursor)?.syncToken == "s1")
    }

    @Test func createPutsToTheDeterministicNameWithIfNoneMatchStar() async throws {
        let transport = ScriptedTransport([.respond(HTTPResponse(status: 201, headers: ["ETag": "\"v1\""]))])
        let outcome = try await CalDAVTesting.provider(transport).createEvent(
            in: CalDAVTesting.radicaleCollection, projection: CalDAVTesting.projection(), key: CalDAVTesting.key)
        let uid = CalDAVEventID.uid(for: CalDAVTesting.key)
        let request = try #require(transport.requests.first)
        #expect(request.method == "PUT")
        #expect(request.url == "http://127.0.0.1:5232/test/probe-1795696871/\(uid).ics")
        #expect(request.headers["If-None-Match"] == "*")
        #expect(request.headers["If-Match"] == nil)
        #expect(request.headers["Content-Type"] == "text/calendar; charset=utf-8")
        let calendar = try ICalendarCalendar.parse(request.body)
        let event = try #require(try calendar.events().first)
        #expect(event.uid == uid)
        #expect(event.markers[ManagedMarkers.CalDAVProperty.managed] == "true")
        #expect(event.markers[ManagedMarkers.CalDAVProperty.canonicalEventID] == CalDAVTesting.markers.canonicalEventID)
        #expect(event.component.property("ATTENDEE") == nil && event.component.property("ORGANIZER") == nil)
        #expect(event.component.property("DTSTAMP")?.value == "20260302T080000Z")
        #expect(outcome.event.version == ResourceVersion("\"v1\""))
        #expect(outcome.event.address == EventAddress(calendarID: CalDAVTesting.radicaleCollection, eventID: uid))
    }

    @Test func updatesAndDeletesCarryIfMatchAndNoneBecomesIfMatchStar() async throws {
        let transport = ScriptedTransport([
            .respond(HTTPResponse(status: 204, headers: ["ETag": "\"v2\""])),
            .respond(HTTPResponse(status: 204, headers: ["ETag": "\"v3\""])),
            .respond(HTTPResponse(status: 200)),
        ])
        let provider = CalDAVTesting.provider(transport)
        let address = EventAddress(calendarID: CalDAVTesting.radicaleCollection, eventID: "peer@example.org x")
        let written = try await provider.updateEvent(
            at: address, projection: CalDAVTesting.projection(), precondition: .ifMatch(ResourceVersion("\"v1\"")))
        _ = try await provider.updateEvent(at: address, projection: CalDAVTesting.projection(), precondition: .none)
        #expect(
            try await provider.deleteEvent(at: address, precondition: .ifMatch(ResourceVersion("\"v3\""))) == .deleted)
        let requests = transport.requests
        #expect(requests.map(\.method) == ["PUT", "PUT", "DELETE"])
        #expect(requests.map { $0.headers["If-Match"] } == ["\"v1\"", "*", "\"v3\""])
        #expect(requests.allSatisfy { $0.url.hasSuffix("/test/probe-1795696871/peer%40example.org%20x.ics") })
        #expect(requests.allSatisfy { $0.headers["If-None-Match"] == nil })
        #expect(written.version == ResourceVersion("\"v2\""))
    }

    @Test func aWeakETagIsReplacedByTheStrongOneFromAPropfind() async throws {
        let etag =
            #"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/c/x.ics</d:href><d:propstat><d:prop>"#
            + #"<d:getetag>"strong"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"#
            + "</d:response></d:multistatus>"
        let transport = ScriptedTransport([
            .respond(HTTPResponse(status: 201, headers: ["ETag": "W/\"weak\""])),
            .respond(CalDAVTesting.multistatus(text: etag)),
        ])
        let outcome = try await CalDAVTesting.provider(transport).createEvent(
            in: "/c/", projection: CalDAVTesting.projection(), key: CalDAVTesting.key)
        #expect(outcome.event.version == ResourceVersion("\"strong\""))
        #expect(transport.requests.last?.method == "PROPFIND")
        #expect(transport.requests.last?.headers["Depth"] == "0")
    }

    @Test func overlayIsCreatedWithMkcalendarUnderTheHome() async throws {
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.multistatus("radicale-2b-response.xml")),
            .respond(HTTPResponse(status: 201)),
        ])
        let provider = CalDAVTesting.provider(transport) { $0.calendarHomePath = "/test/" }
        let overlay = try await provider.findOrCreateOverlayCalendar(named: OverlayCalendar.defaultName)
        #expect(overlay.created)
        let request = try #require(transport.requests.last)
        #expect(request.method == "MKCALENDAR")
        #expect(request.url == "http://127.0.0.1:5232" + overlay.calendar.id)
        #expect(overlay.calendar.id.hasPrefix("/test/tminus-") && overlay.calendar.id.hasSuffix("/"))
        let body = try DAVMkcalendar.parse(request.body)
        #expect(body.displayName == OverlayCalendar.defaultName)
        #expect(body.components == ["VEVENT"])
    }
}

extension Array where Element == UInt8 {
    /// True when `needle` occurs in the bytes.
    fileprivate func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return needle.isEmpty }
        return (0...(count - needle.count)).contains { Array(self[$0..<($0 + needle.count)]) == needle }
    }
}
