import Foundation
import TMinusProviders

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A small raw HTTP client for the Radicale server `.ci/run` starts (`scripts/radicale.sh`): it
/// sends the ``HTTPRequest`` values our WebDAV layer builds over URLSession, to 127.0.0.1 only.
struct RadicaleServer: Sendable {
    /// `TMINUS_RADICALE_URL`, e.g. `http://127.0.0.1:5232/` (tests may read the environment).
    static let baseURL: String? = {
        guard let url = ProcessInfo.processInfo.environment["TMINUS_RADICALE_URL"], !url.isEmpty else { return nil }
        return url.hasSuffix("/") ? url : url + "/"
    }()

    /// Whether the tests against Radicale can run.
    static var isAvailable: Bool { baseURL != nil }

    /// Whether this is a CI run (where Radicale must be available).
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    let base: String
    let authorization = DAVRequests.basicAuthorization(user: "test", password: "test")

    init?() {
        guard let base = Self.baseURL else { return nil }
        self.base = base
    }

    /// The URL of `path` on the server (`path` without a leading slash, already encoded).
    func url(_ path: String) -> String { base + path }

    /// Sends `request` and returns the response (any status).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let url = URL(string: request.url), url.host == "127.0.0.1" || url.host == "localhost" else {
            throw TransportError.invalidRequest("Radicale tests only talk to 127.0.0.1: \(request.url)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if request.headers["Authorization"] == nil {
            urlRequest.setValue(authorization, forHTTPHeaderField: "Authorization")
        }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        urlRequest.timeoutInterval = 20
        let (data, response) = try await URLSession.shared.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else {
            throw TransportError.invalidRequest("not an HTTP response")
        }
        var headers = HTTPHeaders()
        for name in ["ETag", "Content-Type", "WWW-Authenticate"] {
            if let value = http.value(forHTTPHeaderField: name) { headers.add(name, value) }
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }

    /// Creates a fresh calendar collection for one test and returns its path (`test/<name>/`).
    func makeCalendar(_ name: String) async throws -> String {
        let path = "test/\(name)-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))/"
        let response = try await send(
            DAVRequests.mkcalendar(url: url(path), DAVMkcalendar(displayName: "T-Minus ✓ \(name)")))
        guard response.status == 201 else {
            throw TransportError.invalidRequest("MKCALENDAR \(path) answered \(response.status): \(response.text)")
        }
        return path
    }

    /// Deletes a calendar made by ``makeCalendar(_:)``.
    func removeCalendar(_ path: String) async {
        _ = try? await send(DAVRequests.delete(url: url(path), ifMatch: nil))
    }
}
