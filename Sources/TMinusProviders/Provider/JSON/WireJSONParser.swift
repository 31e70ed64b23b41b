import TMinusCore

/// The recursive-descent reader behind ``WireJSON/parse(_:)``: RFC 8259 grammar, any number
/// form, repeated keys kept, invalid UTF-8 inside strings replaced (U+FFFD) rather than
/// rejected, and a nesting limit so hostile input cannot exhaust the stack.
struct WireJSONParser {
    /// Deeper nesting than any provider payload we read; deeper input is rejected.
    static let maximumDepth = 96

    /// The input and the read position; valid only during ``WireJSON/parse(_:)``, which owns the array.
    private var cursor: JSONCursor

    init(bytes: UnsafeBufferPointer<UInt8>) { cursor = JSONCursor(bytes: bytes) }


    mutating func parseDocument() throws(WireJSONError) -> WireJSON {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if !cursor.isAtEnd { throw failure("end of input after the top-level value") }
        return value
    }

    private mutating func parseValue() throws(WireJSONError) -> WireJSON {
        guard let byte = peek() else { throw failure("a JSON value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("a JSON value")
        }
    }

    private mutating func parseObject() throws(WireJSONError) -> WireJSON {
        try enter()
        var members: [WireMember] = []
        if cursor.openContainer(closingWith: UInt8(ascii: "}")) { return .object(members) }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw failure("a string key") }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after object key")
            skipWhitespace()
            members.append(WireMember(key, try parseValue()))
            switch cursor.afterElement(closingWith: UInt8(ascii: "}")) {
            case .next: continue
            case .closed: return .object(members)
            case .neither: throw failure("',' or '}' after object member")
            }
        }
    }

    private mutating func parseArray() throws(WireJSONError) -> WireJSON {
        try enter()
        var elements: [WireJSON] = []
        if cursor.openContainer(closingWith: UInt8(ascii: "]")) { return .array(elements) }
        while true {
            elements.append(try parseValue())
            switch cursor.afterElement(closingWith: UInt8(ascii: "]")) {
            case .next: continue
            case .closed: return .array(elements)
            case .neither: throw failure("',' or ']' after array element")
            }
        }
    }

    private mutating func enter() throws(WireJSONError) {
        if !cursor.enterContainer(limit: Self.maximumDepth) { throw failure("nesting no deeper than \(Self.maximumDepth)") }
    }

    private mutating func literal(_ word: String) throws(WireJSONError) {
        guard cursor.consumeLiteral(word) else { throw failure("the literal '\(word)'") }
    }

    /// `-? int frac? exp?` kept as text.
    private mutating func parseNumber() throws(WireJSONError) -> String {
        let start = cursor.position
        if peek() == UInt8(ascii: "-") { cursor.position += 1 }
        if peek() == UInt8(ascii: "0") {
            cursor.position += 1  // JSON allows no digits after a leading zero
        } else {
            guard try digits() > 0 else { throw failure("a digit") }
        }
        if peek() == UInt8(ascii: ".") {
            cursor.position += 1
            guard try digits() > 0 else { throw failure("a digit after '.'") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            cursor.position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { cursor.position += 1 }
            guard try digits() > 0 else { throw failure("a digit in the exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[start..<cursor.position]), as: UTF8.self)
    }

    private mutating func digits() throws(WireJSONError) -> Int {
        var count = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            cursor.position += 1
            count += 1
        }
        return count
    }

    private mutating func parseString() throws(WireJSONError) -> String {
        cursor.position += 1
        let start = cursor.position
        // Fast path: no escapes.
        cursor.skipVerbatimStringBytes()
        if peek() == UInt8(ascii: "\"") {
            cursor.position += 1
            return String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[start..<(cursor.position - 1)]), as: UTF8.self)
        }
        var out = Array(cursor.bytes[start..<cursor.position])
        while true {
            guard let byte = peek() else { throw failure("'\"' to close the string") }
            switch byte {
            case UInt8(ascii: "\""):
                cursor.position += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                cursor.position += 1
                try parseEscape(into: &out)
            case 0..<0x20:
                throw failure("an escaped control character")
            default:
                let run = cursor.position
                cursor.skipVerbatimStringBytes()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[run..<cursor.position]))
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(WireJSONError) {
        guard let byte = peek() else { throw failure("an escape character") }
        cursor.position += 1
        if let simple = JSONGrammar.escapedByte(byte) {
            out.append(simple)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw failure("a valid escape after '\\'") }
        let unit = try hex4()
        var scalar = UInt32(unit)
        if JSONGrammar.isHighSurrogate(unit), peek() == UInt8(ascii: "\\"),
            cursor.position + 1 < cursor.bytes.count, cursor.bytes[cursor.position + 1] == UInt8(ascii: "u")
        {
            cursor.position += 2
            let low = try hex4()
            scalar = JSONGrammar.isLowSurrogate(low) ? JSONGrammar.scalarValue(high: unit, low: low) : 0xFFFD
        }
        // A lone surrogate is replaced, as invalid UTF-8 is: tolerant, never a crash.
        UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { out.append($0) }
    }

    private mutating func hex4() throws(WireJSONError) -> UInt16 {
        guard let value = cursor.hex4() else { throw failure("four hex digits after '\\u'") }
        return value
    }

    private func peek() -> UInt8? { cursor.peek() }

    private mutating func skipWhitespace() { cursor.skipWhitespace() }

    private mutating func expect(_ byte: UInt8, _ expected: String) throws(WireJSONError) {
        guard cursor.consume(byte) else { throw failure(expected) }
    }

    private func failure(_ expected: String) -> WireJSONError {
        WireJSONError(expected: expected, byteOffset: cursor.position)
    }
}
