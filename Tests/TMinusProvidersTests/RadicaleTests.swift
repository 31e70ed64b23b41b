import Foundation
import TMinusCore
import TMinusProviders
import Testing

/// Our iCalendar codec and WebDAV XML against a real Radicale 3 started by `.ci/run`
/// (`scripts/radicale.sh`). Without `TMINUS_RADICALE_URL` these tests are skipped — loudly — and
/// in CI a missing server is a failure.
@Suite(
    .serialized,
    .enabled(if: RadicaleServer.isAvailable, "TMINUS_RADICALE_URL is not set: run scripts/radicale.sh start"))
struct RadicaleTests {
    let server = RadicaleServer()!

    private func putCreate(_ path: String, _ bytes: [UInt8]) async throws -> HTTPResponse {
        try await server.send(DAVRequests.put(url: server.url(path), calendar: bytes, condition: .createOnly))
    }

    private func sync(_ calendar: String, token: String?) async throws -> (HTTPResponse, DAVMultistatus?) {
        let response = try await server.send(
            DAVRequests.syncCollection(url: server.url(calendar), DAVSyncCollection(syncToken: token)))
        return (response, response.status == 207 ? try DAVMultistatus.parse(response.body) : nil)
    }

    private func simpleEvent(uid: String, summary: String) -> [UInt8] {
        let start = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_773_133_200), timeZone: nil)
        let end = EventDateTime.timed(Timestamp(secondsSinceEpoch: 1_773_136_800), timeZone: nil)
        let projected = ProjectedEvent(
            summary: summary, description: nil, location: nil, start: start, end: end, transparency: .opaque,
            visibility: .default,
            markers: ManagedMarkers(canonicalEventID: "evt_\(uid)", originAccountID: "acc_test"))
        return ICalendarMapping.mirrorCalendar(for: projected, uid: uid, stamp: Timestamp(secondsSinceEpoch: 0)).bytes
    }

    @Test func createIsConditionalAndAStaleETagIsRefused() async throws {
        let calendar = try await server.makeCalendar("writes")
        defer { Task { await server.removeCalendar(calendar) } }
        let created = try await putCreate(calendar + "a.ics", simpleEvent(uid: "a", summary: "A, first; version"))
        #expect(created.status == 201)
        let firstETag = try #require(created.headers["ETag"])
        #expect(try await putCreate(calendar + "a.ics", simpleEvent(uid: "a", summary: "again")).status == 412)

        let update = DAVRequests.put(
            url: server.url(calendar + "a.ics"), calendar: simpleEvent(uid: "a", summary: "A, second"),
            condition: .ifMatch(firstETag))
        let updated = try await server.send(update)
        #expect(updated.status == 204)
        let secondETag = try #require(updated.headers["ETag"])
        #expect(secondETag != firstETag)
        let stale = DAVRequests.put(
            url: server.url(calendar + "a.ics"), calendar: simpleEvent(uid: "a", summary: "lost"),
            condition: .ifMatch(firstETag))
        #expect(try await server.send(stale).status == 412)
        #expect(
            try await server.send(DAVRequests.delete(url: server.url(calendar + "a.ics"), ifMatch: firstETag)).status
                == 412)

        let listing = try await server.send(DAVRequests.propfind(url: server.url(calendar), depth: 1, .memberETags))
        let members = try DAVMultistatus.parse(listing.body).members(excludingCollection: server.url(calendar))
        #expect(members.map(\.etag) == [secondETag], "PROPFIND shows the ETag the PUT returned")
        let body = try await server.send(DAVRequests.get(url: server.url(calendar + "a.ics")))
        #expect(try ICalendarCalendar.parse(body.body).events().first?.summary == "A, second")

        let duplicateUID = try await putCreate(calendar + "other.ics", simpleEvent(uid: "a", summary: "same uid"))
        #expect(duplicateUID.status == 409)
        #expect(try DAVErrorBody.parse(duplicateUID.body).contains(.noUIDConflict))

        #expect(
            try await server.send(DAVRequests.delete(url: server.url(calendar + "a.ics"), ifMatch: secondETag)).status
                == 200)
        #expect(
            try await server.send(DAVRequests.delete(url: server.url(calendar + "a.ics"), ifMatch: nil)).status == 404)
    }

    @Test func syncCollectionReportsChangesDeletionsAndRejectsABadToken() async throws {
        let calendar = try await server.makeCalendar("sync")
        defer { Task { await server.removeCalendar(calendar) } }
        let ctagBefore = try await ctag(calendar)
        let a = try await putCreate(calendar + "a.ics", simpleEvent(uid: "a", summary: "A"))
        let b = try await putCreate(calendar + "b.ics", simpleEvent(uid: "b", summary: "B"))
        #expect(a.status == 201 && b.status == 201)
        #expect(try await ctag(calendar) != ctagBefore)

        let (_, initial) = try await sync(calendar, token: nil)
        let first = try #require(initial)
        let token = try #require(first.syncToken)
        #expect(Set(first.responses.map { $0.path.split(separator: "/").last ?? "" }) == ["a.ics", "b.ics"])

        let aETag = try #require(a.headers["ETag"])
        let bETag = try #require(b.headers["ETag"])
        _ = try await server.send(
            DAVRequests.put(
                url: server.url(calendar + "a.ics"), calendar: simpleEvent(uid: "a", summary: "A2"),
                condition: .ifMatch(aETag)))
        _ = try await server.send(DAVRequests.delete(url: server.url(calendar + "b.ics"), ifMatch: bETag))
        _ = try await putCreate(calendar + "c.ics", simpleEvent(uid: "c", summary: "C"))

        let (_, later) = try await sync(calendar, token: token)
        let changes = try #require(later)
        #expect(changes.responses.filter(\.isNotFound).map(\.path).map { $0.hasSuffix("/b.ics") } == [true])
        #expect(
            Set(changes.responses.filter { !$0.isNotFound }.map { $0.path.split(separator: "/").last ?? "" }) == [
                "a.ics", "c.ics",
            ])
        let (_, quiet) = try await sync(calendar, token: changes.syncToken)
        #expect(quiet?.responses.isEmpty == true)

        let (invalid, _) = try await sync(calendar, token: "http://radicale.org/ns/sync/deadbeef")
        #expect(invalid.status == 403, "Radicale answers an unknown token with 403 (Xandikos: 412)")
        #expect(try DAVErrorBody.parse(invalid.body).conditions == [.validSyncToken])
    }

    private func ctag(_ calendar: String) async throws -> String? {
        let response = try await server.send(
            DAVRequests.propfind(url: server.url(calendar), depth: 0, .calendarCollection))
        return try DAVMultistatus.parse(response.body).responses.first?.property(.getCTag)?.trimmedText
    }

    @Test func recurringSeriesWithAnOverrideSurvivesTheServerAndMultiget() async throws {
        let calendar = try await server.makeCalendar("recurring")
        defer { Task { await server.removeCalendar(calendar) } }
        let original = try ICalendarCalendar.parse(CalDAVFixtures.bytes("radicale-4d-request.ics"))
        #expect(try await putCreate(calendar + "recurring.ics", original.bytes).status == 201)

        let multiget = DAVCalendarMultiget(hrefs: ["/" + calendar + "recurring.ics", "/" + calendar + "nope.ics"])
        let answer = try DAVMultistatus.parse(
            try await server.send(DAVRequests.calendarMultiget(url: server.url(calendar), multiget)).body)
        #expect(answer.responses.filter(\.isNotFound).map { $0.path.hasSuffix("/nope.ics") } == [true])
        let stored = try ICalendarCalendar.parse(try #require(answer.responses.first { !$0.isNotFound }?.calendarData))
        let window = (Timestamp(secondsSinceEpoch: 1_782_864_000), Timestamp(secondsSinceEpoch: 1_790_812_800))
        let expected = try ICalendarExpansion.instances(in: original, from: window.0, to: window.1)
        let actual = try ICalendarExpansion.instances(in: stored, from: window.0, to: window.1)
        #expect(actual.map(\.recurrenceID) == expected.map(\.recurrenceID))
        #expect(actual.map(\.start) == expected.map(\.start))
        #expect(actual.map(\.event.summary) == expected.map(\.event.summary))

        let query = DAVCalendarQuery(
            properties: [.getETag], start: Timestamp(secondsSinceEpoch: 1_784_160_000),
            end: Timestamp(secondsSinceEpoch: 1_784_246_399))
        let matches = try DAVMultistatus.parse(
            try await server.send(DAVRequests.calendarQuery(url: server.url(calendar), query)).body)
        #expect(matches.responses.map { $0.path.hasSuffix("/recurring.ics") } == [true])
    }

    @Test func unicodeAndFoldedLinesRoundTripThroughTheServer() async throws {
        let calendar = try await server.makeCalendar("unicode")
        defer { Task { await server.removeCalendar(calendar) } }
        let torture = try ICalendarCalendar.parse(CalDAVFixtures.bytes("radicale-4e-request.ics"))
        #expect(try await putCreate(calendar + "torture.ics", torture.bytes).status == 201)
        let long = String(repeating: "Zoë 🎉 会议, ", count: 12)
        #expect(try await putCreate(calendar + "long.ics", simpleEvent(uid: "long", summary: long)).status == 201)

        let sent = try #require(try torture.events().first)
        let back = try await server.send(DAVRequests.get(url: server.url(calendar + "torture.ics")))
        let received = try #require(try ICalendarCalendar.parse(back.body).events().first)
        for name in ["SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES", "X-CALDAV-PEER-NOTE", "URL"] {
            #expect(received.component.property(name) == sent.component.property(name), "\(name) changed on the server")
        }
        let longBack = try await server.send(DAVRequests.get(url: server.url(calendar + "long.ics")))
        let event = try #require(try ICalendarCalendar.parse(longBack.body).events().first)
        #expect(event.summary == long)
        #expect(event.markers[ManagedMarkers.CalDAVProperty.canonicalEventID] == "evt_long")
    }
}

/// Says loudly when the Radicale suite is skipped, and fails in CI where it must run.
struct RadicaleAvailabilityTests {
    @Test func radicaleSuiteRunsInCIAndAnnouncesWhenSkipped() {
        guard !RadicaleServer.isAvailable else { return }
        let banner =
            "\n*** RADICALE SKIPPED: TMINUS_RADICALE_URL is not set; the real-server CalDAV tests did not run. "
            + "Start one with scripts/radicale.sh start and export TMINUS_RADICALE_URL=$(cat .build-radicale/url). ***\n\n"
        FileHandle.standardError.write(Data(banner.utf8))
        if RadicaleServer.isCI {
            Issue.record("Radicale must run in CI: .ci/run should have exported TMINUS_RADICALE_URL")
        }
    }
}
