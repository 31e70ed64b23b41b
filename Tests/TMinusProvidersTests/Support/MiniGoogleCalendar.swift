import TMinusCore
import TMinusProviders

/// A tiny stateful stand-in for one Google calendar's event endpoints (insert, get, update,
/// delete), just enough to show that a create retried after a lost response is adopted and
/// never duplicated. The real wire-level fake lives in TMinusSimulation; this one only keeps
/// adapter tests self-contained.
final class MiniGoogleCalendar: Sendable {
    private struct State {
        var events: [String: WireJSON] = [:]
        var version = 0
        var inserts = 0
        var loseNextResponse = false
    }

    private let state = LockedBox(State())

    /// How many events the calendar holds (cancelled ones included).
    var eventCount: Int { state.withLock { $0.events.count } }
    /// How many inserts were applied.
    var appliedInserts: Int { state.withLock { $0.inserts } }

    /// The next request is applied, but its response is lost (the transport times out).
    func loseNextResponse() { state.withLock { $0.loseNextResponse = true } }

    /// A transport step that routes one request to this calendar.
    var step: ScriptedTransport.Step { .handle { [self] request in handle(request) } }

    /// The stored event with `id`.
    func event(_ id: String) -> WireJSON? { state.withLock { $0.events[id] } }

    private func handle(_ request: HTTPRequest) -> Result<HTTPResponse, TransportError> {
        let segments = request.components?.pathSegments ?? []
        let eventID = segments.count >= 6 ? segments[5] : nil
        return state.withLock { state in
            let response = respond(request, eventID: eventID, state: &state)
            if state.loseNextResponse {
                state.loseNextResponse = false
                return .failure(.timedOut)
            }
            return .success(response)
        }
    }

    private func respond(_ request: HTTPRequest, eventID: String?, state: inout State) -> HTTPResponse {
        switch (request.method, eventID) {
        case ("POST", nil):
            guard let body = try? WireJSON.parse(request.body), case .string(let id)? = body["id"] else {
                return Fixtures.response(400, "error-400-timeRangeEmpty.json")
            }
            if state.events[id] != nil { return Fixtures.response(409, "error-409-duplicate.json") }
            state.inserts += 1
            return store(body, id: id, state: &state)
        case ("GET", let id?):
            guard let event = state.events[id] else { return Fixtures.response(404, "error-404-notFound.json") }
            return HTTPResponse(status: 200, body: event.serialized)
        case ("PUT", let id?):
            guard let current = state.events[id] else { return Fixtures.response(404, "error-404-notFound.json") }
            if let expected = request.headers["If-Match"], case .string(let etag)? = current["etag"], etag != expected {
                return Fixtures.response(412, "error-412-conditionNotMet.json")
            }
            guard let body = try? WireJSON.parse(request.body) else {
                return Fixtures.response(400, "error-400-timeRangeEmpty.json")
            }
            return store(body, id: id, state: &state)
        case ("DELETE", let id?):
            guard let current = state.events[id] else { return Fixtures.response(404, "error-404-notFound.json") }
            if case .string("cancelled")? = current["status"] {
                return Fixtures.response(410, "error-410-deleted.json")
            }
            _ = store(.object([WireMember("status", .string("cancelled"))]), id: id, state: &state)
            return HTTPResponse(status: 204)
        default:
            return Fixtures.response(404, "error-404-notFound.json")
        }
    }

    private func store(_ body: WireJSON, id: String, state: inout State) -> HTTPResponse {
        state.version += 1
        guard case .object(let members) = body else { return HTTPResponse(status: 500) }
        let kept = members.filter { !["id", "etag", "kind", "updated"].contains($0.key) }
        let event = WireJSON.object(
            [
                WireMember("kind", .string("calendar#event")), WireMember("etag", .string("\"\(state.version)\"")),
                WireMember("id", .string(id)),
                WireMember("updated", .string("2026-03-01T00:00:0\(state.version % 10).000Z")),
            ]
                + kept)
        state.events[id] = event
        return HTTPResponse(status: 200, headers: ["ETag": "\"\(state.version)\""], body: event.serialized)
    }
}
