import TMinusCore
import TMinusProviders
import Testing

/// Exact requests the Google adapter puts on the wire: URL, query, headers and body.
struct GoogleRequestTests {
    let config = GoogleTesting.configuration
    let credential = ProviderCredential.bearer(ProviderSecret("ya29.token"))
    let base = "https://www.googleapis.com/calendar/v3"

    @Test func fullListingPageAsksForExpandedInstancesAndDeletionsWithoutSyncToken() throws {
        let query = GoogleEventsQuery(calendarID: "alice@example.com", mode: .full(nil), pageSize: 250)
        let request = GoogleRequests.listEvents(config, query: query, credential: credential)
        #expect(request.method == "GET")
        #expect(
            request.url == base
                + "/calendars/alice%40example.com/events?singleEvents=true&showDeleted=true&maxResults=250")
        #expect(request.headers["Authorization"] == "Bearer ya29.token")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.body.isEmpty)
    }

    @Test func fullListingWindowBecomesTimeMinAndTimeMaxWithOffsets() throws {
        let window = ListingWindow(
            start: Timestamp(secondsSinceEpoch: 1_772_323_200), end: Timestamp(secondsSinceEpoch: 1_804_000_000))
        let query = GoogleEventsQuery(calendarID: "primary", mode: .full(window), pageToken: "P2", pageSize: 100)
        let parts = try #require(GoogleRequests.listEvents(config, query: query, credential: credential).components)
        #expect(
            parts.query.map(\.name) == ["singleEvents", "showDeleted", "maxResults", "timeMin", "timeMax", "pageToken"])
        #expect(parts.queryValue("timeMin") == "2026-03-01T00:00:00.000Z")
        #expect(parts.queryValue("pageToken") == "P2")
    }

    @Test func incrementalPageSendsSyncTokenAndNoForbiddenParameter() throws {
        let query = GoogleEventsQuery(
            calendarID: "primary", mode: .incremental(SyncCursor("CPDAlvWDx70CEPDAlvWDx70CGAU=")), pageToken: "NEXT",
            pageSize: 250)
        let parts = try #require(GoogleRequests.listEvents(config, query: query, credential: credential).components)
        #expect(parts.query.map(\.name) == ["singleEvents", "showDeleted", "maxResults", "syncToken", "pageToken"])
        #expect(parts.queryValue("syncToken") == "CPDAlvWDx70CEPDAlvWDx70CGAU=")
        #expect(GoogleEventsQuery.syncTokenViolations(in: parts.query).isEmpty)
    }

    @Test func syncTokenCheckNamesEveryForbiddenCombination() {
        for name in GoogleEventsQuery.forbiddenWithSyncToken.sorted() {
            let problems = GoogleEventsQuery.syncTokenViolations(in: [("syncToken", "t"), (name, "x")])
            #expect(problems == ["\(name) is not allowed with syncToken"])
        }
        #expect(GoogleEventsQuery.syncTokenViolations(in: [("syncToken", "t"), ("showDeleted", "false")]).count == 1)
        #expect(GoogleEventsQuery.syncTokenViolations(in: [("timeMin", "x")]).isEmpty)
    }

    @Test func insertCarriesDeterministicIDSendUpdatesNoneAndTheWholeProjection() throws {
        let id = GoogleEventID.deterministic(for: GoogleTesting.key)
        let body = try GoogleEventEncoder.body(for: GoogleTesting.busyProjection(), id: id, operation: "events.insert")
        let request = GoogleRequests.insertEvent(
            config, calendarID: "c_1@group.calendar.google.com", body: body, credential: credential)
        #expect(request.method == "POST")
        #expect(request.url == base + "/calendars/c_1%40group.calendar.google.com/events?sendUpdates=none")
        #expect(request.headers["Content-Type"] == "application/json")
        let expected =
            #"{"id":"\#(id)","summary":"Busy","start":{"dateTime":"2026-03-03T14:00:00.000Z","timeZone":"Europe/Berlin"},"#
            + #""end":{"dateTime":"2026-03-03T15:00:00.000Z","timeZone":"Europe/Berlin"},"status":"confirmed","transparency":"opaque","#
            + #""visibility":"private","reminders":{"useDefault":false},"extendedProperties":{"private":{"#
            + #""canonical_event_id":"evt_01JABCDEF0123456789ABCDEFG","managed":"true","#
            + #""origin_account_id":"acc_01JORIGIN000000000000000000","tminus":"true"}}}"#
        #expect(request.text == expected)
    }

    @Test func updateIsAConditionalPutThatOmitsClearedFields() throws {
        let address = EventAddress(calendarID: "primary", eventID: "tmabc12345")
        let body = try GoogleEventEncoder.body(for: GoogleTesting.busyProjection(), id: nil, operation: "events.update")
        let request = GoogleRequests.updateEvent(
            config, address, body: body, precondition: .ifMatch(ResourceVersion("\"303275348453600\"")),
            credential: credential)
        #expect(request.method == "PUT")
        #expect(request.url == base + "/calendars/primary/events/tmabc12345?sendUpdates=none")
        #expect(request.headers["If-Match"] == "\"303275348453600\"")
        let json = try WireJSON.parse(request.body)
        #expect(json["id"] == nil)
        #expect(json["description"] == nil && json["location"] == nil)
        #expect(json["attendees"] == nil && json["conferenceData"] == nil && json["organizer"] == nil)
    }

    @Test func fullProjectionWritesDescriptionAndLocation() throws {
        var projection = GoogleTesting.busyProjection(description: "Agenda")
        projection.summary = "Planning"
        projection.location = "Room 1"
        projection.visibility = .default
        let json = try WireJSON.parse(try GoogleEventEncoder.body(for: projection, id: nil, operation: "events.update"))
        #expect(json["description"] == .string("Agenda"))
        #expect(json["location"] == .string("Room 1"))
        #expect(json["visibility"] == .string("default"))
    }

    @Test func deleteCarriesIfMatchAndSendUpdatesNone() {
        let address = EventAddress(calendarID: "primary", eventID: "tmabc12345")
        let request = GoogleRequests.deleteEvent(
            config, address, precondition: .ifMatch(ResourceVersion("\"7\"")), credential: credential)
        #expect(request.method == "DELETE")
        #expect(request.url == base + "/calendars/primary/events/tmabc12345?sendUpdates=none")
        #expect(request.headers["If-Match"] == "\"7\"")
        let unconditional = GoogleRequests.deleteEvent(config, address, precondition: .none, credential: credential)
        #expect(unconditional.headers["If-Match"] == nil)
    }

    @Test func allDayProjectionIsWrittenAsDates() throws {
        var projection = GoogleTesting.busyProjection()
        projection.start = .allDay(try #require(CalendarDate(iso: "2026-03-09")))
        projection.end = .allDay(try #require(CalendarDate(iso: "2026-03-11")))
        let json = try WireJSON.parse(try GoogleEventEncoder.body(for: projection, id: nil, operation: "events.update"))
        #expect(json["start"] == .object([WireMember("date", .string("2026-03-09"))]))
        #expect(json["end"] == .object([WireMember("date", .string("2026-03-11"))]))
    }

    @Test func watchOpensAWebHookChannelWithTokenExpirationAndTTL() throws {
        let request = GoogleRequests.watchEvents(
            config, calendarID: "primary",
            request: PushChannelRequest(
                channelID: "chan-01", address: "https://tminus.example.com/webhooks/google",
                verificationToken: ProviderSecret("verify-me"),
                expiresAt: Timestamp(millisecondsSinceEpoch: 1_773_100_800_000)),
            credential: credential)
        #expect(request.method == "POST")
        #expect(request.url == base + "/calendars/primary/events/watch")
        #expect(
            request.text
                == #"{"id":"chan-01","type":"web_hook","address":"https://tminus.example.com/webhooks/google","#
                + #""token":"verify-me","expiration":"1773100800000","params":{"ttl":"604800"}}"#)
    }

    @Test func stopSendsChannelAndResourceIDs() {
        let request = GoogleRequests.stopChannel(
            config, channelID: "chan-01", resourceID: "o3hgv1538sdjfh", credential: credential)
        #expect(request.url == base + "/channels/stop")
        #expect(request.text == #"{"id":"chan-01","resourceId":"o3hgv1538sdjfh"}"#)
    }

    @Test func calendarListAndInsertUseDocumentedPaths() throws {
        let list = GoogleRequests.calendarList(config, pageToken: "T2", credential: credential)
        #expect(list.url == base + "/users/me/calendarList?maxResults=250&pageToken=T2")
        let insert = GoogleRequests.insertCalendar(config, name: OverlayCalendar.defaultName, credential: credential)
        #expect(insert.method == "POST")
        #expect(insert.url == base + "/calendars")
        #expect(try WireJSON.parse(insert.body)["summary"] == .string("External Busy (T-Minus)"))
    }

    @Test func tokenRefreshIsAFormPostWithEveryCredentialEncoded() {
        let request = GoogleOAuth.refreshRequest(config, refreshToken: ProviderSecret("1//0g+refresh/token"))
        #expect(request.method == "POST")
        #expect(request.url == "https://oauth2.googleapis.com/token")
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["Authorization"] == nil)
        #expect(
            request.text
                == "grant_type=refresh_token&client_id=client-123.apps.googleusercontent.com&client_secret=s3cret"
                + "&refresh_token=1%2F%2F0g%2Brefresh%2Ftoken")
    }
}

extension HTTPRequest {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}
