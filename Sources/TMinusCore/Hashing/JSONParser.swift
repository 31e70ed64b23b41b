/// The strict, integer-only JSON reader behind ``StableJSON/parse(_:)``: a recursive-descent
/// parser over UTF-8 bytes with a nesting limit, so hostile input cannot exhaust the stack.
struct JSONParser {
    private var cursor: JSONCursor
    private let maximumDepth: Int

    /// A parser of `bytes`, which must outlive it.
    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        cursor = JSONCursor(bytes: bytes)
        self.maximumDepth = maximumDepth
    }


    /// One value surrounded by optional whitespace, and nothing else.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(expected: "a JSON value")
        skipWhitespace()
        if !cursor.isAtEnd { throw unexpected(expected: "end of input after the top-level value") }
        return value
    }

    private mutating func parseValue(expected: String) throws(JSONParseError) -> JSONValue {
        guard let byte = peek() else { throw failure(.unexpectedEnd(expected: expected)) }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try parseLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try parseLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try parseLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try parseInteger())
        default: throw unexpected(expected: expected)
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var members: [String: JSONValue] = [:]
        if cursor.openContainer(closingWith: UInt8(ascii: "}")) { return .object(members) }
        var keyExpectation = "a string key or '}' after '{'"
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw unexpectedOrEnd(expected: keyExpectation) }
            let keyOffset = cursor.position
            let key = try parseString()
            if members[key] != nil { throw failure(.duplicateKey(key), at: keyOffset) }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after object key")
            skipWhitespace()
            members[key] = try parseValue(expected: "a value after ':'")
            switch cursor.afterElement(closingWith: UInt8(ascii: "}")) {
            case .next: keyExpectation = "a string key after ','"
            case .closed: return .object(members)
            case .neither: throw unexpectedOrEnd(expected: "',' or '}' after object member")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        var elements: [JSONValue] = []
        if cursor.openContainer(closingWith: UInt8(ascii: "]")) { return .array(elements) }
        var valueExpectation = "a value or ']' after '['"
        while true {
            elements.append(try parseValue(expected: valueExpectation))
            switch cursor.afterElement(closingWith: UInt8(ascii: "]")) {
            case .next: valueExpectation = "a value after ','"
            case .closed: return .array(elements)
            case .neither: throw unexpectedOrEnd(expected: "',' or ']' after array element")
            }
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        if !cursor.enterContainer(limit: maximumDepth) { throw failure(.nestingTooDeep(limit: maximumDepth)) }
    }

    private mutating func parseLiteral(_ word: String) throws(JSONParseError) {
        guard cursor.consumeLiteral(word) else { throw unexpectedOrEnd(expected: "the literal '\(word)'") }
    }

    /// `-?(0|[1-9][0-9]*)`, accumulated as a negative number so `Int64.min` parses.
    private mutating func parseInteger() throws(JSONParseError) -> Int64 {
        let start = cursor.position
        let negative = peek() == UInt8(ascii: "-")
        if negative { cursor.position += 1 }
        guard let first = peek(), isDigit(first) else { throw unexpectedOrEnd(expected: "a digit after '-'") }
        var value: Int64 = 0
        var overflow = false
        while let byte = peek(), isDigit(byte) {
            if value == 0 && cursor.position > start + (negative ? 1 : 0) { throw failure(.leadingZero, at: start) }
            let (shifted, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.subtractingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            overflow = overflow || overflowA || overflowB
            value = next
            cursor.position += 1
        }
        if let byte = peek(), byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            throw failure(.nonIntegerNumber)
        }
        if overflow || (!negative && value == Int64.min) { throw failure(.integerOutOfRange, at: start) }
        return negative ? value : -value
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func parseString() throws(JSONParseError) -> String {
        cursor.position += 1  // opening quote
        let start = cursor.position
        cursor.skipVerbatimStringBytes()
        if peek() == UInt8(ascii: "\"") {  // no escapes: decode the run in place
            cursor.position += 1
            return String(decoding: UnsafeBufferPointer(rebasing: cursor.bytes[start..<(cursor.position - 1)]), as: UTF8.self)
        }
        var out = Array(cursor.bytes[start..<cursor.position])
        while true {
            guard let byte = peek() else { throw failure(.unexpectedEnd(expected: "'\"' to close the string")) }
            switch byte {
            case UInt8(ascii: "\""):
                cursor.position += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                cursor.position += 1
                try parseEscape(into: &out)
            case 0x00..<0x20:
                throw failure(.controlCharacterInString(byte))
            default:
                let run = cursor.position
                cursor.skipVerbatimStringBytes()
                out.append(contentsOf: UnsafeBufferPointer(rebasing: cursor.bytes[run..<cursor.position]))
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONParseError) {
        guard let byte = peek() else { throw failure(.unexpectedEnd(expected: "an escape character after '\\'")) }
        let simple = JSONGrammar.escapedByte(byte)
        if let simple {
            out.append(simple)
            cursor.position += 1
            return
        }
        guard byte == UInt8(ascii: "u") else { throw failure(.invalidEscape(found: scalar(at: cursor.position))) }
        let escapeStart = cursor.position - 1
        cursor.position += 1
        let unit = try parseHex4()
        var scalarValue = UInt32(unit)
        if JSONGrammar.isLowSurrogate(unit) { throw failure(.unpairedSurrogate(unit), at: escapeStart) }
        if JSONGrammar.isHighSurrogate(unit) {
            guard cursor.bytes.count >= cursor.position + 2, cursor.bytes[cursor.position] == UInt8(ascii: "\\"),
                cursor.bytes[cursor.position + 1] == UInt8(ascii: "u")
            else { throw failure(.unpairedSurrogate(unit), at: escapeStart) }
            cursor.position += 2
            let low = try parseHex4()
            guard JSONGrammar.isLowSurrogate(low) else { throw failure(.unpairedSurrogate(unit), at: escapeStart) }
            scalarValue = JSONGrammar.scalarValue(high: unit, low: low)
        }
        // Surrogates were excluded above, so the value is always a valid scalar.
        guard let scalar = Unicode.Scalar(scalarValue) else { throw failure(.unpairedSurrogate(unit), at: escapeStart) }
        UTF8.encode(scalar) { out.append($0) }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt16 {
        guard let value = cursor.hex4() else { throw unexpectedOrEnd(expected: "four hex digits after '\\u'") }
        return value
    }

    // MARK: - Reading and reporting

    private func peek() -> UInt8? { cursor.peek() }

    private mutating func skipWhitespace() { cursor.skipWhitespace() }

    private mutating func expect(_ byte: UInt8, _ expected: String) throws(JSONParseError) {
        guard cursor.consume(byte) else { throw unexpectedOrEnd(expected: expected) }
    }

    /// The scalar starting at `offset` (input came from a `String`, so it is valid UTF-8).
    private func scalar(at offset: Int) -> Unicode.Scalar {
        let window = cursor.bytes[offset..<min(offset + 4, cursor.bytes.count)]
        return String(decoding: window, as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }

    private func unexpected(expected: String) -> JSONParseError {
        failure(.unexpectedCharacter(found: scalar(at: cursor.position), expected: expected))
    }

    private func unexpectedOrEnd(expected: String) -> JSONParseError {
        !cursor.isAtEnd ? unexpected(expected: expected) : failure(.unexpectedEnd(expected: expected))
    }

    private func failure(_ reason: JSONParseError.Reason, at offset: Int? = nil) -> JSONParseError {
        let offset = offset ?? cursor.position
        var line = 1
        var column = 1
        for byte in cursor.bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(reason: reason, byteOffset: offset, line: line, column: column)
    }
}
