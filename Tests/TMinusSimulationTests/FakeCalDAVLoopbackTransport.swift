import Foundation
import TMinusProviders

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real HTTP transport for tests that talk to a CalDAV server on this machine (the Radicale
/// `scripts/radicale.sh` starts): URLSession, loopback hosts only, no cookies, no caching, no
/// redirects followed silently. `TMinusLive` has no HTTP transport yet, so the test target keeps
/// this small one.
final class LoopbackHTTPTransport: HTTPTransport, Sendable {
    private let session: URLSession

    init(timeout: TimeInterval = 30) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    /// True for `127.0.0.1`, `::1` and `localhost`, with or without a port.
    static func isLoopback(_ host: String) -> Bool {
        let name =
            host.hasPrefix("[") ? String(host.dropFirst().prefix { $0 != "]" }) : String(host.prefix { $0 != ":" })
        return ["127.0.0.1", "localhost", "::1"].contains(name.lowercased())
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        guard let parts = request.components, Self.isLoopback(parts.host), let url = URL(string: request.url) else {
            throw .invalidRequest("the loopback transport only reaches 127.0.0.1, ::1 or localhost")
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
