public import TMinusCore

/// The generated behaviour of the humans at the providers during the fault phase: how often they
/// create events and of which shapes, how often they edit and delete them, and how often they
/// tamper with T-Minus's mirrors.
///
/// Every field has a default (``init()``), so `"workload": {}` is a modest realistic workload and a
/// file sets only what it cares about. Shares are probabilities; rates are per account per day. The
/// shapes of new events (all-day, multi-day, recurring) are exclusive, so their shares sum to at
/// most 1 (the rest are ordinary timed meetings). The generator draws only from the `workload`
/// stream, so adding a fault never reshuffles the workload.
public struct ScenarioWorkload: Hashable, Sendable {
    /// The most any per-day rate may ask for: the world acts for each account at most once a
    /// 5-minute tick, 288 times a day (a higher rate would be cut there without a word).
    public static let maximumRatePerDay: UInt64 = 288

    /// New origin events each account's human creates per day.
    public var eventsPerAccountPerDay = ScenarioRate(4)
    /// Share of new events that are all-day.
    public var allDayShare = Ratio(1, 10)
    /// Share of new events that span several days.
    public var multiDayShare = Ratio(1, 20)
    /// Share of new events that are recurring series.
    public var recurringShare = Ratio(1, 8)
    /// Share of events later edited once (time or title).
    public var editShare = Ratio(1, 4)
    /// Share of events later deleted.
    public var deleteShare = Ratio(1, 10)
    /// Share of recurring series that get one occurrence edited or cancelled.
    public var exceptionShare = Ratio(1, 5)
    /// Share of new events the person creates through T-Minus (flow B write-through, a timed
    /// meeting in the primary calendar) instead of in their calendar app; edits and deletions
    /// reach them like any other event (invariant F). None by default.
    public var throughTMinusShare = Ratio.never
    /// Edits of mirrors (busy blocks) by humans, per account per day.
    public var mirrorEditsPerAccountPerDay = ScenarioRate.zero
    /// Deletions of mirrors by humans, per account per day.
    public var mirrorDeletionsPerAccountPerDay = ScenarioRate.zero
    /// Deletions of the whole overlay calendar by humans, per account per day.
    public var overlayDeletionsPerAccountPerDay = ScenarioRate.zero

    /// The defaults.
    public init() {}

    /// The JSON keys, in documentation order.
    public static let keys = [
        "eventsPerAccountPerDay", "allDayShare", "multiDayShare", "recurringShare", "editShare", "deleteShare",
        "exceptionShare", "throughTMinusShare", "mirrorEditsPerAccountPerDay", "mirrorDeletionsPerAccountPerDay",
        "overlayDeletionsPerAccountPerDay",
    ]
}
