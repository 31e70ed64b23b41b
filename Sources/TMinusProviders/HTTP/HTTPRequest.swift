/// One HTTP request as a value: what a provider adapter builds and a transport sends.
///
/// Adapters are sans-I/O (style rule 10): they only build requests and parse responses, so the
/// same code runs against the real network (live) and the in-process fakes (simulation).
public struct HTTPRequest: Hashable, Sendable, CustomStringConvertible {
    /// The request method, e.g. `GET`, `PATCH`, `REPORT`.
    public var method: String
    /// The absolute URL, e.g. `https://www.googleapis.com/calendar/v3/calendars/primary/events?syncToken=…`.
    public var url: String
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, url: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The URL split into its parts (nil when it is not an absolute http(s) URL).
    public var components: URLParts? { URLParts(url) }

    /// `METHOD path` without the query (the query may hold tokens): safe for traces.
    public var description: String { "\(method) \(components?.path ?? "?")" }
}

/// One HTTP response as a value.
public struct HTTPResponse: Hashable, Sendable {
    /// The status code, e.g. 200, 410, 429.
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body decoded as UTF-8 (invalid sequences replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// True for 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }
}
