import TMinusCore
import TMinusProviders
import TMinusSimulation
import Testing

/// What every single-fake fixture (``makeGoogleWorld(seed:network:account:configure:)``,
/// ``makeGraphWorld(seed:clockOffset:configure:)``) starts from: a manual clock at 2026-03-02T08:00:00Z,
/// a trace, and a random root whose first fork goes to the server, the second to the transport.
struct FakeWorldBase {
    /// 2026-03-02T08:00:00Z, the scenarios' usual start.
    static let start = Timestamp(secondsSinceEpoch: 1_772_438_400)

    let clock = ManualClock(start: FakeWorldBase.start)
    let trace = MemoryTraceSink()
    let root: RandomSource

    init(seed: UInt64) { root = RandomSource(seed: seed) }

    /// The simulated transport, on the root's next fork (build the server first, from `root.fork()`,
    /// so the two streams stay where the fixtures have always had them).
    func transport(faults: NetworkFaults) -> SimulatedTransport {
        SimulatedTransport(clock: clock, random: root.fork(), trace: trace, faults: faults)
    }
}

/// Sends a bearer-authorised request with an optional JSON body, as the hand-rolled test clients do.
func sendBearer(
    _ transport: SimulatedTransport, _ method: String, url: String, accessToken: String,
    headers: [(String, String)], body: JSONValue?
) async throws(TransportError) -> HTTPResponse {
    var all = HTTPHeaders([("Authorization", "Bearer \(accessToken)")] + headers)
    if body != nil { all.add("Content-Type", "application/json") }
    return try await transport.send(
        HTTPRequest(method: method, url: url, headers: all, body: body.map { StableJSON.serializedBytes($0) } ?? []))
}

/// The JSON object of a response body.
func jsonObject(_ response: HTTPResponse, sourceLocation: SourceLocation = #_sourceLocation) -> [String: JSONValue] {
    guard case .object(let object)? = try? StableJSON.parse(response.text) else {
        Issue.record("response body is not a JSON object: \(response.text.prefix(200))", sourceLocation: sourceLocation)
        return [:]
    }
    return object
}

/// The text of a JSON string, or nil for anything else.
func string(_ value: JSONValue?) -> String? {
    if case .string(let text)? = value { return text }
    return nil
}

/// A clock that reads another clock plus a constant offset: a provider whose time runs ahead or
/// behind ours. Sleeping advances the underlying manual clock.
final class OffsetClock: WallClock {
    let base: ManualClock
    let offset: Duration

    init(base: ManualClock, offset: Duration) {
        self.base = base
        self.offset = offset
    }

    func now() -> Timestamp { base.now().adding(offset) }
    func sleep(for duration: Duration) async throws { try await base.sleep(for: duration) }
}
