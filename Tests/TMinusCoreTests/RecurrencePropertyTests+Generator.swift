import TMinusCore

/// Random valid rules and scenarios for ``RecurrencePropertyTests``.
extension RecurrencePropertyTests {
    static func scenario(_ rng: inout Xoshiro256StarStar) throws -> Scenario {
        let allDay = rng.below(4) == 0
        let startDay = CivilTime.days(year: 2015, month: 1, day: 1) + Int64(rng.below(15 * 365))
        let rule = try randomRule(&rng, startDay: startDay)
        let lengthSeconds = allDay ? Int64(1 + rng.below(3)) * 86_400 : Int64(15 + rng.below(180)) * 60
        let from = Timestamp(secondsSinceEpoch: (startDay - 400 + Int64(rng.below(1200))) * 86_400 + Int64(rng.below(86_400)))
        let to = from.adding(.seconds(Int64(1 + rng.below(1500)) * 86_400))
        return Scenario(
            rule: rule, zone: zones[Int(rng.below(UInt64(zones.count)))], allDay: allDay, startDay: startDay,
            minuteOfDay: Int64(9 * 60 + rng.below(12 * 60)), length: .seconds(lengthSeconds), from: from, to: to)
    }

    static func randomRule(_ rng: inout Xoshiro256StarStar, startDay: Int64) throws -> RecurrenceRule {
        let frequency = RecurrenceFrequency.allCases[Int(rng.below(4))]
        let byMonth = rng.below(10) < 3 ? subset(&rng, of: Array(1...12), upTo: 4) : []
        let monthDays = Array(-31...(-1)) + Array(1...31)
        let byMonthDay = frequency != .weekly && rng.below(10) < 3 ? subset(&rng, of: monthDays, upTo: 3) : []
        var byDay: [WeekdayOccurrence] = []
        if rng.below(10) < 4 {
            for _ in 0...rng.below(3) {
                let weekday = Weekday.allCases[Int(rng.below(7))]
                let numbered = (frequency == .monthly || frequency == .yearly) && rng.below(2) == 0
                let limit: UInt64 = frequency == .yearly && byMonth.isEmpty ? 53 : 5
                let ordinal = Int(1 + rng.below(limit)) * (rng.below(2) == 0 ? 1 : -1)
                byDay.append(WeekdayOccurrence(weekday, ordinal: numbered ? ordinal : nil))
            }
        }
        let hasOtherParts = !byMonth.isEmpty || !byMonthDay.isEmpty || !byDay.isEmpty
        let bySetPosition = hasOtherParts && rng.below(7) == 0 ? subset(&rng, of: [1, 2, 3, 4, -1, -2, -3], upTo: 2) : []
        let end: RecurrenceEnd
        switch rng.below(3) {
        case 0: end = .never
        case 1: end = .count(Int(1 + rng.below(40)))
        default:
            let untilDay = startDay + Int64(rng.below(800))
            end = rng.below(2) == 0
                ? .until(.date(CalendarDate(daysSinceEpoch: untilDay)))
                : .until(.instant(Timestamp(secondsSinceEpoch: untilDay * 86_400 + Int64(rng.below(86_400)))))
        }
        return try RecurrenceRule(
            frequency: frequency, interval: Int(1 + rng.below(3)), end: end, byDay: byDay, byMonthDay: byMonthDay,
            byMonth: byMonth, bySetPosition: bySetPosition, weekStart: Weekday.allCases[Int(rng.below(7))])
    }

    static func subset(_ rng: inout Xoshiro256StarStar, of values: [Int], upTo count: UInt64) -> [Int] {
        (0...rng.below(count)).map { _ in values[Int(rng.below(UInt64(values.count)))] }
    }
}
