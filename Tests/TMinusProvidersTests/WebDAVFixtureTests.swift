import TMinusCore
import TMinusProviders
import Testing

/// The recorded Radicale 3.9.0 and Xandikos 0.4.10 bodies parse, and mean the same thing where
/// the servers agree.
struct WebDAVFixtureTests {
    @Test(arguments: CalDAVFixtures.names(endingWith: "-response.xml") + ["radicale-13-response-reconstructed.xml"])
    func everyRecordedXMLResponseParses(name: String) throws {
        let root = try DAVXMLReader.document(CalDAVFixtures.bytes(name))
        switch root.name {
        case .multistatus: _ = try DAVMultistatus.parse(CalDAVFixtures.bytes(name))
        case .error: _ = try DAVErrorBody.parse(CalDAVFixtures.bytes(name))
        default: #expect(root.name.local == "mkcalendar-response", "unexpected root \(root.name) in \(name)")
        }
    }

    @Test(arguments: ["radicale", "xandikos"])
    func discoveryFindsPrincipalAndCalendarHome(server: String) throws {
        let principal = try DAVMultistatus.parse(CalDAVFixtures.bytes("\(server)-0b-response.xml"))
        let principalHref = try #require(principal.responses.first?.property(.currentUserPrincipal)?.hrefs.first)
        #expect(principalHref == (server == "radicale" ? "/test/" : "/user/"))
        let home = try DAVMultistatus.parse(CalDAVFixtures.bytes("\(server)-0c-response.xml"))
        let response = try #require(home.responses.first)
        #expect(response.property(.calendarHomeSet)?.hrefs == [server == "radicale" ? "/test/" : "/user/calendars/"])
        #expect(response.property(.displayName)?.text == (server == "radicale" ? nil : "user"))
        #expect(response.unavailableProperties == (server == "radicale" ? [.displayName] : []))
    }

    @Test(arguments: ["radicale", "xandikos"])
    func calendarListingShowsCalendarsWithCtagAndSyncToken(server: String) throws {
        let listing = try DAVMultistatus.parse(CalDAVFixtures.bytes("\(server)-2b-response.xml"))
        let calendars = listing.responses.filter { $0.property(.resourceType)?.childNames.contains(.calendar) == true }
        #expect(
            calendars.map(\.path).contains(
                server == "radicale" ? "/test/probe-1795696871/" : "/user/calendars/probe-1795696871/"))
        for calendar in calendars {
            #expect(calendar.property(.getCTag)?.trimmedText.isEmpty == false)
            #expect(calendar.property(.syncToken)?.trimmedText.isEmpty == false)
        }
    }

    @Test(arguments: ["radicale", "xandikos"])
    func initialSyncListsEveryMemberWithAnETagAndAToken(server: String) throws {
        let sync = try DAVMultistatus.parse(CalDAVFixtures.bytes("\(server)-6a-response.xml"))
        #expect(sync.syncToken?.isEmpty == false)
        #expect(sync.responses.count == 6)
        #expect(sync.responses.allSatisfy { $0.etag?.hasPrefix("\"") == true && $0.status == nil })
        #expect(!sync.isTruncated)
        let paths = Set(sync.responses.map(\.path))
        let base = server == "radicale" ? "/test/probe-1795696871/" : "/user/calendars/probe-1795696871/"
        #expect(paths.contains(base + "peer@example.org x.ics"), "hrefs compare equal after percent-decoding")
    }

    @Test(arguments: ["radicale", "xandikos"])
    func incrementalSyncReportsChangesAndDeletionsAsNotFound(server: String) throws {
        let sync = try DAVMultistatus.parse(CalDAVFixtures.bytes("\(server)-8a-response.xml"))
        let deleted = sync.responses.filter(\.isNotFound).map {
            $0.path.split(separator: "/").last.map(String.init) ?? ""
        }
        let changed = sync.responses.filter { !$0.isNotFound }.map {
            $0.path.split(separator: "/").last.map(String.init) ?? ""
        }
        #expect(deleted == ["b.ics"])
        #expect(changed.sorted() == ["a.ics", "c.ics"])
        #expect(sync.responses.filter(\.isNotFound).allSatisfy { $0.propstats.isEmpty })
        let unchanged = try DAVMultistatus.parse(CalDAVFixtures.bytes("\(server)-8b-response.xml"))
        #expect(unchanged.responses.isEmpty)
        #expect(unchanged.syncToken == sync.syncToken)
    }

    @Test(arguments: [("radicale", 403), ("xandikos", 412)])
    func invalidSyncTokenBodiesNameValidSyncToken(server: String, status: Int) throws {
        for step in ["9a", "9b"] {
            let body = try DAVErrorBody.parse(CalDAVFixtures.bytes("\(server)-\(step)-response.xml"))
            #expect(body.conditions == [.validSyncToken])
            #expect(body.contains(.validSyncToken))
        }
        _ = status
    }

    @Test func uidConflictBodiesFromBothServersAreRecognised() throws {
        let radicale = try DAVErrorBody.parse(CalDAVFixtures.bytes("radicale-4f-response.xml"))
        #expect(radicale.conditions == [.noUIDConflict(href: nil)])
        let xandikos = try DAVErrorBody.parse(CalDAVFixtures.bytes("xandikos-4f-response.xml"))
        #expect(xandikos.conditions == [.noUIDConflict(href: nil)])
        #expect(xandikos.responseDescription == "UID already in use.")
    }

    @Test(arguments: ["radicale", "xandikos"])
    func calendarQueryAnswersMatchTheRecordedInstances(server: String) throws {
        let override = try DAVMultistatus.parse(CalDAVFixtures.bytes("\(server)-12a-response.xml"))
        #expect(override.responses.map { $0.path.hasSuffix("/recurring.ics") } == [true])
        let excluded = try DAVMultistatus.parse(CalDAVFixtures.bytes("\(server)-12c-response.xml"))
        #expect(excluded.responses.isEmpty)
    }

    @Test func multigetCarriesCalendarDataThatOurCodecReads() throws {
        let multiget = try DAVMultistatus.parse(CalDAVFixtures.bytes("radicale-13-response-reconstructed.xml"))
        #expect(multiget.responses.filter(\.isNotFound).count == 2)
        let recurring = try #require(multiget.responses.first { $0.path.hasSuffix("/recurring.ics") })
        let calendar = try ICalendarCalendar.parse(try #require(recurring.calendarData))
        #expect(calendar.uids == ["peer-7-000003@caldav-peer.test"])
        #expect(try calendar.series().first?.overrides.count == 1)
        let a = try #require(multiget.responses.first { $0.path.hasSuffix("/a.ics") })
        #expect(
            try ICalendarCalendar.parse(try #require(a.calendarData)).events().first?.summary == "A, second; version")
    }

    @Test func xandikosMkcalendarResponseWithItsNamespaceTypoStillParses() throws {
        let root = try DAVXMLReader.document(CalDAVFixtures.bytes("xandikos-1-response.xml"))
        #expect(root.name == DAVName("urn:ietf:params:xml:ns:carldav:", "mkcalendar-response"))
        #expect(root.children(.propstat).count == 1)
    }

    @Test func recordedRequestBodiesReadBackAsTheirRequests() throws {
        let sync = try DAVSyncCollection.parse(CalDAVFixtures.bytes("radicale-8a-request.xml"))
        #expect(sync.syncToken?.hasPrefix("http://radicale.org/ns/sync/") == true)
        #expect(sync.properties == [.getETag])
        let limited = try DAVSyncCollection.parse(CalDAVFixtures.bytes("xandikos-6c-request.xml"))
        #expect(limited.limit == 1 && limited.isInitial)
        let multiget = try DAVCalendarMultiget.parse(CalDAVFixtures.bytes("radicale-13-request.xml"))
        #expect(multiget.hrefs.count == 4 && multiget.properties == [.getETag, .calendarData])
        let query = try DAVCalendarQuery.parse(CalDAVFixtures.bytes("radicale-12a-request.xml"))
        #expect(query.component == "VEVENT")
        #expect(query.start == Timestamp(secondsSinceEpoch: 1_784_160_000))
        #expect(query.end == Timestamp(secondsSinceEpoch: 1_784_246_399))
        let propfind = try DAVPropfind.parse(CalDAVFixtures.bytes("radicale-3-request.xml"))
        #expect(propfind.properties.contains(.getCTag) && propfind.properties.contains(.supportedCalendarComponentSet))
        let mkcalendar = try DAVMkcalendar.parse(CalDAVFixtures.bytes("radicale-1-request.xml"))
        #expect(mkcalendar.displayName == "Probe ✓" && mkcalendar.components == ["VEVENT"])
    }
}
