import TMinusCore
import TMinusProviders
import Testing

/// Seeded fuzzing of what a CalDAV server can send: mutated multistatus bodies and mutated
/// iCalendar data end in typed errors (or in a skipped resource), never in a crash.
@Suite struct CalDAVFuzzTests {
    static let multistatusFixtures = [
        "radicale-6a-response.xml", "radicale-8a-response.xml", "xandikos-8a-response.xml",
        "radicale-13-response-reconstructed.xml", "radicale-2b-response.xml", "xandikos-5a-response.xml",
    ]
    static let calendarFixtures = ["radicale-11-response.ics", "xandikos-11-response.ics", "radicale-4e-request.ics"]

    /// One random edit: flip, delete a run, duplicate a run, insert markup, or cut the tail.
    static func mutate(_ bytes: [UInt8], _ random: inout Xoshiro256StarStar) -> [UInt8] {
        guard !bytes.isEmpty else { return [0x3C] }
        var out = bytes
        for _ in 0...Int(random.below(4)) {
            let at = Int(random.below(UInt64(out.count)))
            let length = min(out.count - at, 1 + Int(random.below(24)))
            switch random.below(6) {
            case 0: out[at] = UInt8(truncatingIfNeeded: random.next())
            case 1: out.removeSubrange(at..<(at + length))
            case 2: out.insert(contentsOf: out[at..<(at + length)], at: at)
            case 3:
                out.insert(
                    contentsOf: Array(
                        ["<", "&", "\"", ">", "\r\n ", ":", ";", "\u{0}", "é", "</"][Int(random.below(10))].utf8),
                    at: at)
            case 4: out = Array(out.prefix(at))
            default: out.insert(contentsOf: [0xF0, 0x9F], at: at)
            }
            if out.isEmpty { out = [0x20] }
        }
        return out
    }

    @Test func mutatedSyncAnswersAreMalformedResponsesOrReadable() async {
        var random = Xoshiro256StarStar(seed: 0xCA1D_A7F0)
        var malformed = 0
        for round in 0..<300 {
            let fixture = Self.multistatusFixtures[round % Self.multistatusFixtures.count]
            let body = Self.mutate(CalDAVFixtures.bytes(fixture), &random)
            let transport = ScriptedTransport(
                Array(repeating: .respond(HTTPResponse(status: 207, body: body)), count: 4))
            let failure = await calDAVProviderFailure { () async throws(ProviderError) in
                let provider = CalDAVTesting.provider(transport)
                let collection = CalDAVTesting.radicaleCollection
                if round % 2 == 0 {
                    return try await provider.fullListing(calendarID: collection, window: CalDAVTesting.window)
                }
                return try await provider.changes(calendarID: collection, since: CalDAVTesting.cursor(collection))
            }
            if let failure {
                #expect(failure.kind == "malformedResponse", "round \(round): \(failure)")
                malformed += 1
            }
        }
        #expect(malformed > 100, "the mutations must actually break bodies")
    }

    @Test func mutatedCalendarDataInsideASyncAnswerIsSkippedNotFatal() async throws {
        var random = Xoshiro256StarStar(seed: 0x1CA1)
        for round in 0..<200 {
            let fixture = Self.calendarFixtures[round % Self.calendarFixtures.count]
            let ics = String(decoding: Self.mutate(CalDAVFixtures.bytes(fixture), &random), as: UTF8.self)
            let transport = ScriptedTransport([
                .respond(
                    CalDAVTesting.syncAnswer(
                        collection: "/c/", members: [("bad.ics", ics), ("good.ics", CalDAVTesting.event(uid: "good"))],
                        token: "t"))
            ])
            let listing = try await CalDAVTesting.provider(transport).changes(
                calendarID: "/c/", since: CalDAVTesting.cursor("/c/"))
            #expect(listing.records.contains { $0.delta.providerEventID == "good" }, "round \(round)")
        }
    }

    @Test func mutatedCalendarDataThrowsOnlyICalendarErrors() {
        var random = Xoshiro256StarStar(seed: 0x5EED)
        let reader = CalDAVResourceReader(
            calendarID: "/c/", singlesStart: nil, singlesEnd: nil, expandStart: CalDAVTesting.window.start!,
            expandEnd: CalDAVTesting.window.end!, floatingTimeZone: nil)
        var failures = 0
        for round in 0..<400 {
            let bytes = Self.mutate(
                CalDAVFixtures.bytes(Self.calendarFixtures[round % Self.calendarFixtures.count]), &random)
            do {
                _ = try reader.read(
                    bytes, etag: "\"e\"", previous: [CalDAVCursor.Member(uid: "x", recurrenceIDs: ["20260101"])])
            } catch {
                #expect(!error.description.isEmpty)
                failures += 1
            }
        }
        #expect(failures > 50)
    }

    @Test func mutatedGetBodiesAreMalformedOrNotFound() async {
        var random = Xoshiro256StarStar(seed: 0xBEEF)
        for round in 0..<200 {
            let body = Self.mutate(CalDAVFixtures.bytes("radicale-11-response.ics"), &random)
            let transport = ScriptedTransport([
                .respond(HTTPResponse(status: 200, headers: ["ETag": "\"e\""], body: body)),
                .respond(CalDAVTesting.multistatus(text: #"<d:multistatus xmlns:d="DAV:"/>"#)),
            ])
            let failure = await calDAVProviderFailure { () async throws(ProviderError) in
                try await CalDAVTesting.provider(transport).event(
                    at: EventAddress(calendarID: "/c/", eventID: "peer-7-000003@caldav-peer.test#20260716T070000Z"))
            }
            if let failure {
                #expect(["malformedResponse", "notFound"].contains(failure.kind), "round \(round): \(failure)")
            }
        }
    }

    @Test func randomCursorTextIsRefusedOrReadsStably() {
        var random = Xoshiro256StarStar(seed: 42)
        let original = CalDAVCursor(
            collection: "/c/", syncToken: "http://radicale.org/ns/sync/abc", singlesStart: nil, singlesEnd: nil,
            expandStart: CalDAVTesting.start, expandEnd: CalDAVTesting.start,
            members: ["a b.ics": [CalDAVCursor.Member(uid: "u\t1%", recurrenceIDs: ["20260101T000000Z"])]])
        let valid = original.cursor.rawValue
        #expect(CalDAVCursor(original.cursor) == original)
        var refused = 0
        for _ in 0..<500 {
            let text = String(decoding: Self.mutate(Array(valid.utf8), &random), as: UTF8.self)
            guard let cursor = CalDAVCursor(SyncCursor(text)) else {
                refused += 1
                continue
            }
            #expect(CalDAVCursor(cursor.cursor) == cursor, "a cursor that reads must write back to itself")
        }
        #expect(refused > 100)
    }
}
