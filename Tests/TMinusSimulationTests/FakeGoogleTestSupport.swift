import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// One fake Google server behind a simulated transport on a manual clock: the fixture every
/// FakeGoogle* suite builds with ``makeGoogleWorld(seed:network:configure:)``.
struct GoogleWorld {
    let clock: ManualClock
    let server: FakeGoogleServer
    let transport: SimulatedTransport
    let trace: MemoryTraceSink
    let grant: GoogleGrant

    var account: String { grant.account }

    /// A client authorised as the world's account.
    var client: GoogleTestClient { GoogleTestClient(transport: transport, accessToken: grant.accessToken) }
}

/// 2026-03-02T08:00:00Z, the scenarios' usual start.
let googleWorldStart = FakeWorldBase.start

func makeGoogleWorld(
    seed: UInt64 = 1, network: NetworkFaults = .instant, account: String = "alice@example.com",
    configure: (inout FakeGoogleConfiguration) -> Void = { _ in }
) -> GoogleWorld {
    let base = FakeWorldBase(seed: seed)
    var configuration = FakeGoogleConfiguration()
    configure(&configuration)
    let server = FakeGoogleServer(
        clock: base.clock, random: base.root.fork(), trace: base.trace, configuration: configuration)
    let transport = base.transport(faults: network)
    server.register(on: transport)
    let grant = server.addAccount(account, timeZone: "Europe/Berlin")
    return GoogleWorld(clock: base.clock, server: server, transport: transport, trace: base.trace, grant: grant)
}

/// A minimal hand-rolled Calendar API client for tests of the fake (the real adapter is tested
/// against the fake in FakeGoogleAdapterTests).
struct GoogleTestClient {
    let transport: SimulatedTransport
    var accessToken: String

    func send(
        _ method: String, _ segments: [String], query: [(String, String)] = [], body: JSONValue? = nil,
        headers: [(String, String)] = []
    ) async throws(TransportError) -> HTTPResponse {
        let url = URLParts.build(base: FakeGoogleServer.apiBase, segments: segments, query: query)
        return try await sendBearer(transport, method, url: url, accessToken: accessToken, headers: headers, body: body)
    }

    func insert(_ calendar: String, _ body: JSONValue, query: [(String, String)] = [("sendUpdates", "none")])
        async throws(TransportError) -> HTTPResponse
    {
        try await send("POST", ["calendars", calendar, "events"], query: query, body: body)
    }

    func list(_ calendar: String, _ query: [(String, String)]) async throws(TransportError) -> HTTPResponse {
        try await send("GET", ["calendars", calendar, "events"], query: query)
    }
}

/// A timed event body starting `hour` hours after the world start, one hour long.
func eventBody(id: String? = nil, title: String = "Standup", hour: Int64 = 1, extra: [String: JSONValue] = [:])
    -> JSONValue
{
    let start = CivilTime.rfc3339(googleWorldStart.adding(.seconds(hour * 3600)))
    let end = CivilTime.rfc3339(googleWorldStart.adding(.seconds(hour * 3600 + 3600)))
    var object: [String: JSONValue] = [
        "summary": .string(title), "start": ["dateTime": .string(start)], "end": ["dateTime": .string(end)],
    ]
    if let id { object["id"] = .string(id) }
    for (key, value) in extra { object[key] = value }
    return .object(object)
}

/// The `error.errors[0].reason` of a Google error envelope.
func errorReason(_ response: HTTPResponse) -> String? {
    guard case .object(let error)? = jsonObject(response)["error"], case .array(let errors)? = error["errors"],
        case .object(let first)? = errors.first
    else { return nil }
    return string(first["reason"])
}

/// The items of a list page.
func items(_ response: HTTPResponse) -> [[String: JSONValue]] {
    guard case .array(let values)? = jsonObject(response)["items"] else { return [] }
    return values.compactMap { if case .object(let object) = $0 { return object } else { return nil } }
}

/// Follows a listing to its last page; returns every item and the final sync token.
func listAll(
    _ client: GoogleTestClient, _ calendar: String, _ query: [(String, String)]
) async throws -> (items: [[String: JSONValue]], syncToken: String?, pages: Int) {
    var all: [[String: JSONValue]] = []
    var pageToken: String?
    for page in 1...10_000 {
        let response = try await client.list(calendar, query + (pageToken.map { [("pageToken", $0)] } ?? []))
        guard response.status == 200 else {
            Issue.record("listing answered \(response.status): \(response.text.prefix(300))")
            return (all, nil, page)
        }
        all += items(response)
        let object = jsonObject(response)
        if let next = string(object["nextPageToken"]) {
            #expect(object["nextSyncToken"] == nil, "a page carries nextPageToken xor nextSyncToken")
            pageToken = next
            continue
        }
        return (all, string(object["nextSyncToken"]), page)
    }
    Issue.record("listing never ended")
    return (all, nil, 10_000)
}
