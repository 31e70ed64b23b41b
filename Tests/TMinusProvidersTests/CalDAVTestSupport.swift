import TMinusCore
import TMinusProviders
import Testing

/// Shared builders for the CalDAV adapter tests (scripted transport, recorded exchanges).
enum CalDAVTesting {
    /// 2026-03-02T08:00:00Z.
    static let start = Timestamp(secondsSinceEpoch: 1_772_438_400)
    static let radicaleCollection = "/test/probe-1795696871/"
    static let xandikosCollection = "/user/calendars/probe-1795696871/"
    static let window = ListingWindow(
        start: Timestamp(secondsSinceEpoch: 1_767_225_600), end: Timestamp(secondsSinceEpoch: 1_798_761_600))

    static let markers = ManagedMarkers(
        canonicalEventID: "evt_01JCALDAV0000000000000001", originAccountID: "acc_origin")
    static let key = MirrorKey(canonicalEventID: markers.canonicalEventID, targetAccountID: "acc_target")

    static func provider(
        _ transport: ScriptedTransport, server: String = "http://127.0.0.1:5232/",
        configure: (inout CalDAVConfiguration) -> Void = { _ in }
    ) -> CalDAVCalendarProvider {
        var configuration = CalDAVConfiguration(serverURL: server)
        configure(&configuration)
        return CalDAVCalendarProvider(
            transport: transport,
            credentials: FixedCredentialSource(.basic(user: "test", password: ProviderSecret("test"))),
            configuration: configuration, clock: ManualClock(start: start))
    }

    /// A cursor of this adapter for `collection` at `token`, expanding over ``window``.
    static func cursor(_ collection: String, token: String = "t0") -> SyncCursor {
        CalDAVCursor(
            collection: collection, syncToken: token, singlesStart: nil, singlesEnd: nil, expandStart: window.start!,
            expandEnd: window.end!
        ).cursor
    }

    /// The PROPFIND answer carrying a collection's sync-token.
    static func tokenAnswer(_ collection: String, token: String) -> HTTPResponse {
        multistatus(
            text: #"<d:multistatus xmlns:d="DAV:"><d:response><d:href>\#(collection)</d:href><d:propstat><d:prop>"#
                + "<d:sync-token>\(token)</d:sync-token></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
                + "</d:response></d:multistatus>")
    }

    /// A 207 answer with a recorded body.
    static func multistatus(_ fixture: String) -> HTTPResponse {
        HTTPResponse(
            status: 207, headers: ["Content-Type": "text/xml; charset=utf-8"], body: CalDAVFixtures.bytes(fixture))
    }

    /// A 207 answer with `body`.
    static func multistatus(text body: String) -> HTTPResponse {
        HTTPResponse(status: 207, headers: ["Content-Type": "text/xml; charset=utf-8"], body: Array(body.utf8))
    }

    /// A BUSY projection at 2026-03-03 14:00–15:00 UTC.
    static func projection(summary: String = "Busy") -> ProjectedEvent {
        ProjectedEvent(
            summary: summary, description: nil, location: nil,
            start: .timed(Timestamp(secondsSinceEpoch: 1_772_546_400), timeZone: "Europe/Berlin"),
            end: .timed(Timestamp(secondsSinceEpoch: 1_772_550_000), timeZone: "Europe/Berlin"),
            transparency: .opaque, visibility: .private, markers: markers)
    }

    /// A sync-collection answer with changed members carrying calendar data, removals and a token
    /// (written by the WebDAV writer, so any text survives as XML).
    static func syncAnswer(
        collection: String, members: [(name: String, ics: String)], removed: [String] = [], token: String
    )
        -> HTTPResponse
    {
        var responses = members.map { member in
            DAVResponse(
                href: collection + member.name,
                propstats: [
                    DAVPropstat(
                        status: 200,
                        properties: [
                            DAVElement(.getETag, text: "\"etag-\(member.name)\""),
                            DAVElement(.calendarData, text: member.ics),
                        ])
                ])
        }
        responses += removed.map { DAVResponse(href: collection + $0, status: 404) }
        return HTTPResponse(
            status: 207, headers: ["Content-Type": "text/xml; charset=utf-8"],
            body: DAVMultistatus(responses: responses, syncToken: token).xml)
    }

    /// Text escaped for an XML element written by hand.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\r\n": out += "&#13;\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// A one-event calendar (CRLF line ends).
    static func event(uid: String, summary: String = "Lunch", start: String = "20260310T120000Z") -> String {
        [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", "BEGIN:VEVENT", "UID:\(uid)",
            "DTSTAMP:20260301T000000Z", "DTSTART:\(start)", "DURATION:PT1H", "SUMMARY:\(summary)", "END:VEVENT",
            "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
    }
}

/// The error `body` throws, or nil when it succeeds.
func calDAVProviderFailure<Value>(_ body: () async throws(ProviderError) -> Value) async -> ProviderError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
