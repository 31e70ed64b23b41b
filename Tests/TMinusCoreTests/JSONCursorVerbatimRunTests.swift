import Testing
@testable import TMinusCore

/// `JSONCursor.skipVerbatimStringBytes()` tests eight bytes at a time; it must stop exactly where
/// a byte-by-byte scan stops, whatever the bytes and wherever the run starts.
struct JSONCursorVerbatimRunTests {
    /// The byte-by-byte definition: step over every byte but '"', '\' and the controls below 0x20.
    private static func referenceStop(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != 0x22, bytes[index] != 0x5C, bytes[index] >= 0x20 { index += 1 }
        return index
    }

    private static func scannedStop(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(bytes: buffer)
            cursor.position = start
            cursor.skipVerbatimStringBytes()
            return cursor.position
        }
    }

    @Test func stopsWhereAByteByByteScanStopsForSeededInputs() {
        var random = Xoshiro256StarStar(seed: 0x5157_4152)
        // Bytes near every boundary the bit tests draw: the three specials, their neighbours, the
        // control range's edge, 0x80 and 0xFF (high bits), plus plain letters.
        let palette: [UInt8] = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF]
        for _ in 0..<4_000 {
            let length = Int(random.below(40))
            let plainShare = random.below(4)
            let bytes: [UInt8] = (0..<length).map { _ in
                random.below(4) < plainShare ? UInt8(ascii: "a") + UInt8(random.below(26))
                    : palette[Int(random.below(UInt64(palette.count)))]
            }
            let start = length == 0 ? 0 : Int(random.below(UInt64(length + 1)))
            #expect(Self.scannedStop(bytes, from: start) == Self.referenceStop(bytes, from: start), "\(bytes) from \(start)")
        }
    }

    @Test func findsEachSpecialByteInEveryLaneOfAWord() {
        for special: UInt8 in [0x22, 0x5C, 0x00, 0x1F, 0x0A] {
            for lane in 0..<24 {
                var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 24)
                bytes[lane] = special
                #expect(Self.scannedStop(bytes, from: 0) == lane)
            }
        }
    }

    @Test func runsToTheEndWhenNothingStopsIt() {
        let bytes = Array("plain text with ünïcödé and no quote".utf8)
        #expect(Self.scannedStop(bytes, from: 0) == bytes.count)
        #expect(Self.scannedStop(bytes, from: bytes.count) == bytes.count)
        #expect(Self.scannedStop([], from: 0) == 0)
    }

    @Test func stringsWithLongRunsAndEscapesParseAsBefore() throws {
        let text = #"{"a":"\#(String(repeating: "long run ", count: 9))\u00e9\n\#(String(repeating: "z", count: 17))"}"#
        let value = try StableJSON.parse(text)
        let expected = String(repeating: "long run ", count: 9) + "é\n" + String(repeating: "z", count: 17)
        #expect(value == .object(["a": .string(expected)]))
    }
}
