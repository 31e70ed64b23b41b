import Testing

@testable import TMinusCore

/// Where the CPU has the SHA extensions, `SHA256` compresses blocks with them (`CSHA256`); the
/// digest must be the Swift rounds' digest for every input, however it is fed.
struct SHA256HardwareTests {
    private static func digest(_ bytes: [UInt8], softwareOnly: Bool, pieces: [Int]) -> String {
        var hasher = SHA256(softwareOnly: softwareOnly)
        var offset = 0
        for piece in pieces where offset < bytes.count {
            let end = min(bytes.count, offset + piece)
            hasher.update(bytes[offset..<end])
            offset = end
        }
        hasher.update(bytes[offset...])
        return hasher.finalize().hex
    }

    @Test func theHardwarePathGivesTheSoftwareDigestForSeededInputsAndSplits() {
        var random = Xoshiro256StarStar(seed: 256)
        for _ in 0..<500 {
            let length = Int(random.below(700))
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let pieces = (0..<Int(random.below(6))).map { _ in Int(random.below(200)) }
            let software = Self.digest(bytes, softwareOnly: true, pieces: pieces)
            #expect(Self.digest(bytes, softwareOnly: false, pieces: pieces) == software, "\(length) bytes in \(pieces)")
            #expect(SHA256.hash(bytes).hex == software)
        }
    }

    @Test func bothPathsGiveTheFIPSExamples() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        for softwareOnly in [true, false] {
            #expect(Self.digest(Array("abc".utf8), softwareOnly: softwareOnly, pieces: [])
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(Self.digest(million, softwareOnly: softwareOnly, pieces: [1, 63, 64, 65, 4_000])
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }
    }
}
