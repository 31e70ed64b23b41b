/// A JSON value as a provider sent it: the tolerant counterpart of TMinusCore's integer-only
/// `JSONValue`, for reading wire payloads (never for hashing).
///
/// Numbers keep their original text (Google sends int64 values as strings and the odd float we do
/// not need), objects keep their members in wire order including repeated keys, and lookups
/// return the **last** member of a name (what JavaScript and most servers do). Parsing never
/// crashes: bad input gives a ``WireJSONError`` with a byte offset.
public enum WireJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number's literal text, e.g. `42`, `-1.5e3`.
    case number(String)
    case string(String)
    case array([WireJSON])
    /// Members in wire order; a name may repeat.
    case object([WireMember])

    /// Parses one document (surrounding whitespace allowed, nothing else).
    public static func parse(_ bytes: [UInt8]) throws(WireJSONError) -> WireJSON {
        try bytes.withUnsafeBufferPointer { buffer throws(WireJSONError) in
            var parser = WireJSONParser(bytes: buffer)
            return try parser.parseDocument()
        }
    }

    /// The value of member `key` (the last one when the key repeats), or nil; nil for non-objects.
    public subscript(key: String) -> WireJSON? {
        guard case .object(let members) = self else { return nil }
        // Comparing the UTF-8 lengths first (stored, O(1)) skips the string comparison for most
        // members; decoding an object looks up each of its fields by name.
        let length = key.utf8.count
        return members.last { $0.key.utf8.count == length && $0.key == key }?.value
    }

    /// A short name of the value's type for error messages (`a string`, `an object`, …).
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Compact JSON text (members in order, repeats kept): used by tests and benchmarks to build
    /// payloads, never for hashing.
    public var serialized: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let flag): out += Array((flag ? "true" : "false").utf8)
        case .number(let text): out += Array(text.utf8)
        case .string(let text): WireJSON.writeString(text, into: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                WireJSON.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                member.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes a JSON string literal with the mandatory escapes.
    static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// One `"key": value` member of a ``WireJSON`` object.
public struct WireMember: Hashable, Sendable {
    public var key: String
    public var value: WireJSON

    /// Creates a member.
    public init(_ key: String, _ value: WireJSON) {
        self.key = key
        self.value = value
    }
}

/// Why a provider payload is not JSON, and where (a byte offset; never the payload's text,
/// which may hold user data).
public struct WireJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the parser needed at the failure point, e.g. "',' or '}' after object member".
    public var expected: String
    /// UTF-8 byte offset of the failure.
    public var byteOffset: Int

    /// Creates an error.
    public init(expected: String, byteOffset: Int) {
        self.expected = expected
        self.byteOffset = byteOffset
    }

    public var description: String { "not valid JSON: expected \(expected) at byte \(byteOffset)" }
}
