/// The HTTP status inside a `DAV:status` element (`HTTP/1.1 404 Not Found`).
public enum DAVStatus: Sendable {
    /// The code of a status line; accepts any `HTTP/x.y` version and a missing reason phrase.
    /// - Throws: ``WebDAVError/invalidStatusLine(_:)`` for anything else.
    public static func code(_ line: String) throws(WebDAVError) -> Int {
        let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].utf8.count == 3, let code = Int(parts[1]),
            (100...599).contains(code)
        else { throw .invalidStatusLine(line) }
        return code
    }

    /// `HTTP/1.1 <code> <reason>` for writing.
    public static func line(_ code: Int) -> String { "HTTP/1.1 \(code) \(reason(code))" }

    /// The standard reason phrase of the codes WebDAV uses.
    public static func reason(_ code: Int) -> String {
        switch code {
        case 200: return "OK"
        case 201: return "Created"
        case 204: return "No Content"
        case 207: return "Multi-Status"
        case 304: return "Not Modified"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 409: return "Conflict"
        case 412: return "Precondition Failed"
        case 415: return "Unsupported Media Type"
        case 423: return "Locked"
        case 424: return "Failed Dependency"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        case 507: return "Insufficient Storage"
        default: return "Status \(code)"
        }
    }
}
