@testable import TMinusQueues
import Testing

/// Queue names are checked for whitespace at every row decoded; the ASCII path compares bytes
/// and must agree with the character check for every ASCII character, alone and inside a name.
struct QueueNameTests {
    @Test func theWhitespaceCheckAgreesWithCharactersForEveryASCIICharacterAndSomeOthers() {
        var texts = (0..<128).flatMap { code -> [String] in
            let character = String(UnicodeScalar(UInt8(code)))
            return [character, "sync" + character + "queue"]
        }
        texts += ["\r\n", "write", "a\u{A0}b", "\u{3000}", "caf\u{E9}", "e\u{301}", "\u{2028}", "🚀"]
        for text in texts {
            #expect(QueueName.containsWhitespace(text) == text.contains(where: \.isWhitespace), "\(Array(text.utf8))")
        }
    }
}
