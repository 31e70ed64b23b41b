import Foundation
import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// One fake Graph server behind a simulated transport on a manual clock: the fixture every
/// FakeGraph* suite builds with ``makeGraphWorld(seed:configure:)``.
struct GraphWorld {
    let clock: ManualClock
    let server: FakeGraphServer
    let transport: SimulatedTransport
    let trace: MemoryTraceSink
    let grant: GraphGrant

    var account: String { grant.account }
    var calendar: String { grant.defaultCalendarID }

    /// A client authorised as the world's mailbox, preferring immutable ids.
    var client: GraphTestClient { GraphTestClient(transport: transport, accessToken: grant.accessToken) }
}

/// 2026-03-02T08:00:00Z.
let graphWorldStart = FakeWorldBase.start

func makeGraphWorld(
    seed: UInt64 = 1, clockOffset: Duration = .zero, configure: (inout FakeGraphConfiguration) -> Void = { _ in }
) -> GraphWorld {
    let base = FakeWorldBase(seed: seed)
    var configuration = FakeGraphConfiguration()
    configure(&configuration)
    let clock = base.clock
    let serverClock: any WallClock = clockOffset == .zero ? clock : OffsetClock(base: clock, offset: clockOffset)
    let server = FakeGraphServer(
        clock: serverClock, random: base.root.fork(), trace: base.trace, configuration: configuration)
    let transport = base.transport(faults: .instant)
    server.register(on: transport)
    let grant = server.addAccount("alice@contoso.com")
    return GraphWorld(clock: clock, server: server, transport: transport, trace: base.trace, grant: grant)
}

/// A minimal hand-rolled Graph client for tests of the fake (the real adapter is exercised
/// against the fake in ProviderConformanceTests).
struct GraphTestClient {
    let transport: SimulatedTransport
    var accessToken: String
    var preferences = [#"IdType="ImmutableId""#, #"outlook.timezone="UTC""#, #"outlook.body-content-type="text""#]

    /// The same client without `IdType="ImmutableId"` (answers carry REST ids).
    var withRestIDs: GraphTestClient {
        var copy = self
        copy.preferences.removeFirst()
        return copy
    }

    func send(
        _ method: String, _ path: String, body: JSONValue? = nil, headers: [(String, String)] = [],
        extraPrefer: [String] = []
    ) async throws(TransportError) -> HTTPResponse {
        let url = path.hasPrefix("https://") ? path : FakeGraphServer.apiBase + path
        let prefer = ("Prefer", (preferences + extraPrefer).joined(separator: ", "))
        return try await sendBearer(
            transport, method, url: url, accessToken: accessToken, headers: [prefer] + headers, body: body)
    }

    func create(_ calendar: String, _ body: JSONValue) async throws(TransportError) -> HTTPResponse {
        try await send("POST", "/me/calendars/\(URLParts.percentEncode(calendar))/events", body: body)
    }

    /// Follows a delta round from `url` to its deltaLink; returns every item and the deltaLink.
    func deltaRound(_ url: String, pageSize: Int = 10) async throws -> (
        items: [[String: JSONValue]], deltaLink: String?, pages: Int
    ) {
        var items: [[String: JSONValue]] = []
        var next = url
        for page in 1...1_000 {
            let response = try await send("GET", next, extraPrefer: ["odata.maxpagesize=\(pageSize)"])
            guard response.status == 200 else {
                Issue.record("delta answered \(response.status): \(response.text.prefix(300))")
                return (items, nil, page)
            }
            let object = jsonObject(response)
            if case .array(let values)? = object["value"] {
                items += values.compactMap { if case .object(let item) = $0 { return item } else { return nil } }
            }
            if let link = string(object["@odata.nextLink"]) {
                #expect(object["@odata.deltaLink"] == nil, "a page carries nextLink xor deltaLink")
                next = link
                continue
            }
            return (items, string(object["@odata.deltaLink"]), page)
        }
        Issue.record("delta round never ended")
        return (items, nil, 1_000)
    }
}

/// The first delta URL of a calendar over `[start, end)`.
func deltaURL(_ calendar: String, from start: Timestamp, days: Int64) -> String {
    "/me/calendars/\(URLParts.percentEncode(calendar))/calendarView/delta?startDateTime=\(CivilTime.rfc3339(start))"
        + "&endDateTime=\(CivilTime.rfc3339(start.adding(.seconds(days * 86_400))))"
}

/// A Graph event body starting `hour` hours after the world start, one hour long, in UTC.
func graphEventBody(subject: String = "Standup", hour: Int64 = 1, extra: [String: JSONValue] = [:]) -> JSONValue {
    let start = GraphDateTime.wallClock(graphWorldStart.adding(.seconds(hour * 3600)))
    let end = GraphDateTime.wallClock(graphWorldStart.adding(.seconds(hour * 3600 + 3600)))
    var object: [String: JSONValue] = [
        "subject": .string(subject), "start": ["dateTime": .string(start), "timeZone": "UTC"],
        "end": ["dateTime": .string(end), "timeZone": "UTC"],
    ]
    for (key, value) in extra { object[key] = value }
    return .object(object)
}

/// The `error.code` of a Graph error envelope.
func graphErrorCode(_ response: HTTPResponse) -> String? {
    guard case .object(let error)? = jsonObject(response)["error"] else { return nil }
    return string(error["code"])
}

/// The `error.message` of a Graph error envelope.
func graphErrorMessage(_ response: HTTPResponse) -> String? {
    guard case .object(let error)? = jsonObject(response)["error"] else { return nil }
    return string(error["message"])
}

/// The member names of a Graph fixture of the providers' test target (read from the source tree).
func graphFixtureKeys(_ name: String) -> Set<String> {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TMinusProvidersTests/Fixtures/graph/\(name)")
    guard let data = try? Data(contentsOf: url),
        case .object(let object)? = try? StableJSON.parse(String(decoding: data, as: UTF8.self))
    else {
        Issue.record("missing fixture graph/\(name)")
        return []
    }
    return Set(object.keys)
}
