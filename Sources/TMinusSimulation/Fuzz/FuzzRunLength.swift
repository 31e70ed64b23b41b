/// Whether a fuzz seed's generated run lasts hours or days (``ScenarioGenerator/longRunShare``):
/// `tminus sim fuzz --length long` runs only the seeds whose runs last days, where what only time
/// brings (repeated reconciles, channel renewals, change logs and tombstones of several days) is
/// tested, at a few times the cost of a short run each.
///
/// Guarantees: a seed's length depends on the seed alone (its own random stream), never on the
/// fault kinds or actions a campaign leaves out.
public enum FuzzRunLength: String, CaseIterable, Sendable {
    /// 6 to 36 hours (``ScenarioGenerator/shortRunHours``).
    case short
    /// 2 to 7 days (``ScenarioGenerator/longRunDays``).
    case long

    /// The length of fuzz seed `seed`'s run.
    public init(seed: UInt64) {
        self = ScenarioGenerator.longRunDays(seed: seed) == nil ? .short : .long
    }
}
