import TMinusCore

/// Client-supplied Google event IDs: deterministic per (canonical event × target account), so a
/// create retried after a lost response is answered 409 `duplicate` and adopted (engine rule 6).
///
/// Google accepts IDs of base32hex characters (lowercase `a`–`v` and `0`–`9`), 5–1024 long,
/// unique per calendar. Ours are `tm` + the base32hex form of the first 160 bits of
/// SHA-256(`tminus.google.event-id.v1` ␀ canonical ␀ target): 34 characters, collision-free in
/// practice, and never derived from anything but the key.
public enum GoogleEventID: Sendable {
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)

    /// The ID of the mirror identified by `key`.
    public static func deterministic(for key: MirrorKey) -> String {
        var hasher = SHA256()
        hasher.update("tminus.google.event-id.v1")
        hasher.update([0])
        hasher.update(key.canonicalEventID)
        hasher.update([0])
        hasher.update(key.targetAccountID)
        let digest = hasher.finalize().bytes
        return "tm" + base32hex(Array(digest.prefix(20)))
    }

    /// True when Google would accept `id` as a client-supplied event ID.
    public static func isValid(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard (5...1024).contains(bytes.count) else { return false }
        return bytes.allSatisfy { alphabet.contains($0) }
    }

    /// RFC 4648 §7 base32hex, lowercase, without padding.
    public static func base32hex(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var buffer: UInt64 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt64(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt64(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt64(5 - bits)) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
