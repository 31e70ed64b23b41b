public import Foundation
public import TMinusProviders

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real HTTP transport: URLSession with no cookies, no caching and no silent redirects, its
/// failures mapped to ``TransportError`` (a timeout is `.timedOut`, cancellation `.cancelled`,
/// anything else `.connectionReset`). Header order in responses is sorted by name, so what the
/// adapters see never depends on Foundation's dictionary order.
///
/// With `loopbackOnly` (the benchmarks and the tests against a local Radicale) a request to any
/// host but `127.0.0.1`, `::1` or `localhost` fails with `.invalidRequest` before it is sent.
public final class URLSessionTransport: HTTPTransport, Sendable {
    private let session: URLSession
    private let loopbackOnly: Bool

    /// Creates a transport whose requests time out after `timeout` seconds.
    public init(timeout: TimeInterval = 30, loopbackOnly: Bool) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
        self.loopbackOnly = loopbackOnly
    }

    /// True for `127.0.0.1`, `::1` and `localhost`, with or without a port.
    public static func isLoopback(_ host: String) -> Bool {
        let name =
            host.hasPrefix("[") ? String(host.dropFirst().prefix { $0 != "]" }) : String(host.prefix { $0 != ":" })
        return ["127.0.0.1", "localhost", "::1"].contains(name.lowercased())
    }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard let parts = request.components, let url = URL(string: request.url) else {
            throw .invalidRequest("not an absolute http(s) URL: \(request.url)")
        }
        guard !loopbackOnly || Self.isLoopback(parts.host) else {
            throw .invalidRequest("this transport only reaches 127.0.0.1, ::1 or localhost, not \(parts.host)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError where error.code == .timedOut {
            throw .timedOut
        } catch is CancellationError {
            throw .cancelled
        } catch {
            throw .connectionReset
        }
        guard let http = response as? HTTPURLResponse else { throw .connectionReset }
        var headers = HTTPHeaders()
        let fields = http.allHeaderFields.compactMap { key, value -> (String, String)? in
            guard let name = key as? String else { return nil }
            return (name, "\(value)")
        }
        for (name, value) in fields.sorted(by: { $0.0.lowercased() < $1.0.lowercased() }) { headers.add(name, value) }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }
}
