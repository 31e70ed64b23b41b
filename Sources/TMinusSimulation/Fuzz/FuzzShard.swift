/// One slice of the fuzz seed space (`tminus sim fuzz --shard i/n`), so that `n` machines or CI
/// jobs split a campaign without overlap: shard `i` (1-based) runs the seeds `s` with
/// `(s - 1) mod n == i - 1`, that is `i`, `i + n`, `i + 2n`, … The `n` shards of the same
/// `--seeds N` together run exactly the seeds 1…N, each once.
public struct FuzzShard: Hashable, Sendable, CustomStringConvertible {
    /// Which shard, from 1 to ``count``.
    public let index: UInt64
    /// How many shards.
    public let count: UInt64

    /// The whole seed space (`1/1`).
    public static let whole = FuzzShard(validIndex: 1, count: 1)

    private init(validIndex: UInt64, count: UInt64) {
        self.index = validIndex
        self.count = count
    }

    /// Shard `index` of `count`, or nil unless `1 <= index <= count`.
    public init?(index: UInt64, count: UInt64) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.init(validIndex: index, count: count)
    }

    /// Reads `i/n` (`2/4`); nil when it is not two positive integers with `i <= n`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = UInt64(parts[0]), let count = UInt64(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// Whether fuzz seed `seed` (1 or more) belongs to this shard.
    public func contains(_ seed: UInt64) -> Bool { seed >= 1 && (seed - 1) % count == index - 1 }

    /// This shard's seeds among 1…`total`, in increasing order; without a total, every seed of the
    /// shard up to 2^63 − 1 (a campaign bounded by time instead).
    public func seeds(upTo total: UInt64?) -> StrideThrough<UInt64> { seeds(from: 1, upTo: total) }

    /// This shard's seeds among `first`…`total` (a campaign that continues where an earlier one
    /// stopped, `--from-seed`): the same seeds the shard holds in 1…`total`, from `first` on, so a
    /// seed keeps its shard whichever range it is run in. `first` must be 1 or more.
    public func seeds(from first: UInt64, upTo total: UInt64?) -> StrideThrough<UInt64> {
        precondition(first >= 1, "fuzz seeds start at 1")
        let offset = (first - 1) % count
        let start = first - offset + (index - 1) + (offset > index - 1 ? count : 0)
        return stride(from: start, through: total ?? UInt64(Int64.max), by: Int(clamping: count))
    }

    /// `2/4`.
    public var description: String { "\(index)/\(count)" }
}
