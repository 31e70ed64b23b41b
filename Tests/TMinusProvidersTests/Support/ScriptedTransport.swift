import TMinusCore
import TMinusProviders

/// An in-test ``HTTPTransport`` that answers each request with the next scripted step and
/// records every request it saw, so tests can assert both the wire requests and the mapping.
final class ScriptedTransport: HTTPTransport, Sendable {
    /// One scripted answer.
    enum Step: Sendable {
        case respond(HTTPResponse)
        case fail(TransportError)
        /// Computes the answer from the request (for stateful scripts).
        case handle(@Sendable (HTTPRequest) -> Result<HTTPResponse, TransportError>)
    }

    private let state: LockedBox<(steps: [Step], seen: [HTTPRequest])>

    init(_ steps: [Step]) { state = LockedBox((steps: steps, seen: [])) }

    /// Every request sent so far, in order.
    var requests: [HTTPRequest] { state.withLock { $0.seen } }

    /// Scripted steps not consumed yet.
    var remainingSteps: Int { state.withLock { $0.steps.count } }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let step: Step? = state.withLock { box in
            box.seen.append(request)
            return box.steps.isEmpty ? nil : box.steps.removeFirst()
        }
        switch step {
        case .respond(let response)?: return response
        case .fail(let error)?: throw error
        case .handle(let handler)?: return try handler(request).get()
        case nil: throw .invalidRequest("script exhausted at \(request)")
        }
    }
}

/// A credential source that counts refreshes and hands out numbered tokens (`token-0`, `token-1`…),
/// or fails the refresh with a given error.
final class CountingCredentials: CredentialSource, Sendable {
    private let refreshes = LockedBox(0)
    private let refreshFailure: ProviderError?

    init(refreshFailure: ProviderError? = nil) { self.refreshFailure = refreshFailure }

    var refreshCount: Int { refreshes.withLock { $0 } }

    func credential() async throws(ProviderError) -> ProviderCredential {
        .bearer(ProviderSecret("token-\(refreshes.withLock { $0 })"))
    }

    func refreshedCredential(replacing rejected: ProviderCredential) async throws(ProviderError) -> ProviderCredential {
        if let refreshFailure { throw refreshFailure }
        let count = refreshes.withLock { count in
            count += 1
            return count
        }
        return .bearer(ProviderSecret("token-\(count)"))
    }
}

/// Shared builders for Google adapter tests.
enum GoogleTesting {
    static let configuration = GoogleConfiguration(
        oauthClientID: "client-123.apps.googleusercontent.com", oauthClientSecret: ProviderSecret("s3cret"),
        eventsPageSize: 250)

    static func provider(_ transport: ScriptedTransport, credentials: any CredentialSource = CountingCredentials())
        -> GoogleCalendarProvider
    {
        GoogleCalendarProvider(transport: transport, credentials: credentials, configuration: configuration)
    }

    static let markers = ManagedMarkers(
        canonicalEventID: "evt_01JABCDEF0123456789ABCDEFG", originAccountID: "acc_01JORIGIN000000000000000000")

    static let key = MirrorKey(
        canonicalEventID: markers.canonicalEventID, targetAccountID: "acc_01JTARGET000000000000000000")

    /// A BUSY projection at 2026-03-03 14:00–15:00 UTC.
    static func busyProjection(description: String? = nil) -> ProjectedEvent {
        ProjectedEvent(
            summary: "Busy", description: description, location: nil,
            start: .timed(Timestamp(secondsSinceEpoch: 1_772_546_400), timeZone: "Europe/Berlin"),
            end: .timed(Timestamp(secondsSinceEpoch: 1_772_550_000), timeZone: "Europe/Berlin"),
            transparency: .opaque, visibility: .private, markers: markers)
    }

    static func json(_ status: Int, _ body: String, headers: HTTPHeaders = ["Content-Type": "application/json"])
        -> HTTPResponse
    {
        HTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    /// An events.list page with raw item JSON and one continuation.
    static func page(items: [String], nextPageToken: String? = nil, nextSyncToken: String? = nil) -> HTTPResponse {
        var body = #"{"kind":"calendar#events","items":["# + items.joined(separator: ",") + "]"
        if let nextPageToken { body += #","nextPageToken":"\#(nextPageToken)""# }
        if let nextSyncToken { body += #","nextSyncToken":"\#(nextSyncToken)""# }
        return json(200, body + "}")
    }

    /// A minimal live event item.
    static func item(_ id: String, start: String = "2026-03-02T09:00:00Z", end: String = "2026-03-02T10:00:00Z")
        -> String
    {
        #"{"id":"\#(id)","status":"confirmed","etag":"\"1\"","summary":"S","start":{"dateTime":"\#(start)"},"end":{"dateTime":"\#(end)"}}"#
    }
}

/// The error `body` throws, or nil when it succeeds.
func providerFailure<Value>(_ body: () async throws(ProviderError) -> Value) async -> ProviderError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}
