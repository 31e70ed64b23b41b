/// The 32-byte result of ``SHA256``, printed as 64 lowercase hex characters.
///
/// Two digests are equal exactly when their bytes are equal. The text form (``hex`` and
/// `description`) is what the stores keep as `projected_hash` and idempotency keys, and
/// ``init(hex:)`` reads it back.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The 32 digest bytes, most significant first.
    public let bytes: [UInt8]

    /// Wraps bytes produced by ``SHA256/finalize()``.
    init(validatedBytes bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 digest has 32 bytes")
        self.bytes = bytes
    }

    /// Parses 64 hex characters (either case). Returns nil for any other text.
    public init?(hex text: some StringProtocol) {
        let characters = Array(text.utf8)
        guard characters.count == 64 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(32)
        for pair in stride(from: 0, to: 64, by: 2) {
            guard let high = SHA256Digest.nibble(characters[pair]),
                let low = SHA256Digest.nibble(characters[pair + 1])
            else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// The digest as 64 lowercase hex characters.
    public var hex: String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(SHA256Digest.hexDigits[Int(byte >> 4)])
            out.append(SHA256Digest.hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Same as ``hex``.
    public var description: String { hex }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
