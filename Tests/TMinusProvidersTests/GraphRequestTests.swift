import TMinusCore
import TMinusProviders
import Testing

/// What the Graph adapter puts on the wire: ImmutableId on every request, UTC everywhere, whole
/// field sets on writes, deterministic transaction ids, no attendees.
struct GraphRequestTests {
    @Test func everyRequestOfEveryOperationPrefersImmutableIDsUTCAndTextBodies() async throws {
        let transport = ScriptedTransport([
            .respond(GraphFixtures.response(200, "calendars-page-last.json")),
            .respond(GraphTesting.page(items: [], deltaLink: GraphTesting.link("deltatoken", "D1"))),
            .respond(GraphFixtures.response(200, "event-managed-mirror.json")),
            .respond(
                GraphTesting.json(
                    201,
                    GraphTesting.item(
                        "new", subject: "Busy", start: "2026-03-03T14:00:00.0000000",
                        end: "2026-03-03T15:00:00.0000000",
                        extra: #","sensitivity":"private""#))),
            .respond(GraphFixtures.response(200, "event-managed-mirror.json")),
            .respond(HTTPResponse(status: 204)),
            .respond(GraphFixtures.response(201, "subscription-created.json")),
            .respond(GraphFixtures.response(200, "subscription-created.json")),
            .respond(HTTPResponse(status: 204)),
        ])
        let provider = GraphTesting.provider(transport)
        _ = try await provider.listCalendars()
        _ = try await provider.fullListing(calendarID: GraphTesting.calendarID, window: nil)
        let address = EventAddress(
            calendarID: GraphTesting.calendarID,
            eventID: "AAkALgAAAAAAHYQDEapmEc2byACqAC-EWg0AeLFvGl4QyUKr2dMUWMTd4QAABjYJgQAA")
        _ = try await provider.event(at: address)
        _ = try await provider.createEvent(
            in: GraphTesting.calendarID, projection: GraphTesting.projection(), key: GraphTesting.key)
        _ = try await provider.updateEvent(at: address, projection: GraphTesting.projection(), precondition: .none)
        _ = try await provider.deleteEvent(at: address, precondition: .none)
        let request = PushChannelRequest(
            channelID: "ch-1", address: "https://tminus.example.com/webhooks/microsoft",
            verificationToken: ProviderSecret("secretClientValue"), expiresAt: nil)
        let channel = try await provider.watch(calendarID: GraphTesting.calendarID, request: request)
        _ = try await provider.renewWatch(channel, request: request)
        try await provider.stopWatch(channel)
        #expect(transport.requests.count == 9)
        for sent in transport.requests {
            let preferences = GraphTesting.preferences(sent)
            #expect(preferences.contains(#"IdType="ImmutableId""#), "\(sent)")
            #expect(preferences.contains(#"outlook.timezone="UTC""#), "\(sent)")
            #expect(sent.headers["Authorization"] == "Bearer token-0")
            #expect(sent.url.hasPrefix(GraphTesting.apiBase + "/"))
        }
    }

    @Test func aFullListingSendsTheWindowOnceAndThePageSizeAsAPreference() async throws {
        let clock = ManualClock(start: GraphTesting.now)
        let transport = ScriptedTransport([
            .respond(GraphTesting.page(items: [], nextLink: GraphTesting.link("skiptoken", "S1"))),
            .respond(GraphTesting.page(items: [], deltaLink: GraphTesting.link("deltatoken", "D1"))),
        ])
        let window = ListingWindow(start: nil, end: Timestamp(secondsSinceEpoch: 1_775_000_000))
        _ = try await GraphTesting.provider(transport, clock: clock).fullListing(
            calendarID: GraphTesting.calendarID, window: window)
        let first = try #require(transport.requests.first?.components)
        #expect(first.path == "/v1.0/me/calendars/AAMkAGI2TGuLAAA%3D/calendarView/delta")
        #expect(first.queryValue("startDateTime") == "2026-01-31T08:00:00.000Z", "open start: 30 days before now")
        #expect(first.queryValue("endDateTime") == "2026-03-31T23:33:20.000Z")
        #expect(first.queryValue("$expand") == nil, "delta does not support $expand (M-DELTA)")
        #expect(GraphTesting.preferences(transport.requests[0]).contains("odata.maxpagesize=100"))
        #expect(transport.requests[1].url == GraphTesting.link("skiptoken", "S1"), "the nextLink is replayed as is")
    }

    @Test func createBodiesCarryTheWholeFieldSetMarkersTransactionIDAndNoAttendees() throws {
        let body = GraphEventEncoder.body(
            for: GraphTesting.projection(), propertyID: GraphConfiguration.defaultMarkerPropertyID,
            transactionID: GraphMarkers.transactionID(for: GraphTesting.key))
        let json = try WireJSON.parse(body)
        #expect(json["subject"] == .string("Busy"))
        #expect(json["body"]?["content"] == .string(""), "nil description is sent empty, clearing old text")
        #expect(json["location"]?["displayName"] == .string(""))
        #expect(json["start"]?["dateTime"] == .string("2026-03-03T14:00:00.0000000"))
        #expect(json["start"]?["timeZone"] == .string("UTC"))
        #expect(json["isAllDay"] == .bool(false))
        #expect(json["sensitivity"] == .string("private") && json["showAs"] == .string("busy"))
        #expect(json["attendees"] == .array([]))
        #expect(json["isReminderOn"] == .bool(false))
        #expect(json["categories"] == .array([.string(ManagedMarkers.microsoftCategory)]))
        #expect(
            json["singleValueExtendedProperties"]
                == .array([
                    .object([
                        WireMember("id", .string(GraphConfiguration.defaultMarkerPropertyID)),
                        WireMember("value", .string(GraphTesting.markers.microsoftPropertyValue)),
                    ])
                ]))
        #expect(json["transactionId"] == .string(GraphMarkers.transactionID(for: GraphTesting.key)))
    }

    @Test func allDayProjectionsAreWrittenAsMidnightDates() throws {
        var projection = GraphTesting.projection()
        projection.start = .allDay(try #require(CalendarDate(iso: "2026-04-02")))
        projection.end = .allDay(try #require(CalendarDate(iso: "2026-04-03")))
        let json = try WireJSON.parse(
            GraphEventEncoder.body(for: projection, propertyID: "p", transactionID: nil))
        #expect(json["isAllDay"] == .bool(true))
        #expect(json["start"]?["dateTime"] == .string("2026-04-02T00:00:00.0000000"))
        #expect(json["end"]?["dateTime"] == .string("2026-04-03T00:00:00.0000000"))
        #expect(json["transactionId"] == nil, "updates never send a transactionId")
    }

    @Test func transactionIDsAreDeterministicGUIDsPerMirrorKey() {
        let id = GraphMarkers.transactionID(for: GraphTesting.key)
        #expect(id == GraphMarkers.transactionID(for: GraphTesting.key))
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        var other = GraphTesting.key
        other.targetAccountID = "acc_other"
        #expect(GraphMarkers.transactionID(for: other) != id)
    }

    @Test func conditionalWritesSendTheChangeKeyAsAWeakETag() async throws {
        let transport = ScriptedTransport([.respond(HTTPResponse(status: 204))])
        let address = EventAddress(calendarID: "c", eventID: "e")
        _ = try await GraphTesting.provider(transport).deleteEvent(
            at: address, precondition: .ifMatch(ResourceVersion("CK==")))
        #expect(transport.requests.first?.headers["If-Match"] == #"W/"CK==""#)
        #expect(GraphRequests.etag(ResourceVersion(#"W/"x""#)) == #"W/"x""#, "a stored etag is sent unchanged")
    }

    @Test func theRefreshFormCarriesClientScopeAndRefreshToken() {
        let request = GraphOAuth.refreshRequest(GraphTesting.configuration, refreshToken: ProviderSecret("0.AX rt"))
        #expect(request.url == GraphConfiguration.productionTokenURL)
        #expect(
            request.text
                == "client_id=6731de76-14a6-49ae-97bc-6eba6914391e&client_secret=s3cret&grant_type=refresh_token"
                + "&refresh_token=0.AX%20rt&scope=offline_access%20https%3A%2F%2Fgraph.microsoft.com%2FCalendars.ReadWrite"
        )
    }

    @Test func subscriptionBodiesNameTheCalendarClientStateAndACappedExpiration() async throws {
        let clock = ManualClock(start: GraphTesting.now)
        let transport = ScriptedTransport([.respond(GraphFixtures.response(201, "subscription-created.json"))])
        let request = PushChannelRequest(
            channelID: "ignored", address: "https://tminus.example.com/webhooks/microsoft",
            verificationToken: ProviderSecret("secretClientValue"),
            expiresAt: GraphTesting.now.adding(.seconds(30 * 86_400)))
        _ = try await GraphTesting.provider(transport, clock: clock).watch(
            calendarID: "AAMkAGI2TGuLCCC=", request: request)
        let json = try WireJSON.parse(try #require(transport.requests.first).body)
        #expect(json["resource"] == .string("me/calendars/AAMkAGI2TGuLCCC=/events"))
        #expect(json["changeType"] == .string("created,updated,deleted"))
        #expect(json["clientState"] == .string("secretClientValue"))
        #expect(json["lifecycleNotificationUrl"] == json["notificationUrl"])
        #expect(
            json["expirationDateTime"] == .string("2026-03-05T00:30:00.0000000Z"),
            "capped at 4,230 minutes less the six-hour clock margin")
    }
}
