import TMinusCore
import TMinusProviders
import Testing

/// Building request bodies, writing and re-reading multistatus and error bodies, hrefs.
struct WebDAVXMLTests {
    @Test func syncCollectionNeverSendsALimitAndReadsBack() throws {
        let body = DAVSyncCollection(
            syncToken: "http://radicale.org/ns/sync/abc", properties: [.getETag, .calendarData], limit: 5)
        let text = String(decoding: body.xml, as: UTF8.self)
        #expect(!text.contains("limit"))
        #expect(text.contains("<D:sync-token>http://radicale.org/ns/sync/abc</D:sync-token>"))
        let parsed = try DAVSyncCollection.parse(body.xml)
        #expect(parsed.syncToken == body.syncToken && parsed.properties == body.properties && parsed.limit == nil)
        #expect(try DAVSyncCollection.parse(DAVSyncCollection(syncToken: nil).xml).isInitial)
    }

    @Test func requestBodiesRoundTripThroughWriterAndReader() throws {
        let propfind = DAVPropfind.calendarCollection
        #expect(try DAVPropfind.parse(propfind.xml) == propfind)
        #expect(try DAVPropfind.parse([]) == DAVPropfind(properties: []))
        let multiget = DAVCalendarMultiget(hrefs: ["/cal/a%40b.ics", "/cal/c.ics"])
        #expect(try DAVCalendarMultiget.parse(multiget.xml) == multiget)
        let query = DAVCalendarQuery(
            start: Timestamp(secondsSinceEpoch: 1_784_160_000), end: Timestamp(secondsSinceEpoch: 1_784_246_399))
        #expect(
            String(decoding: query.xml, as: UTF8.self).contains(
                #"<C:time-range start="20260716T000000Z" end="20260716T235959Z"/>"#))
        #expect(try DAVCalendarQuery.parse(query.xml) == query)
        let mkcalendar = DAVMkcalendar(displayName: "Arbeit & <Privat>")
        #expect(try DAVMkcalendar.parse(mkcalendar.xml) == mkcalendar)
    }

    @Test func multistatusWrittenByAFakeServerReadsBackIdentically() throws {
        let calendarData = "BEGIN:VCALENDAR\r\nSUMMARY:a < b & c\r\nEND:VCALENDAR\r\n"
        let body = DAVMultistatus(
            responses: [
                DAVResponse(href: "/cal/gone.ics", status: 404),
                DAVResponse(
                    href: "/cal/a.ics",
                    propstats: [
                        DAVPropstat(
                            status: 200,
                            properties: [
                                DAVElement(.getETag, text: "\"e1\""), DAVElement(.calendarData, text: calendarData),
                            ]),
                        DAVPropstat(status: 404, properties: [DAVElement(.getCTag)]),
                    ]),
                DAVResponse(
                    href: "/cal/", status: 507, error: DAVErrorBody(conditions: [.numberOfMatchesWithinLimits])),
            ],
            syncToken: "tok-2")
        let parsed = try DAVMultistatus.parse(body.xml)
        #expect(parsed == body)
        #expect(parsed.responses[1].calendarData == calendarData, "CRLF survives XML line-end normalisation")
        #expect(parsed.isTruncated)
        #expect(
            parsed.members(excludingCollection: "http://example.test/cal/").map(\.href) == [
                "/cal/gone.ics", "/cal/a.ics",
            ])
        #expect(parsed.responses[1].unavailableProperties == [.getCTag])
    }

    @Test func errorBodiesRoundTripWithTheConflictingHref() throws {
        let body = DAVErrorBody(
            conditions: [.noUIDConflict(href: "/cal/other event.ics")], responseDescription: "UID in use")
        let parsed = try DAVErrorBody.parse(body.xml)
        #expect(parsed.conditions == [.noUIDConflict(href: "/cal/other%20event.ics")])
        #expect(parsed.responseDescription == "UID in use")
        #expect(DAVHref.normalize("/cal/other%20event.ics") == "/cal/other event.ics")
    }

    @Test(arguments: [
        ("/test/probe/peer%40example.org%20x.ics", nil as String?, "/test/probe/peer@example.org x.ics"),
        ("/user/calendars/probe/peer@example.org%20x.ics", nil, "/user/calendars/probe/peer@example.org x.ics"),
        ("https://cal.example.com:8443/dav/a.ics?x=1", nil, "/dav/a.ics"),
        ("a%2Bb+c.ics", "/dav/cal/", "/dav/cal/a+b+c.ics"),
        ("../other/", "http://h/dav/cal/", "/dav/other/"),
        ("x.ics", "/dav/cal/index.html", "/dav/cal/x.ics"),
        ("/bad%zz/%", nil, "/bad%zz/%"),
        ("/cal/./a.ics", nil, "/cal/a.ics"),
    ])
    func hrefsNormaliseForComparison(href: String, base: String?, expected: String) {
        #expect(DAVHref.normalize(href, relativeTo: base) == expected)
    }

    @Test func encodedPathsDecodeBackAndResourceNamesAreOneSegment() {
        let path = "/cal/peer@example.org x/ü?.ics"
        #expect(DAVHref.encode(path: path) == "/cal/peer@example.org%20x/%C3%BC%3F.ics")
        #expect(DAVHref.normalize(DAVHref.encode(path: path)) == path)
        #expect(DAVHref.resourceName(forUID: "a/b@c d") == "a%2Fb%40c%20d.ics")
        #expect(DAVHref.same("/c/peer%40x.ics", "http://h/c/peer@x.ics"))
    }

    @Test func statusLinesParseAndBadOnesAreTyped() throws {
        #expect(try DAVStatus.code("HTTP/1.1 404 Not Found") == 404)
        #expect(try DAVStatus.code("  HTTP/1.0 507\n") == 507)
        #expect(throws: WebDAVError.invalidStatusLine("OK")) { try DAVStatus.code("OK") }
        #expect(throws: WebDAVError.invalidStatusLine("HTTP/1.1 99 x")) { try DAVStatus.code("HTTP/1.1 99 x") }
        #expect(DAVStatus.line(412) == "HTTP/1.1 412 Precondition Failed")
    }

    @Test func malformedAndUnexpectedDocumentsAreTypedErrors() {
        #expect(throws: WebDAVError.emptyBody) { try DAVMultistatus.parse(Array(" \n".utf8)) }
        #expect(throws: WebDAVError.unexpectedRoot(expected: .multistatus, found: .error)) {
            try DAVMultistatus.parse(Array(#"<error xmlns="DAV:"/>"#.utf8))
        }
        #expect(throws: WebDAVError.missingElement(parent: .response, element: .href)) {
            try DAVMultistatus.parse(Array(#"<D:multistatus xmlns:D="DAV:"><D:response/></D:multistatus>"#.utf8))
        }
        do {
            _ = try DAVMultistatus.parse(Array("<multistatus xmlns=\"DAV:\">\n<response>".utf8))
            Issue.record("expected an error")
        } catch {
            guard case .malformedXML(let line, _, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(line >= 1)
        }
    }

    @Test func deeplyNestedXMLIsRefused() {
        let depth = DAVXMLReader.maximumDepth + 5
        let text = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(throws: WebDAVError.nestingTooDeep(limit: DAVXMLReader.maximumDepth)) {
            try DAVXMLReader.document(text)
        }
    }

    @Test func requestFactorySetsMethodDepthAndPreconditions() {
        let auth = DAVRequests.basicAuthorization(user: "test", password: "test")
        #expect(auth == "Basic dGVzdDp0ZXN0")
        let report = DAVRequests.syncCollection(
            url: "http://h/cal/", DAVSyncCollection(syncToken: nil), authorization: auth)
        #expect(report.method == "REPORT" && report.headers["Depth"] == "0" && report.headers["Authorization"] == auth)
        let create = DAVRequests.put(url: "http://h/cal/a.ics", calendar: [1], condition: .createOnly)
        #expect(create.headers["If-None-Match"] == "*" && create.headers["If-Match"] == nil)
        let update = DAVRequests.put(url: "http://h/cal/a.ics", calendar: [1], condition: .ifMatch("\"e\""))
        #expect(update.headers["If-Match"] == "\"e\"")
        #expect(DAVRequests.delete(url: "http://h/cal/a.ics", ifMatch: "\"e\"").headers["If-Match"] == "\"e\"")
        #expect(DAVRequests.propfind(url: "http://h/", depth: 1, .memberETags).headers["Depth"] == "1")
    }
}
