/// An absolute http(s) URL split into scheme, host, path and decoded query items, and the
/// percent-encoding rules adapters need (RFC 3986), without Foundation's locale-dependent parts.
public struct URLParts: Hashable, Sendable {
    public var scheme: String
    public var host: String
    /// The path, still percent-encoded, e.g. `/calendar/v3/calendars/primary/events`.
    public var path: String
    /// Query items in order, percent-decoded.
    public var query: [(name: String, value: String)]

    /// Parses `scheme://host[:port]/path?query`; nil for anything else.
    public init?(_ url: String) {
        var url = url
        // .some for ASCII text (parsed on its bytes, nil when rejected), .none for any other text.
        let ascii: URLParts?? = url.withUTF8 { bytes in
            bytes.allSatisfy({ $0 < 0x80 }) ? .some(URLParts(asciiBytes: bytes)) : .none
        }
        if let ascii {
            guard let parts = ascii else { return nil }
            self = parts
        } else {
            self.init(characters: url)
        }
    }

    /// ``init(_:)`` for ASCII text, searching bytes. In ASCII text every Character is one byte except
    /// "\r\n", which contains none of the delimiters searched for, so it splits exactly where the
    /// Character search of ``init(characters:)`` splits.
    init?(ascii url: String) {
        var url = url
        guard let parts = url.withUTF8({ URLParts(asciiBytes: $0) }) else { return nil }
        self = parts
    }

    /// ``init(ascii:)`` on the URL's UTF-8 bytes in place.
    private init?(asciiBytes bytes: UnsafeBufferPointer<UInt8>) {
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), bytes[colon...].starts(with: "://".utf8) else {
            return nil
        }
        scheme = text(0..<colon).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let restStart = colon + 3
        let restEnd = bytes[restStart...].firstIndex(of: UInt8(ascii: "#")) ?? bytes.count
        let queryStart = bytes[restStart..<restEnd].firstIndex(of: UInt8(ascii: "?"))
        let beforeQuery = queryStart ?? restEnd
        let slash = bytes[restStart..<beforeQuery].firstIndex(of: UInt8(ascii: "/"))
        host = text(restStart..<(slash ?? beforeQuery))
        guard !host.isEmpty else { return nil }
        path = slash.map { text($0..<beforeQuery) } ?? "/"
        query = []
        if let queryStart {
            let items = bytes[(queryStart + 1)..<restEnd]
            for pair in items.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
                let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
                let name = URLParts.percentDecode(utf8: parts[0])
                let value = parts.count > 1 ? URLParts.percentDecode(utf8: parts[1]) : ""
                query.append((name: name, value: value))
            }
        }
    }

    /// ``init(_:)`` for any text, searching Characters.
    init?(characters url: String) {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return nil }
        scheme = String(url[..<colon]).lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = url[url.index(colon, offsetBy: 3)...]
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let queryStart = rest.firstIndex(of: "?")
        let beforeQuery = queryStart.map { rest[..<$0] } ?? rest
        let slash = beforeQuery.firstIndex(of: "/")
        host = String(slash.map { beforeQuery[..<$0] } ?? beforeQuery)
        guard !host.isEmpty else { return nil }
        path = slash.map { String(beforeQuery[$0...]) } ?? "/"
        query = []
        if let queryStart {
            for pair in rest[rest.index(after: queryStart)...].split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = URLParts.percentDecode(parts[0])
                let value = parts.count > 1 ? URLParts.percentDecode(parts[1]) : ""
                query.append((name: name, value: value))
            }
        }
    }

    /// True exactly when ``init(_:)`` accepts `url` (an absolute http(s) URL with a host), without
    /// splitting and decoding its parts.
    public static func isAbsoluteHTTP(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return false }
        let scheme = url[..<colon].lowercased()
        guard scheme == "http" || scheme == "https" else { return false }
        // The host is what stands before the first "/", "?" or "#" after "://"; it must not be empty.
        guard let first = url[url.index(colon, offsetBy: 3)...].first else { return false }
        return first != "/" && first != "?" && first != "#"
    }

    /// The first value of a query item.
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// The path split into decoded segments (`/calendars/a%40b/events` → `["calendars", "a@b", "events"]`).
    /// An ASCII path is split on bytes: in ASCII text every Character is one byte except "\r\n",
    /// which holds no "/", so the segments are the ones splitting Characters gives.
    public var pathSegments: [String] {
        var path = path
        return path.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return characterPathSegments }
            return bytes.split(separator: UInt8(ascii: "/")).map { URLParts.percentDecode(utf8: $0) }
        }
    }

    /// ``pathSegments`` for any text, splitting Characters.
    var characterPathSegments: [String] { path.split(separator: "/").map { URLParts.percentDecode($0) } }

    /// Builds `base + path segments (each encoded) + ?query` (query values encoded).
    public static func build(base: String, segments: [String], query: [(String, String)] = []) -> String {
        var url = base
        for segment in segments { url += "/" + percentEncode(segment) }
        if !query.isEmpty {
            url += "?" + query.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
        }
        return url
    }

    public static func == (a: URLParts, b: URLParts) -> Bool {
        a.scheme == b.scheme && a.host == b.host && a.path == b.path
            && a.query.map(\.name) == b.query.map(\.name) && a.query.map(\.value) == b.query.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scheme)
        hasher.combine(host)
        hasher.combine(path)
        for item in query {
            hasher.combine(item.name)
            hasher.combine(item.value)
        }
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    public static func percentEncode(_ text: String) -> String {
        guard !text.utf8.allSatisfy(isUnreserved) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(upperHexDigits[Int(byte >> 4)])
                out.append(upperHexDigits[Int(byte & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    /// RFC 3986 unreserved: ALPHA, DIGIT, `-`, `.`, `_`, `~`.
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// Decodes `%XX` escapes (and `+` as space in queries); a malformed escape is kept as is.
    public static func percentDecode(_ text: String) -> String { percentDecode(text[...]) }

    /// ``percentDecode(_:)-(String)`` of a part of a string; text without `%` or `+` is copied as is.
    public static func percentDecode(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(text)
        }
        return decodingEscapes(Array(text.utf8))
    }

    /// ``percentDecode(_:)-(Substring)`` of the text whose UTF-8 is `utf8`.
    package static func percentDecode(utf8: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(decoding: utf8, as: UTF8.self)
        }
        return decodingEscapes(Array(utf8))
    }

    /// `input` with `%XX` escapes decoded and `+` read as a space.
    private static func decodingEscapes(_ input: [UInt8]) -> String {
        var bytes: [UInt8] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count, let high = hexValue(input[index + 1]),
                let low = hexValue(input[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
