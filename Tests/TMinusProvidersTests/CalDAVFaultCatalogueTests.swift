import TMinusCore
import TMinusProviders
import Testing

/// Each CalDAV row of the fault catalogue (providers.md §5, rows 40–51) mapped to the typed error
/// and recovery the adapter gives, or to the behaviour that absorbs it.
@Suite struct CalDAVFaultCatalogueTests {
    static func error(
        _ status: Int, _ conditions: [String], headers: HTTPHeaders = HTTPHeaders(), operation: String = "put"
    )
        -> ProviderError
    {
        let body =
            #"<d:error xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">"#
            + conditions.map { "<\($0)/>" }.joined() + "</d:error>"
        return CalDAVErrorMapper.map(
            HTTPResponse(status: status, headers: headers, body: conditions.isEmpty ? [] : Array(body.utf8)),
            operation: operation)
    }

    @Test(arguments: [403, 409, 412])
    func row40InvalidSyncTokenIsAFullResyncWhateverTheStatus(status: Int) {
        let error = Self.error(status, ["d:valid-sync-token"], operation: "sync-collection")
        #expect(error.kind == "cursorInvalid" && error.recovery == .fullResync)
    }

    /// Radicale 3.9.0's answer to an unknown sync token (caldav-servers.md, exchange 9a), cut short
    /// or damaged in transit at every position: retried or understood, never a refusal for good.
    @Test func aDamagedSyncToken403IsNeverTakenForARefusal() {
        let headers = HTTPHeaders([("Content-Type", "text/xml; charset=utf-8")])
        let body = Array("<?xml version='1.0' encoding='utf-8'?>\n<error xmlns=\"DAV:\">\n  <valid-sync-token/>\n</error>".utf8)
        let whole = CalDAVErrorMapper.map(HTTPResponse(status: 403, headers: headers, body: body), operation: "sync-collection")
        #expect(whole.kind == "cursorInvalid")
        for cut in 0...body.count {
            for damaged in [Array(body.prefix(cut)), Array(body.prefix(cut)) + [0x01] + Array(body.dropFirst(cut))] {
                let error = CalDAVErrorMapper.map(
                    HTTPResponse(status: 403, headers: headers, body: damaged), operation: "sync-collection")
                #expect(["cursorInvalid", "malformedResponse"].contains(error.kind), "cut at \(cut): \(error)")
            }
        }
        let plain = HTTPResponse(
            status: 403, headers: HTTPHeaders([("Content-Type", "text/plain; charset=utf-8")]),
            body: Array("Access to the requested resource forbidden.".utf8))
        #expect(CalDAVErrorMapper.map(plain, operation: "put.update").recovery == .doNotRetry, "a plain refusal stays one")
        let empty = HTTPResponse(status: 403, headers: headers, body: Array(#"<error xmlns="DAV:"/>"#.utf8))
        #expect(CalDAVErrorMapper.map(empty, operation: "put.update").kind == "forbidden", "a readable error naming nothing")
        let named = HTTPResponse(
            status: 403, headers: HTTPHeaders([("Content-Type", "text/xml"), ("Retry-After", "30")]), body: Array(body.prefix(20)))
        #expect(CalDAVErrorMapper.map(named, operation: "put.update").recovery == .retryAfter(.seconds(30)))
    }

    @Test func row41TruncatedSyncIsAppliedAndContinuedWithTheReturnedToken() async throws {
        let collection = "/c/"
        let truncated =
            #"<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">"#
            + "<d:response><d:href>/c/a.ics</d:href><d:propstat><d:prop><d:getetag>\"1\"</d:getetag>"
            + "<c:calendar-data>" + CalDAVTesting.escaped(CalDAVTesting.event(uid: "a")) + "</c:calendar-data></d:prop>"
            + "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
            + "<d:response><d:href>/c/</d:href><d:status>HTTP/1.1 507 Insufficient Storage</d:status>"
            + "<d:error><d:number-of-matches-within-limits/></d:error></d:response>"
            + "<d:sync-token>t-partial</d:sync-token></d:multistatus>"
        let transport = ScriptedTransport([
            .respond(CalDAVTesting.multistatus(text: truncated)),
            .respond(
                CalDAVTesting.syncAnswer(
                    collection: collection, members: [("b.ics", CalDAVTesting.event(uid: "b"))], token: "t-final")),
        ])
        let listing = try await CalDAVTesting.provider(transport).changes(
            calendarID: collection, since: CalDAVTesting.cursor(collection))
        #expect(listing.records.map(\.delta.providerEventID) == ["a", "b"])
        #expect(listing.pageCount == 2)
        #expect(try DAVSyncCollection.parse(transport.requests[1].body).syncToken == "t-partial")
        #expect(CalDAVCursor(listing.cursor)?.syncToken == "t-final")
    }

    @Test func row42ALimitThatCannotBeHonouredIsTransientAndNoLimitIsEverSent() {
        let error = Self.error(507, ["d:number-of-matches-within-limits"], operation: "sync-collection")
        #expect(error.kind == "transient")
        #expect(DAVXMLWriter.string(CalDAVRequests.syncCollection(token: "t").element).contains("limit") == false)
    }

    @Test func row43StaleETagIsRereadAndRetry() {
        #expect(Self.error(412, []).recovery == .rereadAndRetry)
    }

    @Test func row44CreateOverAnExistingURLIsAdoptedWhenItIsOurs() async throws {
        let uid = CalDAVEventID.uid(for: CalDAVTesting.key)
        let ours = ICalendarMapping.mirrorCalendar(
            for: CalDAVTesting.projection(), uid: uid, stamp: CalDAVTesting.start)
        let transport = ScriptedTransport([
            .respond(HTTPResponse(status: 412, body: Array("Precondition failed.".utf8))),
            .respond(HTTPResponse(status: 200, headers: ["ETag": "\"v1\""], body: ours.bytes)),
        ])
        let outcome = try await CalDAVTesting.provider(transport).createEvent(
            in: "/c/", projection: CalDAVTesting.projection(), key: CalDAVTesting.key)
        #expect(outcome.disposition == .adopted)
        #expect(outcome.event.version == ResourceVersion("\"v1\""))
        #expect(transport.requests.map(\.method) == ["PUT", "GET"])
    }

    @Test(arguments: [403, 409, 412])
    func row45UIDAlreadyInTheCollectionIsAlreadyExists(status: Int) {
        let error = Self.error(status, ["c:no-uid-conflict"])
        #expect(error.kind == "alreadyExists" && error.recovery == .inspectExisting)
    }

    @Test func aPutIntoAMissingCollectionIsNotFoundButOtherBare409sStayInvalid() {
        let put = CalDAVErrorMapper.map(HTTPResponse(status: 409), operation: "put.create")
        #expect(put.kind == "notFound")
        let other = CalDAVErrorMapper.map(HTTPResponse(status: 409), operation: "mkcalendar")
        #expect(other.kind == "invalidRequest")
    }

    @Test(arguments: ["c:supported-calendar-component", "c:valid-calendar-data", "c:valid-calendar-object-resource"])
    func row46InvalidDataIsPermanent(condition: String) {
        for status in [403, 409, 412] {
            #expect(Self.error(status, [condition]).recovery == .doNotRetry)
        }
        #expect(Self.error(400, []).recovery == .doNotRetry)
    }

    @Test func row47AWriteWithoutETagIsFollowedByAPropfindForIt() async throws {
        let etag =
            #"<d:multistatus xmlns:d="DAV:"><d:response><d:href>/c/x.ics</d:href><d:propstat><d:prop>"#
            + #"<d:getetag>"after"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>"#
        let transport = ScriptedTransport([
            .respond(HTTPResponse(status: 204)), .respond(CalDAVTesting.multistatus(text: etag)),
        ])
        let written = try await CalDAVTesting.provider(transport).updateEvent(
            at: EventAddress(calendarID: "/c/", eventID: "x"), projection: CalDAVTesting.projection(),
            precondition: .ifMatch(ResourceVersion("\"before\"")))
        #expect(written.version == ResourceVersion("\"after\""))
        #expect(transport.requests.map(\.method) == ["PUT", "PROPFIND"])
    }

    @Test func row48TheCollectionListedInItsOwnSyncIsIgnored() throws {
        let body =
            #"<d:multistatus xmlns:d="DAV:"><d:response><d:href>https://p01.icloud.com/c/</d:href><d:propstat>"#
            + #"<d:prop><d:getetag>"coll"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"#
            + "<d:sync-token>t</d:sync-token></d:multistatus>"
        let page = try CalDAVSyncPage.parse(Array(body.utf8), collection: "/c/")
        #expect(page.changes.isEmpty && page.removals.isEmpty)
    }

    @Test(arguments: [429, 503])
    func row49ServerBusyIsRateLimitedWithRetryAfter(status: Int) {
        let error = Self.error(status, [], headers: ["Retry-After": "12"])
        #expect(error.recovery == .retryAfter(.seconds(12)))
        #expect(Self.error(status, []).recovery == .retryAfter(nil))
    }

    @Test func row50ATokenFromAnotherCollectionNeverReachesTheServer() async {
        let cursor = CalDAVCursor(
            collection: "/a/", syncToken: "0", singlesStart: nil, singlesEnd: nil, expandStart: CalDAVTesting.start,
            expandEnd: CalDAVTesting.start)
        let transport = ScriptedTransport([])
        let failure = await calDAVProviderFailure { () async throws(ProviderError) in
            try await CalDAVTesting.provider(transport).changes(calendarID: "/b/", since: cursor.cursor)
        }
        #expect(failure?.kind == "cursorInvalid")
        #expect(transport.requests.isEmpty)
        #expect(Self.error(415, [], operation: CalDAVErrorMapper.syncOperation).kind == "cursorInvalid")
    }

    @Test func row51IncrementalRoundsNeverReadTheLocalClock() async throws {
        let clock = CountingClock(start: CalDAVTesting.start)
        let transport = ScriptedTransport([
            .respond(
                CalDAVTesting.syncAnswer(
                    collection: "/c/", members: [("a.ics", CalDAVTesting.event(uid: "a"))], token: "t2"))
        ])
        let provider = CalDAVCalendarProvider(
            transport: transport, credentials: FixedCredentialSource(.basic(user: "u", password: ProviderSecret("p"))),
            configuration: CalDAVConfiguration(serverURL: "http://127.0.0.1:1/"), clock: clock)
        let cursor = CalDAVCursor(
            collection: "/c/", syncToken: "t1", singlesStart: nil, singlesEnd: nil, expandStart: CalDAVTesting.start,
            expandEnd: CalDAVTesting.start.adding(.seconds(86_400 * 30)))
        let listing = try await provider.changes(calendarID: "/c/", since: cursor.cursor)
        #expect(listing.records.count == 1)
        #expect(clock.reads == 0, "sync is driven by server tokens only")
    }
}

/// A clock that counts how often it is read.
final class CountingClock: WallClock, Sendable {
    private let state: LockedBox<(now: Timestamp, reads: Int)>

    init(start: Timestamp) { state = LockedBox((start, 0)) }

    var reads: Int { state.withLock { $0.reads } }

    func now() -> Timestamp {
        state.withLock { state in
            state.reads += 1
            return state.now
        }
    }

    func sleep(for duration: Duration) async throws {}
}
