import TMinusCore
@testable import TMinusProviders
import Testing

/// ``DAVHref/normalize(_:relativeTo:)`` takes ASCII hrefs through bytes; the result must be the
/// character-by-character definition's for every ASCII href and base, including the characters
/// the steps look for (slashes, dots, escapes, schemes, queries, blanks and CR LF pairs).
struct DAVHrefASCIITests {
    private static let alphabet = Array("/./..%2E%2e%40%C3%A9%E2%2F%zz:?#@~+-_ \r\n\tahtpsx.ics".utf8)
    private static let bases: [String?] = [
        nil, "/", "", "?q", "abc", "/cal/", "/cal/user", "/a/b/c.ics", "http://host:8443/dav/cal/", "https://h",
        "HTTPS://H/x/y?z#w", " /spaced/ ", "\r\n/crlf/", "mailto:x", "/%2e%2E/up/",
    ]

    private static func randomASCII(_ random: RandomSource, length: Int) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<length {
            if random.chance(Ratio(1, 6)) {
                bytes += Array(["http://", "https://h:1/", "../", "./", "%2F", "\r\n", "//"][Int(random.below(7))].utf8)
            } else {
                bytes.append(alphabet[Int(random.below(UInt64(alphabet.count)))])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: UInt64(1)...8)
    func asciiHrefsNormalizeAsTheCharacterDefinitionDoes(seed: UInt64) {
        let random = RandomSource(seed: seed)
        for _ in 0..<2_000 {
            let href = Self.randomASCII(random, length: Int(random.below(24)))
            let base = random.chance(Ratio(1, 4))
                ? Self.randomASCII(random, length: Int(random.below(16)))
                : Self.bases[Int(random.below(UInt64(Self.bases.count)))]
            let fast = DAVHref.normalizeASCII(href, relativeTo: base)
            let defined = DAVHref.normalizeByCharacters(href, relativeTo: base)
            #expect(fast == defined, "href \(href.debugDescription) base \(String(describing: base))")
        }
    }

    @Test func nonASCIIHrefsAndBasesAreLeftToTheCharacterDefinition() {
        #expect(DAVHref.normalizeASCII("/cal/é.ics", relativeTo: nil) == nil)
        #expect(DAVHref.normalizeASCII("x.ics", relativeTo: "/cäl/") == nil)
        #expect(DAVHref.normalize("x.ics", relativeTo: "/cäl/") == "/cäl/x.ics")
    }

    @Test func aBaseWithoutASlashResolvesAgainstTheRoot() {
        #expect(DAVHref.normalize("x.ics", relativeTo: "abc") == "/x.ics")
        #expect(DAVHref.normalize("x.ics", relativeTo: "") == "/x.ics")
        #expect(DAVHref.normalize("x.ics", relativeTo: "?q") == "/x.ics")
    }
}
