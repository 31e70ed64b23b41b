public import TMinusCore

/// When the faulted phase's ticks are due: tick *k* at `start + k × tick`, for every *k* whose
/// instant lies before the phase's end. A tick whose work runs past later instants (every call
/// timing out, a storm of retries) skips them, as a busy cron misses beats, so the phase ends at its
/// duration however slow the world gets, and a tick's schedule never drifts with the work before it.
///
/// Guarantees: ``next(after:now:)`` returns a later tick than the one it is given, due at or after
/// `now`, or nil when none is left; ``crossed(every:from:to:)`` is true exactly when a multiple of
/// the period lies in the ticks passed, so "every *n* ticks" work still runs once per *n* ticks of
/// the schedule when ticks are skipped.
public struct TickSchedule: Sendable, Equatable {
    /// The instant of tick 0.
    public let start: Timestamp
    /// The time between two ticks (positive).
    public let tick: Duration
    /// How long the phase lasts from `start` (zero or more).
    public let duration: Duration
    /// How many ticks the phase holds: those due before `start + duration`.
    public let count: Int

    /// The schedule of a phase of `duration` from `start`.
    public init(start: Timestamp, tick: Duration, duration: Duration) {
        precondition(tick > .zero, "a tick must be longer than zero")
        self.start = start
        self.tick = tick
        let nanoseconds = max(0, duration.nanoseconds)
        self.duration = .nanoseconds(nanoseconds)
        count = Int((nanoseconds + tick.nanoseconds - 1) / tick.nanoseconds)
    }

    /// When the phase ends: at its duration, which need not be a whole number of ticks (the last
    /// tick is the last one due before it).
    public var end: Timestamp { start.adding(duration) }

    /// When tick `index` is due.
    public func instant(of index: Int) -> Timestamp { start.adding(tick * index) }

    /// The first tick after `previous` due at or after `now`; nil when the phase has no such tick.
    public func next(after previous: Int, now: Timestamp) -> Int? {
        let elapsed = max(0, now.duration(since: start).nanoseconds)
        let firstNotBefore = Int((elapsed + tick.nanoseconds - 1) / tick.nanoseconds)
        let index = max(previous + 1, firstNotBefore)
        return index < count ? index : nil
    }

    /// True when a tick that is a multiple of `period` lies in `previous + 1 ... index` (or when
    /// `previous` is nil: the first tick ran nothing before it, so periodic work is due).
    public static func crossed(every period: Int, from previous: Int?, to index: Int) -> Bool {
        guard let previous else { return true }
        let period = max(1, period)
        return index / period > previous / period
    }
}
