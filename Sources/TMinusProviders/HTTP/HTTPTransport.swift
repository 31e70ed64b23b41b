/// The one seam through which provider traffic leaves the engine.
///
/// Live mode uses a URLSession transport (in `TMinusLive`); simulation routes requests to
/// in-process fake servers in virtual time through a fault layer. Nothing else in the engine
/// performs network I/O.
public protocol HTTPTransport: Sendable {
    /// Sends one request and returns the response, or a ``TransportError`` when no response came.
    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse
}

/// Why no usable HTTP response arrived. A caller cannot know whether the server applied the
/// request (a timeout may come after the server committed), so only idempotent or
/// identity-keyed writes may be retried blindly.
public enum TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// No response within the deadline.
    case timedOut
    /// The connection was reset or refused.
    case connectionReset
    /// The request could not be built or routed (bad URL, unknown host).
    case invalidRequest(String)
    /// The task was cancelled while waiting.
    case cancelled

    public var description: String {
        switch self {
        case .timedOut: return "request timed out (the server may or may not have applied it)"
        case .connectionReset: return "connection reset"
        case .invalidRequest(let why): return "invalid request: \(why)"
        case .cancelled: return "request cancelled"
        }
    }
}
