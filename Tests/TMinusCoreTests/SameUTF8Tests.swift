import Testing
import TMinusCore

/// `String.hasSameUTF8(as:)` compares eight bytes at a time; it must agree with comparing the
/// byte arrays for every length and every position of a difference.
struct SameUTF8Tests {
    @Test func agreesWithComparingByteArraysForEveryLengthAndDifferencePosition() {
        var random = Xoshiro256StarStar(seed: 88)
        let alphabet: [Unicode.Scalar] = ["a", "b", "é", "\u{301}", "🚀", "\u{0}", "~"]
        for _ in 0..<400 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<random.below(40) { scalars.append(alphabet[Int(random.below(UInt64(alphabet.count)))]) }
            let text = String(scalars)
            var bytes = Array(text.utf8)
            #expect(text.hasSameUTF8(as: String(decoding: bytes, as: UTF8.self)))
            guard !bytes.isEmpty else { continue }
            let position = Int(random.below(UInt64(bytes.count)))
            bytes[position] = bytes[position] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
            let other = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasSameUTF8(as: other) == (Array(text.utf8) == Array(other.utf8)), "\(text) at \(position)")
            #expect(!text.hasSameUTF8(as: text + "x"))
        }
    }

    @Test func canonicallyEquivalentTextWithOtherBytesIsNotTheSame() {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        #expect(composed == decomposed)
        #expect(!composed.hasSameUTF8(as: decomposed))
        #expect(composed.hasSameUTF8(as: "caf" + "\u{E9}"))
    }
}
