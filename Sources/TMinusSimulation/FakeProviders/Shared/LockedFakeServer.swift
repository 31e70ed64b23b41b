package import TMinusCore
package import TMinusProviders

/// A fake server's true state as requests see it: each fake's state type answers one request at
/// a time with its provider's own rules, stamped with `now` (the server's clock).
package protocol RequestServingState: Sendable {
    /// Answers one request, changing the state as the provider would; `parts` is
    /// `request.components` (the caller parsed the URL already).
    mutating func handle(_ request: HTTPRequest, parts: URLParts?, now: Timestamp) -> HTTPResponse

    /// The account `request` acts for by its credentials (``FakeServer/principal(of:)``).
    func principal(of request: HTTPRequest) -> String?
}

extension RequestServingState {
    /// Unknown unless the state says (Basic credentials already name their user).
    package func principal(of request: HTTPRequest) -> String? { nil }

    /// Answers one request, parsing its URL.
    mutating func handle(_ request: HTTPRequest, now: Timestamp) -> HTTPResponse {
        handle(request, parts: request.components, now: now)
    }
}

/// A fake server whose whole true state sits behind one lock and whose time is its own (possibly
/// skewed) clock, so each request, human action or inspection is atomic and stamped with one
/// reading of that clock. Answering a request is written once, here.
package protocol LockedFakeServer: FakeServer {
    /// The server's true state type.
    associatedtype ServedState: RequestServingState
    /// The provider's clock (possibly skewed): requests and human changes are stamped with its time.
    var clock: any WallClock { get }
    /// The server's true state, behind its lock.
    var state: LockedBox<ServedState> { get }
}

extension LockedFakeServer {
    /// Answers one request. The server lives on its own clock: `instant` (the network's arrival
    /// time) is not used; timestamps, `Date`, expiries and fault windows read ``clock``.
    public func handle(_ request: HTTPRequest, at instant: Timestamp) -> HTTPResponse {
        let now = clock.now()
        let parts = request.components
        return state.withLock { $0.handle(request, parts: parts, now: now) }
    }

    /// The account `request` acts for, as the state knows it.
    public func principal(of request: HTTPRequest) -> String? { state.withLock { $0.principal(of: request) } }

    /// Answers one request whose URL the transport parsed already.
    public func handle(_ request: HTTPRequest, parts: URLParts, at instant: Timestamp) -> HTTPResponse {
        let now = clock.now()
        return state.withLock { $0.handle(request, parts: parts, now: now) }
    }
}
