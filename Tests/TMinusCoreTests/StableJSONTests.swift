import Testing
@testable import TMinusCore

/// Seeded random `JSONValue`s for the property tests: nested arrays and objects, integers at the
/// extremes, and strings full of characters that need escaping or are outside ASCII.
private struct RandomJSON {
    var random: Xoshiro256StarStar

    static let scalars: [Unicode.Scalar] = [
        "a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{0}", "\u{1F}",
        "\u{7F}", "é", "\u{301}", "✓", "🚀", "\u{2028}", "\u{E000}", "\u{FFFF}", "\u{10FFFF}",
    ]

    mutating func value(depth: Int = 0) -> JSONValue {
        switch random.below(depth >= 4 ? 4 : 7) {
        case 0: return .null
        case 1: return .bool(random.below(2) == 0)
        case 2: return .int(integer())
        case 3: return .string(string())
        case 4: return .array((0..<random.below(5)).map { _ in value(depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.below(6) { members[key()] = value(depth: depth + 1) }
            return .object(members)
        }
    }

    mutating func integer() -> Int64 {
        switch random.below(5) {
        case 0: return Int64(bitPattern: random.next())
        case 1: return [Int64.min, Int64.max, 0, -1][Int(random.below(4))]
        default: return random.int(in: -1000...1000)
        }
    }

    mutating func string() -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<random.below(8) { scalars.append(Self.scalars[Int(random.below(UInt64(Self.scalars.count)))]) }
        return String(scalars)
    }

    mutating func key() -> String {
        random.below(2) == 0 ? ["id", "start", "end", "summary", "a", "A", "aa", "é"][Int(random.below(8))] : string()
    }

    /// The same value with every object rebuilt in a shuffled insertion order and capacity.
    mutating func reshuffled(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let elements):
            return .array(elements.map { reshuffled($0) })
        case .object(let members):
            var rebuilt = [String: JSONValue](minimumCapacity: Int(random.below(64)))
            let pairs = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (key, member) in pairs.shuffled(using: &random) { rebuilt[key] = reshuffled(member) }
            return .object(rebuilt)
        default:
            return value
        }
    }
}

struct StableJSONSerializationTests {
    @Test func writesObjectsWithSortedKeysAndNoWhitespace() {
        let value: JSONValue = ["c": "x", "b": 1, "a": [true, false, nil]]
        #expect(StableJSON.serialize(value) == #"{"a":[true,false,null],"b":1,"c":"x"}"#)
    }

    @Test func sortsNestedObjectsAtEveryLevel() {
        let value: JSONValue = ["z": ["b": 1, "a": ["d": 1, "c": 2]], "a": [["y": 1, "x": 2], []]]
        #expect(StableJSON.serialize(value) == #"{"a":[{"x":2,"y":1},[]],"z":{"a":{"c":2,"d":1},"b":1}}"#)
    }

    @Test func sortsKeysByUTF8Bytes() {
        // Expected text from Python: json.dumps(v, sort_keys=True, separators=(',',':'), ensure_ascii=False).
        // U+E000 sorts before U+1F680 in UTF-8 (EE… < F0…), unlike UTF-16 code-unit order.
        let value: JSONValue = [
            "B": 1, "a": 2, "é": 3, "z": 4, "Z": 5, "": 6, "aa": 7, "\u{E000}": 8, "🚀": 9, "~": 10,
        ]
        #expect(StableJSON.serialize(value) == "{\"\":6,\"B\":1,\"Z\":5,\"a\":2,\"aa\":7,\"z\":4,\"~\":10,\"é\":3,\"\u{E000}\":8,\"🚀\":9}")
    }

    @Test func keysCompareLikeTheirUTF8Bytes() {
        let keys = ["", "a", "aa", "ab", "B", "é", "e\u{301}", "\u{E000}", "🚀", "a long key beyond fifteen bytes", "a long key"]
        for left in keys {
            for right in keys {
                #expect(StableJSON.utf8Precedes(left, right) == left.utf8.lexicographicallyPrecedes(right.utf8))
            }
        }
    }

    @Test func escapesStringsMinimally() {
        let text = "quote\" backslash\\ \u{08}\u{0C}\n\r\t \u{01}\u{1F} \u{7F} é ✓ 🚀 / \u{2028}"
        let expected = #""quote\" backslash\\ \b\f\n\r\t \u0001\u001f "# + "\u{7F} é ✓ 🚀 / \u{2028}\""
        #expect(StableJSON.serialize(.string(text)) == expected)
        #expect(StableJSON.serialize(["k\n\"": "\u{0}"]) == #"{"k\n\"":"\u0000"}"#)
    }

    @Test func writesIntegersAndEmptyContainers() {
        let value: JSONValue = [.int(.min), .int(.max), 0, -7, [], [:], ""]
        #expect(StableJSON.serialize(value) == #"[-9223372036854775808,9223372036854775807,0,-7,[],{},""]"#)
        #expect(StableJSON.serialize(nil) == "null")
        #expect(value.description == StableJSON.serialize(value))
    }

    @Test func sameDictionaryInDifferentInsertionOrdersGivesSameText() {
        var forward: [String: JSONValue] = [:]
        var backward = [String: JSONValue](minimumCapacity: 100)
        let keys = (0..<40).map { "key\($0)" }
        for (index, key) in keys.enumerated() { forward[key] = .int(Int64(index)) }
        for (index, key) in keys.enumerated().reversed() { backward[key] = .int(Int64(index)) }
        #expect(StableJSON.serialize(.object(forward)) == StableJSON.serialize(.object(backward)))
        #expect(StableJSON.hash(.object(forward)) == StableJSON.hash(.object(backward)))
    }

    @Test func randomNestedValuesSerializeTheSameWhateverTheirInsertionOrder() {
        var generator = RandomJSON(random: Xoshiro256StarStar(seed: 0xC0FFEE))
        for _ in 0..<300 {
            let value = generator.value()
            let text = StableJSON.serialize(value)
            for _ in 0..<3 {
                #expect(StableJSON.serialize(generator.reshuffled(value)) == text)
            }
        }
    }

    @Test func hashIsSHA256OfTheSerializedText() {
        let value: JSONValue = ["b": [1, 2], "a": "✓"]
        #expect(StableJSON.hash(value) == SHA256.hash(StableJSON.serialize(value)))
        #expect(StableJSON.serializedBytes(value) == Array(StableJSON.serialize(value).utf8))
    }

    @Test func goldenHashOfAProjectionShapedValueIsStable() {
        // Text and digest from Python 3 (json.dumps with sort_keys, compact separators,
        // ensure_ascii=False; hashlib.sha256). A change here changes every stored projected_hash.
        let value: JSONValue = [
            "canonical_event_id": "evt_01ARZ3NDEKTSV4RRFFQ69G5FAV",
            "detail_level": "BUSY",
            "calendar_kind": "BUSY_OVERLAY",
            "content": [
                "summary": "Busy", "description": nil, "location": nil,
                "start": ["dateTime": "2026-03-02T08:00:00Z", "timeZone": "Europe/Zürich"],
                "end": ["dateTime": "2026-03-02T09:00:00Z"],
                "transparency": "opaque", "visibility": "default",
            ],
            "attendees": [3, .int(.min), true, false, "Ünïcödé ✓ 🚀 \"q\" \\ \n\t\u{01}"],
        ]
        let expectedText = #"{"attendees":[3,-9223372036854775808,true,false,"Ünïcödé ✓ 🚀 \"q\" \\ \n\t\u0001"],"#
            + #""calendar_kind":"BUSY_OVERLAY","canonical_event_id":"evt_01ARZ3NDEKTSV4RRFFQ69G5FAV","#
            + #""content":{"description":null,"end":{"dateTime":"2026-03-02T09:00:00Z"},"location":null,"#
            + #""start":{"dateTime":"2026-03-02T08:00:00Z","timeZone":"Europe/Zürich"},"summary":"Busy","#
            + #""transparency":"opaque","visibility":"default"},"detail_level":"BUSY"}"#
        #expect(StableJSON.serialize(value) == expectedText)
        #expect(StableJSON.hash(value).hex == "ce45387af0b162dce061fc7a8d338064a017c1bf7e74d256d261c860ddf1a2c1")
    }
}

struct StableJSONParsingTests {
    @Test func parsingTheSerializationOfRandomValuesGivesThemBack() throws {
        var generator = RandomJSON(random: Xoshiro256StarStar(seed: 20_260_302))
        for _ in 0..<300 {
            let value = generator.value()
            let text = StableJSON.serialize(value)
            let parsed = try StableJSON.parse(text)
            #expect(parsed == value, "\(text)")
            #expect(Self.sameBytes(parsed, value), "\(text)")
            #expect(StableJSON.serialize(parsed) == text)
        }
    }

    /// Equal values whose strings and keys are also equal byte for byte (`==` on `String` accepts
    /// canonically equivalent text): the durable queue hands out the value it serialized instead
    /// of parsing its text again (`PayloadMemo`), which is exact only if parsing gives these bytes.
    static func sameBytes(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): return x.utf8.elementsEqual(y.utf8)
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { sameBytes($0, $1) }
        case (.object(let x), .object(let y)):
            let xKeys = x.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let yKeys = y.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return xKeys.count == yKeys.count
                && zip(xKeys, yKeys).allSatisfy { $0.utf8.elementsEqual($1.utf8) && sameBytes(x[$0]!, y[$1]!) }
        default: return a == b
        }
    }

    @Test func acceptsWhitespaceAllEscapesAndSurrogatePairs() throws {
        let text = " {\n\t\"b\" : [ 1 , -0 , -12 ] ,\r\n \"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE80\\u0000\" } "
        let value = try StableJSON.parse(text)
        #expect(value == ["a": "\"\\/\u{08}\u{0C}\n\r\t\u{E9}🚀\u{0}", "b": [1, 0, -12]])
    }

    @Test func acceptsIntegerExtremesAndTheDeepestAllowedNesting() throws {
        #expect(try StableJSON.parse("-9223372036854775808") == .int(.min))
        #expect(try StableJSON.parse("9223372036854775807") == .int(.max))
        let depth = StableJSON.maximumNestingDepth
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(StableJSON.serialize(try StableJSON.parse(deep)) == deep)
    }

    @Test(arguments: [
        ("", JSONParseError.Reason.unexpectedEnd(expected: "a JSON value"), 0),
        ("  \n ", .unexpectedEnd(expected: "a JSON value"), 4),
        ("@", .unexpectedCharacter(found: "@", expected: "a JSON value"), 0),
        (#"{"a":1} x"#, .unexpectedCharacter(found: "x", expected: "end of input after the top-level value"), 8),
        (#"{"a":1 "b":2}"#, .unexpectedCharacter(found: "\"", expected: "',' or '}' after object member"), 7),
        (#"{"a":1"#, .unexpectedEnd(expected: "',' or '}' after object member"), 6),
        (#"{"a" 1}"#, .unexpectedCharacter(found: "1", expected: "':' after object key"), 5),
        (#"{"a":}"#, .unexpectedCharacter(found: "}", expected: "a value after ':'"), 5),
        ("{,}", .unexpectedCharacter(found: ",", expected: "a string key or '}' after '{'"), 1),
        (#"{"a":1,}"#, .unexpectedCharacter(found: "}", expected: "a string key after ','"), 7),
        ("{1:2}", .unexpectedCharacter(found: "1", expected: "a string key or '}' after '{'"), 1),
        ("[", .unexpectedEnd(expected: "a value or ']' after '['"), 1),
        ("[1,]", .unexpectedCharacter(found: "]", expected: "a value after ','"), 3),
        ("[1 2]", .unexpectedCharacter(found: "2", expected: "',' or ']' after array element"), 3),
        ("tru", .unexpectedEnd(expected: "the literal 'true'"), 3),
        ("nul1", .unexpectedCharacter(found: "1", expected: "the literal 'null'"), 3),
        ("fals", .unexpectedEnd(expected: "the literal 'false'"), 4),
        ("1.5", .nonIntegerNumber, 1),
        ("[1e3]", .nonIntegerNumber, 2),
        ("-2E1", .nonIntegerNumber, 2),
        ("012", .leadingZero, 0),
        ("[-01]", .leadingZero, 1),
        ("9223372036854775808", .integerOutOfRange, 0),
        ("[-9223372036854775809]", .integerOutOfRange, 1),
        ("123456789012345678901234567890", .integerOutOfRange, 0),
        ("-", .unexpectedEnd(expected: "a digit after '-'"), 1),
        ("-x", .unexpectedCharacter(found: "x", expected: "a digit after '-'"), 1),
        (#""abc"#, .unexpectedEnd(expected: "'\"' to close the string"), 4),
        (#""a\x""#, .invalidEscape(found: "x"), 3),
        (#""a\"#, .unexpectedEnd(expected: "an escape character after '\\'"), 3),
        (#""\u12G4""#, .unexpectedCharacter(found: "G", expected: "four hex digits after '\\u'"), 5),
        (#""\u12"#, .unexpectedEnd(expected: "four hex digits after '\\u'"), 5),
        (#""\uD800""#, .unpairedSurrogate(0xD800), 1),
        (#""\uD800\u0041""#, .unpairedSurrogate(0xD800), 1),
        (#""x\udc00""#, .unpairedSurrogate(0xDC00), 2),
        ("\"a\nb\"", .controlCharacterInString(0x0A), 2),
        ("\"\u{0}\"", .controlCharacterInString(0x00), 1),
        (#"{"a":1,"a":2}"#, .duplicateKey("a"), 7),
    ])
    func rejectsMalformedInputNamingWhatWasExpected(text: String, reason: JSONParseError.Reason, offset: Int) {
        #expect(throws: JSONParseError.self) { try StableJSON.parse(text) }
        do {
            _ = try StableJSON.parse(text)
        } catch {
            #expect(error.reason == reason)
            #expect(error.byteOffset == offset)
        }
    }

    @Test func rejectsNestingDeeperThanTheLimit() {
        let depth = StableJSON.maximumNestingDepth + 1
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: JSONParseError(
            reason: .nestingTooDeep(limit: StableJSON.maximumNestingDepth),
            byteOffset: depth - 1, line: 1, column: depth)
        ) { try StableJSON.parse(text) }
    }

    @Test func reportsLineAndColumnInScalars() {
        let text = "{\n  \"a\": 1,\n  \"é✓\": 2 x\n}"
        #expect(throws: JSONParseError(
            reason: .unexpectedCharacter(found: "x", expected: "',' or '}' after object member"),
            byteOffset: 25, line: 3, column: 11)
        ) { try StableJSON.parse(text) }
    }

    @Test func describesTheErrorWithWhatWasExpectedAndWhere() {
        let error = JSONParseError(
            reason: .unexpectedCharacter(found: "x", expected: "',' or '}' after object member"),
            byteOffset: 40, line: 3, column: 14)
        #expect(error.description == "expected ',' or '}' after object member but found 'x' at line 3, column 14 (byte 40)")
        let newline = JSONParseError(reason: .controlCharacterInString(0x0A), byteOffset: 2, line: 1, column: 3)
        #expect(newline.description.hasPrefix("raw control character U+000A in a string"))
        let float = JSONParseError(reason: .nonIntegerNumber, byteOffset: 1, line: 1, column: 2)
        #expect(float.description.contains("integers only"))
    }
}
