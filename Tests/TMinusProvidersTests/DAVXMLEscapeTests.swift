@testable import TMinusProviders
import TMinusCore
import Testing

/// XML escaping of text and attribute values, against the per-character reference it replaced.
struct DAVXMLEscapeTests {
    /// The escaping rules as a table: entities for markup (and, in attributes, quote and the
    /// whitespace a parser would normalise), every other character XML 1.0 can carry kept as is.
    private static func reference(_ text: String, attribute: Bool) -> [UInt8] {
        var entities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"]
        if attribute {
            entities["\""] = "&quot;"
            entities["\n"] = "&#10;"
            entities["\t"] = "&#9;"
        }
        let carried: (UInt32) -> Bool = { value in
            value == 0x09 || value == 0x0A || (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                || value >= 0x10000
        }
        return Array(text.unicodeScalars.map { entities[$0] ?? (carried($0.value) ? String($0) : "") }.joined().utf8)
    }

    @Test func escapingEqualsTheReferenceForAwkwardAndSeededText() {
        var texts = [
            "", "plain", "BEGIN:VCALENDAR\r\nSUMMARY:a & b <c> \"d\"\r\n\tfolded\r\nEND:VCALENDAR\r\n",
            "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{80}\u{D7FF}\u{E000}\u{FFFD}\u{FFFE}\u{FFFF}\u{10000}\u{10FFFF}",
            "Café ☕ e\u{301} 🚀 日本語", "\r\n", "'apostrophe'",
        ]
        var random = Xoshiro256StarStar(seed: 42)
        let pool: [Unicode.Scalar] = ["a", "&", "<", ">", "\"", "\r", "\n", "\t", "\u{1}", "é", "\u{FFFE}", "\u{FFFF}", "🚀"]
        for _ in 0..<200 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(random.below(24)) { text.append(pool[Int(random.below(UInt64(pool.count)))]) }
            texts.append(String(text))
        }
        for text in texts {
            for attribute in [false, true] {
                var out: [UInt8] = []
                DAVXMLWriter.escape(text, attribute: attribute, into: &out)
                #expect(out == Self.reference(text, attribute: attribute), "\(text.debugDescription) \(attribute)")
            }
        }
    }
}
