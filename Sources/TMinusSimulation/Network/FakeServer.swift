public import TMinusCore
public import TMinusProviders

/// An in-process stand-in for a provider's HTTP service, reached through ``SimulatedTransport``.
///
/// `handle` is synchronous and deterministic: given the server's own state, clock and random
/// stream, the same request sequence produces the same responses. It never sleeps; latency and
/// transport failures belong to the transport's fault layer, not to the server.
public protocol FakeServer: Sendable {
    /// Applies one request and returns the response that would go back on the wire.
    /// - Parameters:
    ///   - request: the request as the client built it.
    ///   - instant: when the request reached the server, on the network's (true virtual) clock.
    ///     A server with its own skewed clock stamps resources from that clock instead.
    func handle(_ request: HTTPRequest, at instant: Timestamp) -> HTTPResponse

    /// The same as ``handle(_:at:)``, given `request`'s URL already split (`parts` is
    /// `request.components`), so a server need not parse it again. The default ignores `parts`.
    func handle(_ request: HTTPRequest, parts: URLParts, at instant: Timestamp) -> HTTPResponse

    /// The account `request` acts for, when the server can tell from its credentials (the login
    /// a bearer token was issued to, expired or not); nil when it cannot. The checker keys "the
    /// same request again" by it (K), so a token refreshed inside a `Retry-After` window is still
    /// the same account. The default is nil (the transport then uses the `Authorization` value).
    func principal(of request: HTTPRequest) -> String?
}

extension FakeServer {
    public func principal(of request: HTTPRequest) -> String? { nil }

    public func handle(_ request: HTTPRequest, parts: URLParts, at instant: Timestamp) -> HTTPResponse {
        handle(request, at: instant)
    }
}
