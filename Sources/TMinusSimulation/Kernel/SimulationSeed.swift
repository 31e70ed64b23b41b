public import TMinusCore

/// The one number that determines a whole simulation run, and the streams derived from it.
///
/// SplitMix64 expands the seed and xoshiro256** generates (style rule 15). Each subsystem gets its
/// own stream keyed by its ``StreamName``: the stream's state is
/// `xoshiro256**(seed: splitmix64(seed XOR fnv1a64(name)).next())`. Because the derivation reads
/// only the seed and the name, streams are independent of one another and of creation order:
/// drawing more from the fault stream, or adding a new provider, never changes the workload.
public struct SimulationSeed: Hashable, Sendable, CustomStringConvertible {
    /// The seed value printed as `SEED=<value>` and accepted by `--seed`.
    public let value: UInt64

    /// Wraps a seed value.
    public init(_ value: UInt64) { self.value = value }

    /// A fresh generator for the named subsystem; the same seed and name always give the same
    /// sequence.
    public func stream(_ name: StreamName) -> Xoshiro256StarStar {
        var mix = SplitMix64(seed: value ^ SimulationSeed.fnv1a64(name.rawValue))
        return Xoshiro256StarStar(seed: mix.next())
    }

    /// The named stream wrapped as a shareable ``RandomSource`` for engine environments.
    public func randomSource(_ name: StreamName) -> RandomSource {
        RandomSource(generator: stream(name))
    }

    public var description: String { String(value) }

    /// FNV-1a, 64-bit: a fixed, documented hash of the name's UTF-8 bytes (never `hashValue`,
    /// which is randomised per process).
    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
