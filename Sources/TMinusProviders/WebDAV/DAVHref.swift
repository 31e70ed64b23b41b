/// Href normalisation: servers return hrefs as absolute paths or full URLs, percent-encoded in
/// their own way (Radicale encodes `@` as `%40`, Xandikos does not), so hrefs are compared only
/// after ``normalize(_:relativeTo:)``.
public enum DAVHref: Sendable {
    /// The decoded absolute path of `href`: scheme and host dropped, `%XX` decoded (a `+` stays a
    /// plus, as in paths), `.`/`..` segments resolved, a relative href resolved against the
    /// collection path `base` (a path or URL; `/` when nil). A trailing slash is kept.
    public static func normalize(_ href: String, relativeTo base: String? = nil) -> String {
        if let normalized = normalizeASCII(href, relativeTo: base) { return normalized }
        return normalizeByCharacters(href, relativeTo: base)
    }

    /// ``normalize(_:relativeTo:)`` by characters: the definition, for any text.
    static func normalizeByCharacters(_ href: String, relativeTo base: String?) -> String {
        var path = stripAuthority(href.davTrimmed)
        if !path.hasPrefix("/") {
            var basePath = base.map { stripAuthority($0) } ?? "/"
            if !basePath.hasSuffix("/") {
                // The base's directory; a base with no slash at all (not a collection path) is the root.
                basePath = basePath.lastIndex(of: "/").map { String(basePath[...$0]) } ?? "/"
            }
            path = basePath + path
        }
        let trailingSlash = path.hasSuffix("/") && path.count > 1
        let raw = path.split(separator: "/", omittingEmptySubsequences: true).lazy.map { String($0) }
        return resolved(raw, trailingSlash: trailingSlash)
    }

    /// ``normalize(_:relativeTo:)`` by bytes when `href` and `base` are ASCII (nil otherwise): the
    /// same steps as ``normalizeByCharacters(_:relativeTo:)``, whose characters are then single
    /// bytes (a CR LF pair is one character, but none of the steps looks inside it), without the
    /// grapheme breaking that made a normalisation cost about 40,000 instructions. Each segment
    /// is decoded exactly as there, so the result is the same string.
    static func normalizeASCII(_ href: String, relativeTo base: String?) -> String? {
        var hrefBytes = Array(href.utf8)
        guard hrefBytes.allSatisfy({ $0 < 0x80 }), base?.utf8.allSatisfy({ $0 < 0x80 }) ?? true else { return nil }
        hrefBytes = ASCIIPath.trimmed(hrefBytes)
        var path = ASCIIPath.strippingAuthority(hrefBytes)
        if path.first != UInt8(ascii: "/") {
            var basePath = base.map { ASCIIPath.strippingAuthority(Array($0.utf8)) } ?? [UInt8(ascii: "/")]
            if basePath.last != UInt8(ascii: "/") {
                basePath = basePath.lastIndex(of: UInt8(ascii: "/")).map { Array(basePath[...$0]) } ?? [UInt8(ascii: "/")]
            }
            path = basePath + path
        }
        let trailingSlash = path.last == UInt8(ascii: "/") && path.count > 1
        let raw = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).lazy.map {
            String(decoding: $0, as: UTF8.self)
        }
        return resolved(raw, trailingSlash: trailingSlash)
    }

    /// The absolute path of the raw (still percent-encoded) segments: each decoded, `.` dropped,
    /// `..` removing the segment before it; a trailing slash kept unless the path is the root.
    private static func resolved(_ rawSegments: some Sequence<String>, trailingSlash: Bool) -> String {
        var segments: [String] = []
        for raw in rawSegments {
            let segment = decode(raw)
            if segment == "." { continue }
            if segment == ".." {
                if !segments.isEmpty { segments.removeLast() }
                continue
            }
            segments.append(segment)
        }
        let joined = "/" + segments.joined(separator: "/")
        return trailingSlash && joined != "/" ? joined + "/" : joined
    }

    /// Whether two hrefs name the same resource after normalisation.
    public static func same(_ a: String, _ b: String) -> Bool { normalize(a) == normalize(b) }

    /// Encodes a decoded path for the wire: each segment percent-encoded except RFC 3986 unreserved
    /// characters and the sub-delimiters `@ : ! $ & ' ( ) * + , ; =` that paths may carry.
    public static func encode(path: String) -> String {
        var out: [UInt8] = []
        for byte in path.utf8 {
            if isPathByte(byte) {
                out.append(byte)
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The resource name for `uid`: the UID percent-encoded as one path segment, plus `.ics`.
    public static func resourceName(forUID uid: String) -> String {
        var out: [UInt8] = []
        for byte in uid.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
        }
        return String(decoding: out, as: UTF8.self) + ".ics"
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isPathByte(_ byte: UInt8) -> Bool {
        if isUnreserved(byte) { return true }
        return "/@:!$&'()*+,;=".utf8.contains(byte)
    }

    /// `https://host:8443/a/b?q` → `/a/b`; a path is returned as is (query and fragment dropped).
    private static func stripAuthority(_ href: String) -> String {
        var rest = Substring(href)
        if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            let scheme = rest[..<colon]
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0 == "+" || $0 == "-" || $0 == "." }) {
                rest = rest[rest.index(colon, offsetBy: 3)...]
                rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
            }
        }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        return String(rest)
    }

    /// Decodes `%XX` escapes; a malformed escape is kept literally, invalid UTF-8 is replaced.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
                let high = hex(input[index + 1]), let low = hex(input[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    fileprivate var davTrimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\n" && $0 != "\r" && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\n" && $0 != "\r" && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// The steps of ``DAVHref/normalizeASCII(_:relativeTo:)`` on ASCII bytes.
private enum ASCIIPath {
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\t")
    }

    /// Without leading and trailing spaces, tabs, CRs and LFs.
    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return [] }
        return Array(bytes[first...last])
    }

    /// `https://host:8443/a/b?q` → `/a/b`; a path is returned as is (query and fragment dropped).
    static func strippingAuthority(_ bytes: [UInt8]) -> [UInt8] {
        var rest = bytes[...]
        if let colon = rest.firstIndex(of: UInt8(ascii: ":")), rest[colon...].starts(with: "://".utf8) {
            let scheme = rest[..<colon]
            if !scheme.isEmpty, scheme.allSatisfy({ isSchemeByte($0) }) {
                rest = rest[(colon + 3)...]
                rest = rest.firstIndex(of: UInt8(ascii: "/")).map { rest[$0...] } ?? [UInt8(ascii: "/")][...]
            }
        }
        if let cut = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) { rest = rest[..<cut] }
        return Array(rest)
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}
