public import TMinusProviders

/// Which requests a fault rule applies to: a host, a path glob and a method, each optional.
///
/// The path glob is matched against the path only (never the query, which may hold tokens); `*`
/// matches any run of characters including `/`, everything else matches itself. Examples:
/// `/calendar/v3/calendars/*/events` (listing and inserts on any calendar), `*/watch`, `/token`.
public struct RequestPattern: Hashable, Sendable, CustomStringConvertible {
    /// Host to match (case-insensitive), or nil for any host.
    public var host: String?
    /// Path glob, or nil for any path.
    public var path: String?
    /// Method to match (case-insensitive), or nil for any method.
    public var method: String?

    /// Creates a pattern; every part defaults to "any".
    public init(host: String? = nil, path: String? = nil, method: String? = nil) {
        self.host = host
        self.path = path
        self.method = method
    }

    /// Every request.
    public static let any = RequestPattern()

    /// True when `request` (already split into `parts`) matches.
    public func matches(method requestMethod: String, parts: URLParts) -> Bool {
        if let host, host.lowercased() != parts.host.lowercased() { return false }
        if let method, method.uppercased() != requestMethod.uppercased() { return false }
        if let path, !RequestPattern.glob(Array(path.utf8), matches: Array(parts.path.utf8)) { return false }
        return true
    }

    public var description: String {
        "\(method ?? "*") \(host ?? "*")\(path ?? "/*")"
    }

    /// Iterative glob match with `*` as the only wildcard (linear backtracking, no recursion).
    static func glob(_ pattern: [UInt8], matches text: [UInt8]) -> Bool {
        var p = 0
        var t = 0
        var starAt: Int?
        var resumeAt = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == UInt8(ascii: "*") {
                starAt = p
                resumeAt = t
                p += 1
            } else if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if let star = starAt {
                p = star + 1
                resumeAt += 1
                t = resumeAt
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }
}
