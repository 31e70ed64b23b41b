import TMinusCore
import TMinusProviders
import Testing

/// Deterministic client-supplied event IDs.
struct GoogleEventIDTests {
    @Test func base32hexMatchesRFC4648Vectors() {
        // RFC 4648 §10 BASE32-HEX vectors, lowercased and unpadded.
        let vectors = [
            ("f", "co"), ("fo", "cpng"), ("foo", "cpnmu"), ("foob", "cpnmuog"), ("fooba", "cpnmuoj1"),
            ("foobar", "cpnmuoj1e8"),
        ]
        for (input, expected) in vectors {
            #expect(GoogleEventID.base32hex(Array(input.utf8)) == expected)
        }
    }

    @Test func idsAreStableValidAndDistinctPerTargetOverSeededKeys() {
        var random = Xoshiro256StarStar(seed: 0x600_613)
        var seen: Set<String> = []
        for _ in 0..<2000 {
            let canonical = "evt_" + String(random.next(), radix: 36)
            let target = "acc_" + String(random.below(50))
            let key = MirrorKey(canonicalEventID: canonical, targetAccountID: target)
            let id = GoogleEventID.deterministic(for: key)
            #expect(GoogleEventID.isValid(id) && id.count == 34 && id.hasPrefix("tm"))
            #expect(GoogleEventID.deterministic(for: key) == id)
            seen.insert(id)
        }
        #expect(seen.count == 2000)
        let a = MirrorKey(canonicalEventID: "evt_1", targetAccountID: "acc_1")
        let b = MirrorKey(canonicalEventID: "evt_1", targetAccountID: "acc_2")
        #expect(GoogleEventID.deterministic(for: a) != GoogleEventID.deterministic(for: b))
        #expect(
            GoogleEventID.deterministic(for: a) == "tm"
                + GoogleEventID.base32hex(Array(GoogleEventIDTests.digest(a).prefix(20))))
    }

    @Test func validationFollowsGoogleRules() {
        #expect(GoogleEventID.isValid("abcde"))
        #expect(!GoogleEventID.isValid("abcd"))
        #expect(!GoogleEventID.isValid("abcdw"))
        #expect(!GoogleEventID.isValid("ABCDE"))
        #expect(!GoogleEventID.isValid("abc-de"))
        #expect(GoogleEventID.isValid(String(repeating: "v", count: 1024)))
        #expect(!GoogleEventID.isValid(String(repeating: "0", count: 1025)))
    }

    private static func digest(_ key: MirrorKey) -> [UInt8] {
        SHA256.hash(
            Array("tminus.google.event-id.v1".utf8) + [0] + Array(key.canonicalEventID.utf8) + [0]
                + Array(key.targetAccountID.utf8)
        )
        .bytes
    }
}
