public import TMinusCore

/// One field of an opaque token's payload.
public enum TokenField: Hashable, Sendable {
    case int(Int64)
    case text(String)
}

/// Mints and opens the opaque tokens a fake hands to clients (page tokens, sync tokens, delta
/// links): deterministic for a given secret and payload, unreadable, and tamper-evident.
///
/// Layout before encoding: `payload ‖ mac`, where `mac` is the first 8 bytes of
/// SHA-256(secret ‖ payload); the payload is then XOR-ed with a keystream derived from the secret
/// and the mac, and everything is written in unpadded base64url. A client can neither read nor
/// forge a token; a token with one character changed fails ``open(_:)``, which the fake answers
/// with the provider's invalid-token error (Google: 410 `fullSyncRequired`, as G-SO410 observes).
public struct OpaqueTokenCodec: Sendable {
    /// A hasher fed the 16-byte secret and nothing else: each hash of `secret ‖ …` starts from a
    /// copy of it (the same digest as hashing the concatenation, without making it).
    private let keyed: SHA256

    /// Creates a codec with a secret drawn from a fake's random stream (16 bytes).
    public init(random: inout Xoshiro256StarStar) {
        var keyed = SHA256()
        keyed.update(Self.drawSecret(&random))
        self.keyed = keyed
    }

    /// A fake's 16-byte secret: two words from `random`, least significant byte first.
    static func drawSecret(_ random: inout Xoshiro256StarStar) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<2 {
            let word = random.next()
            for shift in stride(from: 0, to: 64, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        return bytes
    }

    /// The token for `fields`.
    public func mint(_ fields: [TokenField]) -> String {
        var bytes = TokenPayload.encode(fields)
        let mac = self.mac(bytes)
        xor(&bytes, mac: mac)
        bytes.append(contentsOf: mac)
        return Base64URL.encode(bytes)
    }

    /// The fields of a token this codec minted, or nil when it was tampered with or is not ours.
    public func open(_ token: String) -> [TokenField]? {
        guard var bytes = Base64URL.decode(token), bytes.count >= 8 else { return nil }
        let mac = Array(bytes.suffix(8))
        bytes.removeLast(8)
        xor(&bytes, mac: mac)
        guard self.mac(bytes) == mac else { return nil }
        return TokenPayload.decode(bytes)
    }

    /// True when opening the token minted for `fields` gives back exactly `fields`: every text
    /// field's UTF-8 fits the payload's 2-byte length (a longer one is cut when minted).
    static func roundTrips(_ fields: [TokenField]) -> Bool {
        fields.allSatisfy { field in
            guard case .text(let text) = field else { return true }
            return text.utf8.count <= TokenPayload.maximumTextLength
        }
    }

    /// The first 8 bytes of SHA-256(secret ‖ payload).
    private func mac(_ payload: [UInt8]) -> [UInt8] {
        var hasher = keyed
        hasher.update(payload)
        return Array(hasher.finalize().bytes.prefix(8))
    }

    /// XORs `bytes` with the keystream of `mac`: block `k` (32 bytes) is SHA-256(secret ‖ mac ‖ k),
    /// `k` one byte counting from 0 (wrapping).
    private func xor(_ bytes: inout [UInt8], mac: [UInt8]) {
        var keyedMac = keyed
        keyedMac.update(mac)
        var counter: UInt8 = 0
        var start = 0
        while start < bytes.count {
            var hasher = keyedMac
            hasher.update(CollectionOfOne(counter))
            let block = hasher.finalize().bytes
            let end = min(start + block.count, bytes.count)
            for index in start..<end { bytes[index] ^= block[index - start] }
            start = end
            counter &+= 1
        }
    }
}

/// The byte layout of token fields: a tag byte, then 8 bytes big-endian for integers or a 2-byte
/// length and UTF-8 for text.
enum TokenPayload {
    /// The longest text field kept whole, in UTF-8 bytes (its length is written in 2 bytes).
    static let maximumTextLength = 65_535

    static func encode(_ fields: [TokenField]) -> [UInt8] {
        var out: [UInt8] = []
        for field in fields {
            switch field {
            case .int(let value):
                out.append(1)
                let bits = UInt64(bitPattern: value)
                for shift in stride(from: 56, through: 0, by: -8) {
                    out.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift)))
                }
            case .text(let text):
                let utf8 = Array(text.utf8.prefix(maximumTextLength))
                out.append(2)
                out.append(UInt8(utf8.count >> 8))
                out.append(UInt8(utf8.count & 0xFF))
                out.append(contentsOf: utf8)
            }
        }
        return out
    }

    static func decode(_ bytes: [UInt8]) -> [TokenField]? {
        var fields: [TokenField] = []
        var index = 0
        while index < bytes.count {
            let tag = bytes[index]
            index += 1
            if tag == 1 {
                guard index + 8 <= bytes.count else { return nil }
                var bits: UInt64 = 0
                for byte in bytes[index..<(index + 8)] { bits = bits << 8 | UInt64(byte) }
                fields.append(.int(Int64(bitPattern: bits)))
                index += 8
            } else if tag == 2 {
                guard index + 2 <= bytes.count else { return nil }
                let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
                index += 2
                guard index + length <= bytes.count else { return nil }
                fields.append(.text(String(decoding: bytes[index..<(index + length)], as: UTF8.self)))
                index += length
            } else {
                return nil
            }
        }
        return fields
    }
}
