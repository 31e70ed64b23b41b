/// xoshiro256** 1.0 (Blackman and Vigna): the project's only pseudo-random generator.
///
/// Seeded through ``SplitMix64`` so that any 64-bit seed (including 0) gives a valid state.
/// It is a value type: copying it copies the stream. ``fork()`` derives an independent child
/// stream for a subsystem, so adding draws in one subsystem never reshuffles another.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator from a 64-bit seed, expanded with SplitMix64.
    public init(seed: UInt64) {
        var mix = SplitMix64(seed: seed)
        s0 = mix.next()
        s1 = mix.next()
        s2 = mix.next()
        s3 = mix.next()
    }

    /// Returns the next 64-bit word.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Draws a seed from this stream and returns a new, independent generator.
    public mutating func fork() -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: next())
    }

    /// A uniform integer in `0..<upperBound` without modulo bias (Lemire's method).
    /// - Precondition: `upperBound > 0`.
    public mutating func below(_ upperBound: UInt64) -> UInt64 {
        precondition(upperBound > 0, "below(0) has no valid result")
        var product = next().multipliedFullWidth(by: upperBound)
        if product.low < upperBound {
            let threshold = (0 &- upperBound) % upperBound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: upperBound)
            }
        }
        return product.high
    }

    /// A uniform integer in the closed range.
    public mutating func int(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound)
        if width == UInt64.max { return Int64(bitPattern: next()) }
        return range.lowerBound &+ Int64(bitPattern: below(width &+ 1))
    }

    /// True with the probability `ratio` (integer arithmetic only).
    public mutating func chance(_ ratio: Ratio) -> Bool {
        if ratio.numerator == 0 { return false }
        if ratio.numerator >= ratio.denominator { return true }
        return below(ratio.denominator) < ratio.numerator
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }
}
