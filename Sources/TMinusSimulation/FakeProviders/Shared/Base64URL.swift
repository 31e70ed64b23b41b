/// Unpadded base64url (RFC 4648 §5), the alphabet of the opaque tokens and credentials the fakes
/// mint; written by hand so no Foundation formatting reaches simulation output.
public enum Base64URL: Sendable {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The unpadded base64url text of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + 3)
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(16 - 8 * $1.offset) }
            for position in 0...chunk.count { out.append(alphabet[Int(value >> UInt32(18 - 6 * position) & 63)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of unpadded (or padded) base64url text, or nil for any other character or for
    /// non-canonical trailing bits.
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt32] = []
        for byte in text.utf8 where byte != UInt8(ascii: "=") {
            guard let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt32(index))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let group = Array(values[index..<min(index + 4, values.count)])
            let value = group.enumerated().reduce(UInt32(0)) { $0 | $1.element << UInt32(18 - 6 * $1.offset) }
            // Bits the output does not use must be zero, so each byte string has exactly one text.
            let unusedMask = (UInt32(1) << UInt32(24 - 8 * (group.count - 1))) - 1
            guard value & unusedMask == 0 else { return nil }
            for position in 0..<(group.count - 1) {
                out.append(UInt8(truncatingIfNeeded: value >> UInt32(16 - 8 * position)))
            }
            index += 4
        }
        return out
    }
}
