import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// Event CRUD of the fake Graph server: documented shapes, server stamps from its own clock,
/// change keys and 412, transactionId dedup, ids in both forms, extended properties.
struct FakeGraphEventsTests {
    @Test func createAnswers201WithTheDocumentedShapeStampedByTheServersSkewedClock() async throws {
        let world = makeGraphWorld(clockOffset: .seconds(-90))
        let response = try await world.client.create(world.calendar, graphEventBody())
        #expect(response.status == 201)
        let event = jsonObject(response)
        let missing = graphFixtureKeys("event.json").subtracting(event.keys)
        #expect(missing.isEmpty, "members the documented resource has and the fake lacks: \(missing.sorted())")
        #expect(string(event["createdDateTime"]) == "2026-03-02T07:58:30.0000000Z", "the server runs 90 s behind")
        #expect(string(event["lastModifiedDateTime"]) == string(event["createdDateTime"]))
        #expect(response.headers["Date"] == "Mon, 02 Mar 2026 07:58:30 GMT")
        #expect(string(event["id"])?.hasPrefix("AAkALg") == true, "an immutable id was asked for")
        #expect(string(event["type"]) == "singleInstance")
        let changeKey = try #require(string(event["changeKey"]))
        #expect(string(event["@odata.etag"]) == "W/\"\(changeKey)\"")
        #expect(event["start"] == ["dateTime": "2026-03-02T09:00:00.0000000", "timeZone": "UTC"])
    }

    @Test func outlookTimeZonePreferenceRendersStartAndEndInThatZone() async throws {
        let world = makeGraphWorld()
        let created = jsonObject(try await world.client.create(world.calendar, graphEventBody()))
        let id = try #require(string(created["id"]))
        var pacific = world.client
        pacific.preferences[1] = #"outlook.timezone="Pacific Standard Time""#
        let event = jsonObject(try await pacific.send("GET", "/me/events/\(id)"))
        #expect(event["start"] == ["dateTime": "2026-03-02T01:00:00.0000000", "timeZone": "Pacific Standard Time"])
    }

    @Test func aRepeatedTransactionIDAnswersTheFirstEventAndCreatesNothing() async throws {
        let world = makeGraphWorld()
        let body = graphEventBody(extra: ["transactionId": "7E163156-7762-4BEB-A1C6-729EA81755A7"])
        let first = jsonObject(try await world.client.create(world.calendar, body))
        let again = try await world.client.create(world.calendar, body)
        #expect(again.status == 201)
        #expect(jsonObject(again)["id"] == first["id"])
        #expect(string(first["transactionId"]) == "7E163156-7762-4BEB-A1C6-729EA81755A7")
        let live = world.server.inspectCalendars().first { $0.id == world.calendar }?.liveEvents ?? []
        #expect(live.count == 1)
    }

    @Test func aStaleChangeKeyIs412ErrorIrresolvableConflictAndTheCurrentOneSucceeds() async throws {
        let world = makeGraphWorld()
        let created = jsonObject(try await world.client.create(world.calendar, graphEventBody()))
        let id = try #require(string(created["id"]))
        let key = try #require(string(created["changeKey"]))
        let path = "/me/calendars/\(URLParts.percentEncode(world.calendar))/events/\(id)"
        let first = try await world.client.send(
            "PATCH", path, body: ["subject": "Moved"], headers: [("If-Match", "W/\"\(key)\"")])
        #expect(first.status == 200)
        let newKey = try #require(string(jsonObject(first)["changeKey"]))
        #expect(newKey != key, "every change changes the change key")
        let stale = try await world.client.send(
            "PATCH", path, body: ["subject": "Again"], headers: [("If-Match", "W/\"\(key)\"")])
        #expect(stale.status == 412)
        #expect(graphErrorCode(stale) == "ErrorIrresolvableConflict")
        #expect(try await world.client.send("DELETE", path, headers: [("If-Match", "W/\"\(key)\"")]).status == 412)
        #expect(try await world.client.send("DELETE", path, headers: [("If-Match", "W/\"\(newKey)\"")]).status == 204)
        let twice = try await world.client.send("DELETE", path)
        #expect(twice.status == 404 && graphErrorCode(twice) == "ErrorItemNotFound")
    }

    @Test func aPatchSendingEmptyBodyAndLocationClearsThem() async throws {
        let world = makeGraphWorld()
        let body = graphEventBody(extra: [
            "body": ["contentType": "text", "content": "Agenda"], "location": ["displayName": "Room 4"],
        ])
        let id = try #require(string(jsonObject(try await world.client.create(world.calendar, body))["id"]))
        _ = try await world.client.send(
            "PATCH", "/me/events/\(id)",
            body: ["body": ["contentType": "text", "content": ""], "location": ["displayName": ""]])
        let snapshot = try #require(world.server.graphEvent(calendarID: world.calendar, eventID: id))
        #expect(snapshot.body.isEmpty && snapshot.location.isEmpty)
        #expect(snapshot.subject == "Standup", "members not sent are kept")
    }

    @Test func extendedPropertiesComeBackOnlyWhenExpandedAndCanBeDropped() async throws {
        let property = "String {1f4f9f5e-5a4b-4f44-9d2c-7b1e6a3c2d10} Name tminus"
        let body = graphEventBody(extra: [
            "singleValueExtendedProperties": [["id": .string(property), "value": "tminus=true"]],
            "categories": ["T-Minus Managed"],
        ])
        let world = makeGraphWorld()
        let id = try #require(string(jsonObject(try await world.client.create(world.calendar, body))["id"]))
        let plain = jsonObject(try await world.client.send("GET", "/me/events/\(id)"))
        #expect(plain["singleValueExtendedProperties"] == nil)
        #expect(plain["categories"] == ["T-Minus Managed"])
        let expand = "$expand=" + URLParts.percentEncode("singleValueExtendedProperties($filter=id eq '\(property)')")
        let expanded = jsonObject(try await world.client.send("GET", "/me/events/\(id)?\(expand)"))
        #expect(expanded["singleValueExtendedProperties"] == [["id": .string(property), "value": "tminus=true"]])
        world.server.reconfigure { $0.extendedPropertyDropChance = .always }
        let dropped = jsonObject(try await world.client.send("GET", "/me/events/\(id)?\(expand)"))
        #expect(dropped["singleValueExtendedProperties"] == nil, "the payload dropped the extension")
        #expect(dropped["categories"] == ["T-Minus Managed"], "the category fallback survives")
    }

    @Test func movingAnEventChangesItsRestIDButNotItsImmutableID() async throws {
        let world = makeGraphWorld()
        let other = try world.server.humanCreateCalendar(account: world.account, title: "Work")
        let id = try #require(
            string(jsonObject(try await world.client.create(world.calendar, graphEventBody()))["id"]))
        let restBefore = try #require(world.server.graphEvent(calendarID: world.calendar, eventID: id)?.restID)
        #expect(
            try world.server.humanMoveEvent(account: world.account, eventID: id, from: world.calendar, to: other) == id)
        let restAfter = try #require(world.server.graphEvent(calendarID: other, eventID: id)?.restID)
        #expect(restAfter != restBefore)
        let byImmutable = try await world.client.send("GET", "/me/events/\(id)")
        #expect(byImmutable.status == 200 && jsonObject(byImmutable)["id"] == .string(id))
        let byOldRest = try await world.client.withRestIDs.send("GET", "/me/events/\(restBefore)")
        #expect(byOldRest.status == 404 && graphErrorCode(byOldRest) == "ErrorItemNotFound")
        let byNewRest = try await world.client.withRestIDs.send("GET", "/me/events/\(restAfter)")
        #expect(jsonObject(byNewRest)["id"] == .string(restAfter), "without ImmutableId answers carry REST ids")
    }

    @Test func invalidBodiesGetGraphs400Codes() async throws {
        let world = makeGraphWorld()
        let zone = graphEventBody(extra: ["start": ["dateTime": "2026-03-02T09:00:00", "timeZone": "Mars/Olympus"]])
        let badZone = try await world.client.create(world.calendar, zone)
        #expect(badZone.status == 400 && graphErrorCode(badZone) == "TimeZoneNotSupportedException")
        let backwards = graphEventBody(extra: ["end": ["dateTime": "2026-03-02T07:00:00", "timeZone": "UTC"]])
        #expect(graphErrorCode(try await world.client.create(world.calendar, backwards)) == "ErrorInvalidRequest")
        let notMidnight = graphEventBody(extra: ["isAllDay": true])
        #expect(graphErrorCode(try await world.client.create(world.calendar, notMidnight)) == "ErrorInvalidRequest")
        let empty = try await world.client.send("POST", "/me/events")
        #expect(empty.status == 400 && graphErrorCode(empty) == "BadRequest")
        let unknownCalendar = try await world.client.create("AAMkNope=", graphEventBody())
        #expect(unknownCalendar.status == 404)
    }

    @Test func theWriteLogRecordsImmutableIDPreferenceAndAttendees() async throws {
        let world = makeGraphWorld()
        _ = try await world.client.create(world.calendar, graphEventBody())
        _ = try await world.client.withRestIDs.create(
            world.calendar, graphEventBody(extra: ["attendees": [["emailAddress": ["address": "x@contoso.com"]]]]))
        let log = world.server.writeLog
        #expect(log.map(\.operation) == ["create", "create"])
        #expect(log.map(\.preferredImmutableIDs) == [true, false])
        #expect(log.map(\.attendeeCount) == [0, 1])
        #expect(world.server.requestCounts.withoutImmutableIDs == 1)
    }
}
