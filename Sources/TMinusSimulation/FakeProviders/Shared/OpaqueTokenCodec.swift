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
    private let secret: [UInt8]

    /// Creates a codec with a secret drawn from a fake's random stream (16 bytes).
    public init(random: inout Xoshiro256StarStar) {
        secret = Self.drawSecret(&random)
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
        let payload = TokenPayload.encode(fields)
        let mac = Array(SHA256.hash(secret + payload).bytes.prefix(8))
        return Base64URL.encode(xor(payload, mac: mac) + mac)
    }

    /// The fields of a token this codec minted, or nil when it was tampered with or is not ours.
    public func open(_ token: String) -> [TokenField]? {
        guard let bytes = Base64URL.decode(token), bytes.count >= 8 else { return nil }
        let mac = Array(bytes.suffix(8))
        let payload = xor(Array(bytes.dropLast(8)), mac: mac)
        guard Array(SHA256.hash(secret + payload).bytes.prefix(8)) == mac else { return nil }
        return TokenPayload.decode(payload)
    }

    private func xor(_ bytes: [UInt8], mac: [UInt8]) -> [UInt8] {
        var out = bytes
        var block = SHA256.hash(secret + mac + [0]).bytes
        var counter: UInt8 = 0
        for index in out.indices {
            if index > 0 && index % block.count == 0 {
                counter &+= 1
                block = SHA256.hash(secret + mac + [counter]).bytes
            }
            out[index] ^= block[index % block.count]
        }
        return out
    }
}

/// The byte layout of token fields: a tag byte, then 8 bytes big-endian for integers or a 2-byte
/// length and UTF-8 for text.
enum TokenPayload {
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
                let utf8 = Array(text.utf8.prefix(65_535))
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
