import TMinusCore
import TMinusProviders

/// A tiny stateful stand-in for one Graph calendar's event endpoints (POST with transactionId
/// dedup, GET, PATCH, DELETE, marker search), just enough to show that a create retried after a
/// lost response is never duplicated. The wire-level fake lives in TMinusSimulation; this one
/// keeps adapter tests self-contained.
final class GraphMiniCalendar: Sendable {
    private struct State {
        var events: [String: [WireMember]] = [:]
        var transactions: [String: String] = [:]
        var version = 0
        var creates = 0
        var loseNextResponse = false
        /// Answer a repeated transactionId with 409 instead of the existing event.
        var conflictOnReplay = false
    }

    private let state = LockedBox(State())

    /// How many events the calendar holds.
    var eventCount: Int { state.withLock { $0.events.count } }
    /// How many creates were applied.
    var appliedCreates: Int { state.withLock { $0.creates } }

    /// The next request is applied, but its response is lost (the transport times out).
    func loseNextResponse() { state.withLock { $0.loseNextResponse = true } }

    /// Repeated transactionIds are answered with 409 (a server variant the adapter must survive).
    func answerReplaysWithConflict() { state.withLock { $0.conflictOnReplay = true } }

    /// A transport step that routes one request to this calendar.
    var step: ScriptedTransport.Step { .handle { [self] request in handle(request) } }

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
            guard case .object(let members)? = try? WireJSON.parse(request.body) else {
                return GraphFixtures.response(400, "error-400-BadRequest.json")
            }
            if case .string(let transaction)? = WireJSON.object(members)["transactionId"],
                let existing = state.transactions[transaction]
            {
                if state.conflictOnReplay { return GraphFixtures.response(409, "error-409-ErrorFolderExists.json") }
                return render(existing, state: state, status: 201, expand: false)
            }
            state.creates += 1
            let id = "AAkALgMini\(state.creates)"
            if case .string(let transaction)? = WireJSON.object(members)["transactionId"] {
                state.transactions[transaction] = id
            }
            return store(members, id: id, state: &state, status: 201)
        case ("GET", nil):
            let expand = request.components?.queryValue("$expand") != nil
            let values = state.events.keys.sorted().map { renderJSON($0, state: state, expand: expand) }
            return HTTPResponse(status: 200, body: WireJSON.object([WireMember("value", .array(values))]).serialized)
        case ("GET", let id?):
            guard state.events[id] != nil else {
                return GraphFixtures.response(404, "error-404-ErrorItemNotFound.json")
            }
            return render(id, state: state, status: 200, expand: true)
        case ("PATCH", let id?):
            guard let current = state.events[id] else {
                return GraphFixtures.response(404, "error-404-ErrorItemNotFound.json")
            }
            if let expected = request.headers["If-Match"], expected != "W/\"\(changeKey(current))\"" {
                return GraphFixtures.response(412, "error-412-ErrorIrresolvableConflict.json")
            }
            guard case .object(let patch)? = try? WireJSON.parse(request.body) else {
                return GraphFixtures.response(400, "error-400-BadRequest.json")
            }
            var merged = current.filter { member in !patch.contains { $0.key == member.key } }
            merged += patch
            return store(merged, id: id, state: &state, status: 200)
        case ("DELETE", let id?):
            guard state.events.removeValue(forKey: id) != nil else {
                return GraphFixtures.response(404, "error-404-ErrorItemNotFound.json")
            }
            return HTTPResponse(status: 204)
        default:
            return GraphFixtures.response(400, "error-400-BadRequest.json")
        }
    }

    private func store(_ members: [WireMember], id: String, state: inout State, status: Int) -> HTTPResponse {
        state.version += 1
        let kept = members.filter { !["id", "changeKey", "lastModifiedDateTime"].contains($0.key) }
        state.events[id] = kept + [WireMember("changeKey", .string("CK\(state.version)"))]
        return render(id, state: state, status: status, expand: false)
    }

    private func changeKey(_ members: [WireMember]) -> String {
        if case .string(let key)? = WireJSON.object(members)["changeKey"] { return key }
        return ""
    }

    private func render(_ id: String, state: State, status: Int, expand: Bool) -> HTTPResponse {
        HTTPResponse(status: status, body: renderJSON(id, state: state, expand: expand).serialized)
    }

    private func renderJSON(_ id: String, state: State, expand: Bool) -> WireJSON {
        let members = state.events[id]!.filter { expand || $0.key != "singleValueExtendedProperties" }
        return .object([WireMember("id", .string(id))] + members)
    }
}
