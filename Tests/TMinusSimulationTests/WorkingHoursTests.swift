import TMinusCore
import Testing

@testable import TMinusSimulation

/// The generated workload books in each person's own working hours.
struct WorkingHoursTests {
    /// 2026-03-02 is a Monday.
    static func utc(_ day: Int64, _ hour: Int64, _ minute: Int64 = 0) -> Timestamp {
        Timestamp(secondsSinceEpoch: 1_772_409_600 + (day - 2) * 86_400 + hour * 3600 + minute * 60)
    }

    @Test func bookingIsBusiestInTheLocalWorkingDay() {
        // 08:30 UTC on Monday is 09:30 in Berlin (a working hour) but 03:30 in New York (night).
        #expect(WorkingHours.bookingWeight(at: Self.utc(2, 8, 30), zone: "Europe/Berlin") == WorkingHours.Weight(5, 2))
        #expect(WorkingHours.bookingWeight(at: Self.utc(2, 8, 30), zone: "America/New_York") == WorkingHours.Weight(1, 4))
        // Saturday noon in Tokyo is 03:00 UTC.
        #expect(WorkingHours.bookingWeight(at: Self.utc(7, 3), zone: "Asia/Tokyo") == WorkingHours.Weight(1, 3))
        #expect(WorkingHours.bookingWeight(at: Self.utc(7, 18), zone: "Asia/Tokyo") == WorkingHours.Weight(1, 8))
    }

    @Test func meetingsLandOnWeekdaysBetweenNineAndSixLocalTime() {
        let zones = ["Europe/Berlin", "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata", "UTC"]
        var random = Xoshiro256StarStar(seed: 11)
        for _ in 0..<500 {
            let zone = zones[Int(random.below(UInt64(zones.count)))]
            let now = Self.utc(2, 0).adding(.seconds(Int64(random.below(40 * 86_400))))
            let start = WorkingHours.meetingStart(
                bookedAt: now, zone: zone, daysAhead: Int64(1 + random.below(20)), quarter: Int64(random.below(36)))
            let (weekday, hour) = WorkingHours.localWeekdayAndHour(of: start, zone: zone)
            #expect(weekday < 5, "\(zone) \(start)")
            #expect((9..<18).contains(hour), "\(zone) \(start)")
            #expect(start > now)
        }
    }

    @Test func aStartInTheSpringForwardGapMovesForward() {
        // 2026-03-29 02:00–03:00 does not exist in Berlin; a local 09:00 meeting is unaffected, and
        // the day's offset after the change is +2 h.
        let start = WorkingHours.meetingStart(bookedAt: Self.utc(27, 12), zone: "Europe/Berlin", daysAhead: 3, quarter: 0)
        #expect(start == Self.utc(30, 7))  // Monday 30 March, 09:00 CEST
    }
}
