/// A ULID: 48 bits of milliseconds since the epoch and 80 bits of randomness, written as 26
/// Crockford base-32 characters (https://github.com/ulid/spec).
///
/// Lexicographic order of the text equals order of (time, randomness), so IDs made later sort
/// later. Construction never reads a clock or a random source itself: see ``IDGenerator``.
public struct ULID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch (only the low 48 bits are used).
    public let milliseconds: UInt64
    /// The high 16 bits of the 80-bit random part.
    public let randomHigh: UInt16
    /// The low 64 bits of the 80-bit random part.
    public let randomLow: UInt64

    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// Creates a ULID from its parts.
    public init(milliseconds: UInt64, randomHigh: UInt16, randomLow: UInt64) {
        self.milliseconds = milliseconds & 0xFFFF_FFFF_FFFF
        self.randomHigh = randomHigh
        self.randomLow = randomLow
    }

    /// Parses 26 Crockford base-32 characters (case-insensitive; I, L → 1 and O → 0 as the spec
    /// allows). Returns nil for any other text or for a value above the 128-bit range.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 26 else { return nil }
        var high: UInt64 = 0  // top 64 bits of 130-bit accumulator, built in two halves
        var low: UInt64 = 0
        for (index, byte) in bytes.enumerated() {
            guard let value = ULID.decode(byte) else { return nil }
            if index == 0 && value > 7 { return nil }  // first char carries only 3 bits
            // shift the 128-bit (high, low) left by 5 and add value
            high = (high << 5) | (low >> 59)
            low = (low << 5) | UInt64(value)
        }
        self.init(milliseconds: high >> 16, randomHigh: UInt16(truncatingIfNeeded: high), randomLow: low)
    }

    /// The 26-character text form.
    public var description: String {
        let high = (milliseconds << 16) | UInt64(randomHigh)
        var out = [UInt8](repeating: 0, count: 26)
        var h = high
        var l = randomLow
        for index in stride(from: 25, through: 0, by: -1) {
            out[index] = ULID.alphabet[Int(l & 31)]
            l = (l >> 5) | (h << 59)
            h >>= 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (a: ULID, b: ULID) -> Bool {
        (a.milliseconds, a.randomHigh, a.randomLow) < (b.milliseconds, b.randomHigh, b.randomLow)
    }

    /// The next ULID in the same millisecond (random part + 1), or nil when it would overflow.
    func incremented() -> ULID? {
        let (low, carry) = randomLow.addingReportingOverflow(1)
        if !carry { return ULID(milliseconds: milliseconds, randomHigh: randomHigh, randomLow: low) }
        guard randomHigh < UInt16.max else { return nil }
        return ULID(milliseconds: milliseconds, randomHigh: randomHigh + 1, randomLow: 0)
    }

    private static func decode(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0"), UInt8(ascii: "O"), UInt8(ascii: "o"): return 0
        case UInt8(ascii: "1"), UInt8(ascii: "I"), UInt8(ascii: "i"), UInt8(ascii: "L"), UInt8(ascii: "l"): return 1
        case UInt8(ascii: "2")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        default:
            let upper = byte >= UInt8(ascii: "a") ? byte - 32 : byte
            guard let index = alphabet.firstIndex(of: upper), index >= 10 else { return nil }
            return UInt8(index)
        }
    }
}
