import Foundation
import TMinusProviders

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real HTTP transport of `tminus bench caldav-sync`: URLSession, loopback hosts only (the
/// benchmark talks to a Radicale on this machine). `TMinusLive` has no HTTP transport yet; when it
/// gets one, the benchmark should use it instead.
final class BenchCalDAVSyncTransport: HTTPTransport, Sendable {
    private let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 600
        configuration.urlCache = nil
        configuration.httpCookieAcceptPolicy = .never
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
            throw .invalidRequest("the benchmark only talks to a server on 127.0.0.1, ::1 or localhost")
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
        } catch {
            throw .connectionReset
        }
        guard let http = response as? HTTPURLResponse else { throw .connectionReset }
        var headers = HTTPHeaders()
        let fields = http.allHeaderFields.compactMap { key, value -> (String, String)? in
            (key as? String).map { ($0, "\(value)") }
        }
        for (name, value) in fields.sorted(by: { $0.0.lowercased() < $1.0.lowercased() }) { headers.add(name, value) }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }

    /// Runs `work` to completion from synchronous command code (the CLI's `run` is synchronous).
    static func block<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let result = LockedResult<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            result.set(await work())
            done.signal()
        }
        done.wait()
        return result.value!
    }
}

/// A value handed from a task to the thread waiting for it.
private final class LockedResult<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?

    func set(_ value: T) {
        lock.lock()
        stored = value
        lock.unlock()
    }

    var value: T? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
