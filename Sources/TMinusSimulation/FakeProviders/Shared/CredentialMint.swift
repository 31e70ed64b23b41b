public import TMinusCore

/// Random-looking, seeded credential strings for fake OAuth servers (access and refresh tokens,
/// channel resource ids): the same stream gives the same strings, and nothing about them can be
/// guessed from the account they belong to.
public enum CredentialMint: Sendable {
    /// `prefix` followed by `length` base64url characters drawn from `random`.
    public static func token(prefix: String, length: Int, random: inout Xoshiro256StarStar) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<length { bytes.append(Base64URL.alphabet[Int(random.below(64))]) }
        return prefix + String(decoding: bytes, as: UTF8.self)
    }

    /// `length` characters of lowercase base32hex (`0-9a-v`), valid as a Google event id.
    public static func base32hex(length: Int, random: inout Xoshiro256StarStar) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
        var bytes: [UInt8] = []
        for _ in 0..<length { bytes.append(alphabet[Int(random.below(32))]) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
