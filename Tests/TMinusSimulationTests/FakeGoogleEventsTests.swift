import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

@Suite struct FakeGoogleEventsTests {
    @Test func insertStampsServerFieldsFromTheServersOwnSkewedClock() async throws {
        let clock = ManualClock(start: googleWorldStart)
        let server = FakeGoogleServer(
            clock: OffsetClock(base: clock, offset: .seconds(-90)), random: RandomSource(seed: 3))
        let transport = SimulatedTransport(
            clock: clock, random: RandomSource(seed: 4), trace: NullTraceSink(), faults: .instant)
        server.register(on: transport)
        let grant = server.addAccount("bob@example.com")
        let client = GoogleTestClient(transport: transport, accessToken: grant.accessToken)
        let response = try await client.insert("primary", eventBody(id: "abcdef12345"))
        #expect(response.status == 200)
        let event = jsonObject(response)
        #expect(string(event["id"]) == "abcdef12345")
        #expect(string(event["kind"]) == "calendar#event")
        #expect(string(event["status"]) == "confirmed")
        #expect(string(event["created"]) == "2026-03-02T07:58:30.000Z", "the server's clock is 90 s behind ours")
        #expect(string(event["updated"]) == "2026-03-02T07:58:30.000Z")
        #expect(string(event["iCalUID"]) == "abcdef12345@google.com")
        #expect(response.headers["Date"] == "Mon, 02 Mar 2026 07:58:30 GMT")
        let etag = try #require(string(event["etag"]))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.dropFirst().dropLast().allSatisfy(\.isNumber))
    }

    @Test func aServerAssignedIDIsValidBase32hex() async throws {
        let world = makeGoogleWorld()
        let id = try #require(string(jsonObject(try await world.client.insert("primary", eventBody()))["id"]))
        #expect(id.count == 26)
        #expect(id.allSatisfy { ("0"..."9").contains($0) || ("a"..."v").contains($0) })
    }

    @Test func reusingAClientIDIs409EvenAfterTheEventWasDeleted() async throws {
        let world = makeGoogleWorld()
        #expect(try await world.client.insert("primary", eventBody(id: "mirror00001")).status == 200)
        let again = try await world.client.insert("primary", eventBody(id: "mirror00001"))
        #expect(again.status == 409)
        #expect(errorReason(again) == "duplicate")
        #expect(try await world.client.send("DELETE", ["calendars", "primary", "events", "mirror00001"]).status == 204)
        #expect(try await world.client.insert("primary", eventBody(id: "mirror00001")).status == 409)
    }

    @Test(arguments: ["abc", "UPPERCASE1", "has-dash-1", "wxyz12345", String(repeating: "a", count: 1025)])
    func anIDOutsideBase32hexOrItsLengthIs400(id: String) async throws {
        let world = makeGoogleWorld()
        let response = try await world.client.insert("primary", eventBody(id: id))
        #expect(response.status == 400)
        #expect(errorReason(response) == "invalid")
    }

    @Test func ifMatchWithAStaleEtagIs412AndWithTheCurrentOneSucceeds() async throws {
        let world = makeGoogleWorld()
        let created = jsonObject(try await world.client.insert("primary", eventBody(id: "evt0000001")))
        let etag = try #require(string(created["etag"]))
        let path = ["calendars", "primary", "events", "evt0000001"]
        let first = try await world.client.send(
            "PUT", path, body: eventBody(title: "Moved"), headers: [("If-Match", etag)])
        #expect(first.status == 200)
        let newEtag = try #require(string(jsonObject(first)["etag"]))
        #expect(newEtag != etag, "every modification changes the etag")
        let stale = try await world.client.send(
            "PATCH", path, body: ["summary": "Again"], headers: [("If-Match", etag)])
        #expect(stale.status == 412)
        #expect(
            stale.text
                == #"{"error":{"code":412,"errors":[{"domain":"global","location":"If-Match","locationType":"header","#
                + #""message":"Precondition Failed","reason":"conditionNotMet"}],"message":"Precondition Failed"}}"#)
        let staleDelete = try await world.client.send("DELETE", path, headers: [("If-Match", etag)])
        #expect(staleDelete.status == 412)
        #expect(try await world.client.send("DELETE", path, headers: [("If-Match", newEtag)]).status == 204)
    }

    @Test func deletingADeletedEventIs410DeletedAndAnUnknownOne404() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert("primary", eventBody(id: "gone000001"))
        let path = ["calendars", "primary", "events", "gone000001"]
        #expect(try await world.client.send("DELETE", path).status == 204)
        let twice = try await world.client.send("DELETE", path)
        #expect(twice.status == 410)
        #expect(errorReason(twice) == "deleted")
        let unknown = try await world.client.send("DELETE", ["calendars", "primary", "events", "never00001"])
        #expect(unknown.status == 404)
        #expect(errorReason(unknown) == "notFound")
    }

    @Test func getReturnsCancelledEventsInFullAndHonoursIfNoneMatch() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert("primary", eventBody(id: "read000001", title: "Dentist"))
        let path = ["calendars", "primary", "events", "read000001"]
        let read = try await world.client.send("GET", path)
        let etag = try #require(string(jsonObject(read)["etag"]))
        #expect(try await world.client.send("GET", path, headers: [("If-None-Match", etag)]).status == 304)
        _ = try await world.client.send("DELETE", path)
        let cancelled = jsonObject(try await world.client.send("GET", path))
        #expect(string(cancelled["status"]) == "cancelled")
        #expect(string(cancelled["summary"]) == "Dentist")
    }

    @Test func extendedPropertiesAreStoredVerbatimWithinGooglesSilentLimits() async throws {
        let world = makeGoogleWorld()
        let longKey = String(repeating: "k", count: 45)
        let okKey = String(repeating: "k", count: 44)
        let longValue = String(repeating: "v", count: 1030)
        let body = eventBody(
            id: "tagged0001",
            extra: [
                "extendedProperties": [
                    "private": [
                        "tminus": "true", .init(stringLiteral: okKey): "kept",
                        .init(stringLiteral: longKey): "dropped", "long": .string(longValue),
                    ],
                    "shared": ["note": "x"],
                ]
            ])
        #expect(try await world.client.insert("primary", body).status == 200)
        let stored = try #require(world.server.inspectEvent(calendarID: world.account, eventID: "tagged0001"))
        #expect(stored.privateProperties[longKey] == nil)
        #expect(stored.privateProperties[okKey] == "kept")
        #expect(stored.privateProperties["long"] == String(repeating: "v", count: 1024))
        #expect(stored.privateProperties["tminus"] == "true")
        #expect(stored.sharedProperties == ["note": "x"])
    }

    @Test func patchMergesExtendedPropertiesAndPutReplacesThem() async throws {
        let world = makeGoogleWorld()
        let path = ["calendars", "primary", "events", "merge00001"]
        _ = try await world.client.insert(
            "primary", eventBody(id: "merge00001", extra: ["extendedProperties": ["private": ["a": "1", "b": "2"]]]))
        let patch: JSONValue = ["extendedProperties": ["private": ["b": nil, "c": "3"]]]
        let patched = try await world.client.send("PATCH", path, body: patch)
        #expect(patched.status == 200, "\(patched.text)")
        #expect(
            world.server.inspectEvent(calendarID: world.account, eventID: "merge00001")?.privateProperties == [
                "a": "1", "c": "3",
            ])
        let put = eventBody(extra: ["extendedProperties": ["private": ["d": "4"]]])
        #expect(try await world.client.send("PUT", path, body: put).status == 200)
        #expect(
            world.server.inspectEvent(calendarID: world.account, eventID: "merge00001")?.privateProperties == ["d": "4"]
        )
    }

    @Test func invalidBodiesGetGoogles400Reasons() async throws {
        let world = makeGoogleWorld()
        let noEnd: JSONValue = ["summary": "x", "start": ["dateTime": "2026-03-02T09:00:00Z"]]
        let missing = try await world.client.insert("primary", noEnd)
        #expect(missing.status == 400 && errorReason(missing) == "required")
        let backwards: JSONValue = [
            "start": ["dateTime": "2026-03-02T10:00:00Z"], "end": ["dateTime": "2026-03-02T09:00:00Z"],
        ]
        #expect(errorReason(try await world.client.insert("primary", backwards)) == "timeRangeEmpty")
        let noZone: JSONValue = [
            "start": ["dateTime": "2026-03-02T09:00:00Z"], "end": ["dateTime": "2026-03-02T10:00:00Z"],
            "recurrence": ["RRULE:FREQ=DAILY;COUNT=2"],
        ]
        #expect(errorReason(try await world.client.insert("primary", noZone)) == "invalid")
        let garbage = try await world.transport.send(
            HTTPRequest(
                method: "POST", url: FakeGoogleServer.apiBase + "/calendars/primary/events",
                headers: ["Authorization": "Bearer \(world.grant.accessToken)"], body: Array("{not json".utf8)))
        #expect(errorReason(garbage) == "parseError")
        let badSendUpdates = try await world.client.insert(
            "primary", eventBody(), query: [("sendUpdates", "sometimes")])
        #expect(badSendUpdates.status == 400)
    }

    @Test func theWriteLogRecordsSendUpdatesAndStatusOfEveryEventWrite() async throws {
        let world = makeGoogleWorld()
        _ = try await world.client.insert("primary", eventBody(id: "logged0001"))
        _ = try await world.client.insert("primary", eventBody(id: "logged0001"), query: [])
        _ = try await world.client.send(
            "DELETE", ["calendars", "primary", "events", "logged0001"], query: [("sendUpdates", "all")])
        let log = world.server.writeLog
        #expect(log.map(\.operation) == ["insert", "insert", "delete"])
        #expect(log.map(\.sendUpdates) == ["none", nil, "all"])
        #expect(log.map(\.status) == [200, 409, 204])
        #expect(log.allSatisfy { $0.eventID == "logged0001" && $0.calendarID == world.account })
    }

    @Test func moveKeepsTheIDAndLeavesACancelledEntryInTheSource() async throws {
        let world = makeGoogleWorld()
        let created = jsonObject(
            try await world.client.send("POST", ["calendars"], body: ["summary": "Work"]))
        let work = try #require(string(created["id"]))
        #expect(work.hasSuffix("@group.calendar.google.com"))
        _ = try await world.client.insert("primary", eventBody(id: "movable001"))
        let moved = try await world.client.send(
            "POST", ["calendars", "primary", "events", "movable001", "move"], query: [("destination", work)])
        #expect(moved.status == 200)
        #expect(world.server.inspectEvent(calendarID: work, eventID: "movable001")?.status == .confirmed)
        #expect(world.server.inspectEvent(calendarID: world.account, eventID: "movable001")?.status == .cancelled)
    }

    @Test func aReaderCannotWriteAndAStrangerCannotSee() async throws {
        let world = makeGoogleWorld()
        let bob = world.server.addAccount("bob@example.com")
        let bobClient = GoogleTestClient(transport: world.transport, accessToken: bob.accessToken)
        let hidden = try await bobClient.insert(world.account, eventBody())
        #expect(hidden.status == 404)
        #expect(world.server.setAccess(calendarID: world.account, account: "bob@example.com", role: "reader"))
        let refused = try await bobClient.insert(world.account, eventBody())
        #expect(refused.status == 403)
        #expect(errorReason(refused) == "requiredAccessLevel")
        #expect(try await bobClient.list(world.account, []).status == 200)
    }
}
