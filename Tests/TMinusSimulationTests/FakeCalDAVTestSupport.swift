import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// One fake CalDAV server behind a simulated transport on a manual clock, with one account that
/// has one calendar, and the real CalDAV adapter pointed at it.
struct CalDAVWorld {
    let clock: ManualClock
    let server: FakeCalDAVServer
    let transport: SimulatedTransport
    let trace: MemoryTraceSink
    let account: CalDAVAccountInfo

    /// The account's calendar (`/alice/work/` on Radicale, `/alice/calendars/work/` on Xandikos).
    var calendar: String { account.calendarPaths[0] }

    /// The adapter for the account.
    var provider: CalDAVCalendarProvider {
        CalDAVCalendarProvider(
            transport: transport, credentials: FixedCredentialSource(account.credential),
            configuration: CalDAVConfiguration(serverURL: account.serverURL), clock: clock, trace: trace)
    }

    /// A raw request to the server with the account's Basic credential.
    func send(_ method: String, _ path: String, body: String = "", headers: [(String, String)] = [])
        async throws(TransportError) -> HTTPResponse
    {
        var all = HTTPHeaders([("Authorization", account.credential.authorizationHeader)])
        for (name, value) in headers { all.add(name, value) }
        let url = server.configuration.origin + DAVHref.encode(path: path)
        return try await transport.send(HTTPRequest(method: method, url: url, headers: all, body: Array(body.utf8)))
    }
}

/// 2026-03-02T08:00:00Z.
let calDAVWorldStart = Timestamp(secondsSinceEpoch: 1_772_438_400)

func makeCalDAVWorld(
    seed: UInt64 = 1, dialect: CalDAVDialect = .radicale, network: NetworkFaults = .instant,
    configure: (inout FakeCalDAVConfiguration) -> Void = { _ in }
) -> CalDAVWorld {
    let clock = ManualClock(start: calDAVWorldStart)
    let trace = MemoryTraceSink()
    let root = RandomSource(seed: seed)
    var configuration = FakeCalDAVConfiguration(dialect: dialect)
    configure(&configuration)
    let server = FakeCalDAVServer(clock: clock, random: root.fork(), trace: trace, configuration: configuration)
    let transport = SimulatedTransport(clock: clock, random: root.fork(), trace: trace, faults: network)
    server.register(on: transport)
    let account = server.addAccount(user: "alice", password: "s3cret", calendars: ["Work"])
    return CalDAVWorld(clock: clock, server: server, transport: transport, trace: trace, account: account)
}

/// Builders shared by the CalDAV suites.
enum CalDAVSamples {
    static let markers = ManagedMarkers(
        canonicalEventID: "evt_01JCANONICAL00000000000001", originAccountID: "acc_origin")
    static let key = MirrorKey(canonicalEventID: markers.canonicalEventID, targetAccountID: "acc_target")

    /// A BUSY projection `hour` hours after the world start, one hour long.
    static func projection(hour: Int64 = 2, summary: String = "Busy", description: String? = nil) -> ProjectedEvent {
        ProjectedEvent(
            summary: summary, description: description, location: nil,
            start: .timed(calDAVWorldStart.adding(.seconds(hour * 3600)), timeZone: "Europe/Berlin"),
            end: .timed(calDAVWorldStart.adding(.seconds(hour * 3600 + 3600)), timeZone: "Europe/Berlin"),
            transparency: .opaque, visibility: .private, markers: markers)
    }

    /// A weekly series of 6 in Berlin from 2026-03-03 09:00 local, the 3rd moved by an hour and
    /// retitled, the 4th excluded.
    static let weeklySeries = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//EN
        BEGIN:VEVENT
        UID:weekly-1@example.org
        DTSTAMP:20260301T000000Z
        DTSTART;TZID=Europe/Berlin:20260303T090000
        DTEND;TZID=Europe/Berlin:20260303T100000
        RRULE:FREQ=WEEKLY;COUNT=6
        EXDATE;TZID=Europe/Berlin:20260324T090000
        SUMMARY:Weekly sync
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly-1@example.org
        DTSTAMP:20260301T000000Z
        RECURRENCE-ID;TZID=Europe/Berlin:20260317T090000
        DTSTART;TZID=Europe/Berlin:20260317T100000
        DTEND;TZID=Europe/Berlin:20260317T110000
        SUMMARY:Weekly sync (moved)
        END:VEVENT
        END:VCALENDAR
        """.replacingLineEnds()
}

extension String {
    /// The text with every `\n` turned into CRLF (iCalendar line ends).
    func replacingLineEnds() -> String {
        var out = ""
        for character in self {
            if character == "\n" { out += "\r\n" } else { out.append(character) }
        }
        return out.hasSuffix("\r\n") ? out : out + "\r\n"
    }
}

/// The error `body` throws, or nil when it succeeds.
func calDAVFailure<Value>(_ body: () async throws(ProviderError) -> Value) async -> ProviderError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
