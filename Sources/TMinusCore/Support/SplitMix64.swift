/// SplitMix64 (Steele, Lea, Flood 2014): expands one 64-bit seed into well-mixed words.
///
/// It is used only to seed ``Xoshiro256StarStar`` and to fork per-subsystem streams, as
/// recommended by the xoshiro authors. Same seed, same sequence, on every machine.
public struct SplitMix64: Sendable {
    /// The current state; advancing by the golden-ratio increment each call.
    public private(set) var state: UInt64

    /// Creates a generator whose first output is derived from `seed`.
    public init(seed: UInt64) { self.state = seed }

    /// Returns the next 64-bit word.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
