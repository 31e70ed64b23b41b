/// A shared, seeded stream of random words: the engine's only entropy.
///
/// In simulation it is a forked ``Xoshiro256StarStar`` stream; in live mode it is seeded from the
/// system. Callers draw through ``next()`` or the helpers; nothing else in the engine may produce
/// randomness.
public final class RandomSource: Sendable {
    private let generator: LockedBox<Xoshiro256StarStar>

    /// Creates a source from a seed.
    public init(seed: UInt64) { generator = LockedBox(Xoshiro256StarStar(seed: seed)) }

    /// Creates a source from an existing generator state.
    public init(generator: Xoshiro256StarStar) { self.generator = LockedBox(generator) }

    /// The next 64-bit word.
    public func next() -> UInt64 { generator.withLock { $0.next() } }

    /// A uniform integer in `0..<upperBound`.
    public func below(_ upperBound: UInt64) -> UInt64 { generator.withLock { $0.below(upperBound) } }

    /// True with probability `ratio`.
    public func chance(_ ratio: Ratio) -> Bool { generator.withLock { $0.chance(ratio) } }

    /// An independent child source (one per subsystem).
    public func fork() -> RandomSource { RandomSource(generator: generator.withLock { $0.fork() }) }
}
