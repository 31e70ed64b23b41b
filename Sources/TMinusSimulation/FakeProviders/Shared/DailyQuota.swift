public import TMinusCore

/// A per-key request budget that resets at every UTC midnight of the owner's clock (Google's daily
/// project quota; G-QUOTA). Deterministic; keys are looked up, never iterated.
public struct DailyQuota<Key: Hashable & Sendable>: Sendable {
    /// Requests allowed per day; nil means unlimited.
    public let limit: Int?
    private var used: [Key: (day: Int64, count: Int)] = [:]

    /// Creates a quota of `limit` requests per day (nil: unlimited).
    public init(limit: Int?) { self.limit = limit }

    /// Counts a request and returns false when the day's budget was already spent.
    public mutating func consume(_ key: Key, at now: Timestamp) -> Bool {
        guard let limit else { return true }
        let day = DailyQuota.day(of: now)
        var entry = used[key] ?? (day, 0)
        if entry.day != day { entry = (day, 0) }
        guard entry.count < limit else { return false }
        entry.count += 1
        used[key] = entry
        return true
    }

    /// Marks `key`'s budget for the day of `now` as spent (a scenario exhausting the quota).
    public mutating func exhaust(_ key: Key, at now: Timestamp) {
        guard let limit else { return }
        used[key] = (DailyQuota.day(of: now), limit)
    }

    /// Days since 1970-01-01 (floor), the quota's reset period.
    static func day(of instant: Timestamp) -> Int64 {
        let seconds = instant.secondsSinceEpoch
        return seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    }
}
