import TMinusCore
import TMinusProviders
import Testing

/// The tolerant provider JSON reader.
struct WireJSONTests {
    @Test func readsEveryValueKindAndKeepsNumbersAsText() throws {
        let json = try WireJSON.parse(
            Array(#" {"a":null,"b":true,"c":-1.5e3,"d":"x\ty\u00e9\ud83d\ude00","e":[1,{}]} "#.utf8))
        #expect(json["a"] == .null)
        #expect(json["b"] == .bool(true))
        #expect(json["c"] == .number("-1.5e3"))
        #expect(json["d"] == .string("x\ty\u{e9}\u{1F600}"))
        #expect(json["e"] == .array([.number("1"), .object([])]))
    }

    @Test func repeatedKeysAreKeptAndTheLastOneWins() throws {
        let json = try WireJSON.parse(Array(#"{"k":1,"k":2}"#.utf8))
        #expect(json["k"] == .number("2"))
        guard case .object(let members) = json else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == 2)
    }

    @Test func invalidUTF8AndLoneSurrogatesAreReplacedNotRejected() throws {
        let json = try WireJSON.parse([0x22, 0x61, 0xFF, 0x62, 0x22])
        #expect(json == .string("a\u{FFFD}b"))
        #expect(try WireJSON.parse(Array(#""\ud800x""#.utf8)) == .string("\u{FFFD}x"))
    }

    @Test func rejectsBadInputWithAnOffset() {
        let cases: [(String, Int)] = [
            ("{", 1), ("[1,]", 3), (#"{"a" 1}"#, 5), ("01", 1), ("-", 1), ("1.", 2), ("tru", 3), (#""\q""#, 3),
            ("{} x", 3),
            ("\"a\nb\"", 2),
        ]
        for (text, offset) in cases {
            #expect(throws: WireJSONError.self, "\(text)") { try WireJSON.parse(Array(text.utf8)) }
            do {
                _ = try WireJSON.parse(Array(text.utf8))
            } catch {
                #expect(error.byteOffset == offset, "\(text)")
            }
        }
    }

    @Test func deepNestingIsRejectedNotOverflowed() {
        let deep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        #expect(throws: WireJSONError.self) { try WireJSON.parse(deep) }
    }

    @Test func serializationRoundTripsIncludingEscapes() throws {
        let value = WireJSON.object([
            WireMember("s", .string("quote \" back \\ nl \n ctl \u{01}")), WireMember("n", .number("12.5")),
            WireMember("a", .array([.bool(false), .null])), WireMember("s", .string("again")),
        ])
        #expect(try WireJSON.parse(value.serialized) == value)
    }

    @Test func readerIntegersAcceptGoogleInt64StringsAndRejectFractions() throws {
        let reader = try WireReader(
            try WireJSON.parse(Array(#"{"a":"1773100800000","b":42,"c":"1.5","d":true}"#.utf8)), path: "")
        #expect(try reader.optionalInt("a") == 1_773_100_800_000)
        #expect(try reader.optionalInt("b") == 42)
        #expect(throws: WireDecodingError.self) { try reader.optionalInt("c") }
        #expect(throws: WireDecodingError.self) { try reader.optionalInt("d") }
        #expect(try reader.optionalInt("missing") == nil)
    }
}
