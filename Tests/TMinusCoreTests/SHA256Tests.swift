import Testing
import TMinusCore

/// Expected digests: the FIPS 180-4 example vectors (NIST "Example Algorithm" documents), and for
/// the other inputs Python 3's `hashlib.sha256(...).hexdigest()`, computed once and pasted here.
struct SHA256Tests {
    /// The deterministic byte pattern used for the boundary-length vectors: byte i = (7i + 3) mod 256.
    /// Python: `bytes((i*7+3) % 256 for i in range(n))`.
    static func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func matchesFIPSExampleVectors(input: String, expected: String) {
        #expect(SHA256.hash(input).hex == expected)
        #expect(SHA256.hash(Array(input.utf8)).hex == expected)
    }

    @Test func hashesOneMillionLetterA() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hash(input).hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
    ])
    func matchesHashlibAtPaddingBoundaries(length: Int, expected: String) {
        #expect(SHA256.hash(Self.pattern(length)).hex == expected)
    }

    @Test func hashesNonASCIITextAsUTF8() {
        let expected = "744ea7869d364cb170f2892b10d3ea42ae635afb906d952d3e80a4b41b42b7bf"
        #expect(SHA256.hash("héllo, wörld ✓ 🚀").hex == expected)
        var hasher = SHA256()
        hasher.update("héllo, wörld ✓ 🚀".utf8)
        #expect(hasher.finalize().hex == expected)
    }

    @Test func splittingTheInputAtEveryPositionGivesTheSameDigest() {
        let input = Self.pattern(300)
        let expected = "04773f8726c81cafcfa1a09a82664b98b00d2021031a1715bca1154f2dad3472"
        #expect(SHA256.hash(input).hex == expected)
        for split in 0...input.count {
            var hasher = SHA256()
            hasher.update(input[..<split])
            hasher.update(input[split...])
            #expect(hasher.finalize().hex == expected, "split at \(split)")
        }
    }

    @Test func seededRandomChunkingGivesTheSameDigest() {
        let input = Self.pattern(300)
        let expected = SHA256.hash(input)
        var random = Xoshiro256StarStar(seed: 0x5AA5)
        for _ in 0..<200 {
            var hasher = SHA256()
            var offset = 0
            while offset < input.count {
                let size = min(Int(random.below(130)), input.count - offset)
                input.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + size])) }
                offset += size
            }
            #expect(hasher.finalize() == expected)
        }
    }

    @Test func nonContiguousSequencesHashLikeArrays() {
        let input = Self.pattern(300)
        for split in [0, 1, 63, 64, 65, 200] {
            var hasher = SHA256()
            hasher.update(input[..<split].lazy.map { $0 })  // byte-by-byte path
            hasher.update(input[split...])  // contiguous path, after a partial block
            #expect(hasher.finalize() == SHA256.hash(input), "split at \(split)")
        }
    }

    @Test func digestHexRoundTripsAndRejectsMalformedText() {
        let digest = SHA256.hash("abc")
        #expect(digest.bytes.count == 32)
        #expect(digest.description == digest.hex)
        #expect(SHA256Digest(hex: digest.hex) == digest)
        #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
        #expect(SHA256Digest(hex: String(digest.hex.dropLast())) == nil)
        #expect(SHA256Digest(hex: String(digest.hex.dropLast()) + "g") == nil)
        #expect(SHA256.hash("abd") != digest)
    }
}
