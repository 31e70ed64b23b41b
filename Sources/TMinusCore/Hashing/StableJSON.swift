/// The one serialization every hash in T-Minus is computed over (`projected_hash`, idempotency
/// keys, golden files): JSON text that is identical for equal input on every machine and run.
///
/// Rules (also in `docs/hashing.md`):
/// - object keys are sorted by their UTF-8 bytes, at every nesting level;
/// - arrays keep their order;
/// - no whitespace anywhere;
/// - integers in plain decimal (`-12`, `0`); there are no floating-point numbers;
/// - strings use minimal RFC 8259 escaping: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
///   control characters below U+0020 as `\u00xx` (lowercase hex), everything else as literal UTF-8.
///
/// ``parse(_:)`` reads such text (or any strict, integer-only JSON) back into a ``JSONValue``.
public enum StableJSON: Sendable {
    /// The deepest nesting of arrays and objects ``parse(_:)`` accepts.
    public static let maximumNestingDepth = 512

    /// The stable text of `value`.
    public static func serialize(_ value: JSONValue) -> String {
        String(decoding: serializedBytes(value), as: UTF8.self)
    }

    /// The stable text of `value` as UTF-8 bytes (what ``hash(_:)`` digests).
    public static func serializedBytes(_ value: JSONValue) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(512)
        write(value, into: &out)
        return out
    }

    /// SHA-256 of the UTF-8 bytes of ``serialize(_:)``.
    public static func hash(_ value: JSONValue) -> SHA256Digest {
        SHA256.hash(serializedBytes(value))
    }

    /// Parses strict JSON: one value, optional surrounding whitespace, integers only (a number with
    /// a fraction or exponent is rejected), no duplicate object keys, no trailing commas.
    /// - Throws: ``JSONParseError`` naming what was expected and where (byte offset, line, column).
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try Array(text.utf8).withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var parser = JSONParser(bytes: buffer, maximumDepth: maximumNestingDepth)
            return try parser.parseDocument()
        }
    }

    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number):
            out.append(contentsOf: String(number).utf8)
        case .string(let text):
            writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.sorted { utf8Precedes($0.key, $1.key) }
            for (index, member) in sorted.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `a.utf8.lexicographicallyPrecedes(b.utf8)`, comparing the two strings' UTF-8 storage in place
    /// (native and small strings have it) instead of through the generic view iterator.
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right -> Bool in
                let shared = min(left.count, right.count)
                var index = 0
                while index < shared {
                    let x = left[index]
                    let y = right[index]
                    if x != y { return x < y }
                    index += 1
                }
                return left.count < right.count
            }
        }
        if let result = fast ?? nil { return result }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: most strings need no escaping, so copy their UTF-8 in one go.
        var text = text
        let copied = text.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if copied {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x00..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            default:
                // Bytes of multi-byte UTF-8 sequences are all >= 0x80, so copying them is exact.
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
