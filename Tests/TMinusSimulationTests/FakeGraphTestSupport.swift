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
let graphWorldStart = Timestamp(secondsSinceEpoch: 1_772_438_400)

func makeGraphWorld(
    seed: UInt64 = 1, clockOffset: Duration = .zero, configure: (inout FakeGraphConfiguration) -> Void = { _ in }
) -> GraphWorld {
    let clock = ManualClock(start: graphWorldStart)
    let trace = MemoryTraceSink()
    let root = RandomSource(seed: seed)
    var configuration = FakeGraphConfiguration()
    configure(&configuration)
    let serverClock: any WallClock = clockOffset == .zero ? clock : GraphSkewedClock(base: clock, offset: clockOffset)
    let server = FakeGraphServer(clock: serverClock, random: root.fork(), trace: trace, configuration: configuration)
    let transport = SimulatedTransport(clock: clock, random: root.fork(), trace: trace, faults: .instant)
    server.register(on: transport)
    let grant = server.addAccount("alice@contoso.com")
    return GraphWorld(clock: clock, server: server, transport: transport, trace: trace, grant: grant)
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
        var all = HTTPHeaders(
            [
                ("Authorization", "Bearer \(accessToken)"),
                ("Prefer", (preferences + extraPrefer).joined(separator: ", ")),
            ] + headers)
        if body != nil { all.add("Content-Type", "application/json") }
        let url = path.hasPrefix("https://") ? path : FakeGraphServer.apiBase + path
        return try await transport.send(
            HTTPRequest(method: method, url: url, headers: all, body: body.map { StableJSON.serializedBytes($0) } ?? [])
        )
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
            let object = graphObject(response)
            if case .array(let values)? = object["value"] {
                items += values.compactMap { if case .object(let item) = $0 { return item } else { return nil } }
            }
            if let link = graphString(object["@odata.nextLink"]) {
                #expect(object["@odata.deltaLink"] == nil, "a page carries nextLink xor deltaLink")
                next = link
                continue
            }
            return (items, graphString(object["@odata.deltaLink"]), page)
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

/// The JSON object of a response body.
func graphObject(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) -> [String: JSONValue] {
    guard case .object(let object)? = try? StableJSON.parse(response.text) else {
        Issue.record("response body is not a JSON object: \(response.text.prefix(200))", sourceLocation: sourceLocation)
        return [:]
    }
    return object
}

func graphString(_ value: JSONValue?) -> String? {
    if case .string(let text)? = value { return text }
    return nil
}

/// The `error.code` of a Graph error envelope.
func graphErrorCode(_ response: HTTPResponse) -> String? {
    guard case .object(let error)? = graphObject(response)["error"] else { return nil }
    return graphString(error["code"])
}

/// The `error.message` of a Graph error envelope.
func graphErrorMessage(_ response: HTTPResponse) -> String? {
    guard case .object(let error)? = graphObject(response)["error"] else { return nil }
    return graphString(error["message"])
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

/// A clock that reads another clock plus a constant offset: a provider whose time differs from
/// ours. Sleeping advances the underlying manual clock.
final class GraphSkewedClock: WallClock {
    let base: ManualClock
    let offset: Duration

    init(base: ManualClock, offset: Duration) {
        self.base = base
        self.offset = offset
    }

    func now() -> Timestamp { base.now().adding(offset) }
    func sleep(for duration: Duration) async throws { try await base.sleep(for: duration) }
}
