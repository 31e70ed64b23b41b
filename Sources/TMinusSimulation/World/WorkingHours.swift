import TMinusCore

/// When people book: the workload's rhythm in each account's own time zone. Meetings are booked
/// mostly during the working day (weekdays 08:00–18:00 local) and land in working hours (09:00–17:45
/// local, on a weekday) one to twenty days ahead; evenings, nights and weekends see few bookings.
/// Pure functions of the instant and the zone, so runs stay bit-identical.
enum WorkingHours {
    /// A factor as an integer fraction (it may exceed 1, which a ``Ratio`` may not).
    struct Weight: Hashable {
        var numerator: UInt64
        var denominator: UInt64
        init(_ numerator: UInt64, _ denominator: UInt64) {
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    /// How the base booking chance scales at `now` in `zone`, as an integer fraction: 5/2 in weekday
    /// working hours, 1/4 on weekday evenings and nights, 1/3 in a weekend's daytime (09–19), 1/8
    /// at weekend nights. Over a week that averages about 0.9 of the scenario's daily rate.
    static func bookingWeight(at now: Timestamp, zone: String) -> Weight {
        let (weekday, hour) = localWeekdayAndHour(of: now, zone: zone)
        let weekend = weekday >= 5
        switch (weekend, weekend ? (9..<19).contains(hour) : (8..<18).contains(hour)) {
        case (false, true): return Weight(5, 2)
        case (false, false): return Weight(1, 4)
        case (true, true): return Weight(1, 3)
        case (true, false): return Weight(1, 8)
        }
    }

    /// The start of a meeting booked at `now`: `daysAhead` local days later (moved to the next
    /// Monday when that is a weekend day), at `quarter` quarter hours after 09:00 local (0–35:
    /// 09:00 to 17:45), as a UTC instant (a start in a DST gap moves forward).
    static func meetingStart(bookedAt now: Timestamp, zone: String, daysAhead: Int64, quarter: Int64) -> Timestamp {
        let offset = TimeZoneNames.offsetSeconds(of: zone, at: now)
        var day = (now.secondsSinceEpoch + offset).floorDivided(by: 86_400) + daysAhead
        let weekday = weekdayIndex(ofDay: day)
        if weekday >= 5 { day += 7 - weekday }
        let local = Timestamp(secondsSinceEpoch: day * 86_400 + 9 * 3600 + quarter * 900)
        return TimeZoneNames.utcInstant(forLocal: local, in: zone)
    }

    /// Monday = 0 … Sunday = 6, and the hour 0–23, of `instant` read in `zone`.
    static func localWeekdayAndHour(of instant: Timestamp, zone: String) -> (weekday: Int64, hour: Int64) {
        let local = instant.secondsSinceEpoch + TimeZoneNames.offsetSeconds(of: zone, at: instant)
        let day = local.floorDivided(by: 86_400)
        return (weekdayIndex(ofDay: day), (local - day * 86_400) / 3600)
    }

    /// Monday = 0 … Sunday = 6 for a day counted from 1970-01-01 (a Thursday).
    static func weekdayIndex(ofDay day: Int64) -> Int64 { (day + 3).modulo(7) }
}

extension Int64 {
    /// Division rounding toward negative infinity (days before 1970 stay on the right day).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The non-negative remainder.
    fileprivate func modulo(_ divisor: Int64) -> Int64 { ((self % divisor) + divisor) % divisor }
}
