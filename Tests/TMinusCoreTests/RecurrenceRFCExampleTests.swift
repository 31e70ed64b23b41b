import TMinusCore
import Testing

/// The published examples of RFC 5545 §3.8.5.3 ("Examples"), all with
/// `DTSTART;TZID=America/New_York`, expected dates copied from the RFC text.
struct RecurrenceRFCExampleTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let name: String
        let rule: String
        /// Local DTSTART `YYYY-MM-DD HH:MM` in New York.
        let start: String
        /// Exclusive end of the expansion window (`YYYY-MM-DD`, UTC midnight); the RFC lists "forever" rules only so far.
        let until: String
        let expected: [String]
        var excludeStart = false
        var testDescription: String { name }
    }

    typealias S = RecurrenceTestSupport

    static let examples: [Example] = [
        Example(name: "daily for 10 occurrences", rule: "RRULE:FREQ=DAILY;COUNT=10", start: "1997-09-02 09:00",
                until: "2000-01-01", expected: S.dates(1997, 9, Array(2...11))),
        Example(name: "daily until December 24, 1997", rule: "FREQ=DAILY;UNTIL=19971224T000000Z", start: "1997-09-02 09:00",
                until: "2000-01-01",
                expected: S.dates(1997, 9, Array(2...30)) + S.dates(1997, 10, Array(1...31)) + S.dates(1997, 11, Array(1...30))
                    + S.dates(1997, 12, Array(1...23))),
        Example(name: "every other day, forever", rule: "FREQ=DAILY;INTERVAL=2", start: "1997-09-02 09:00", until: "1997-12-04",
                expected: S.dates(1997, 9, Array(stride(from: 2, through: 30, by: 2)))
                    + S.dates(1997, 10, Array(stride(from: 2, through: 30, by: 2)))
                    + S.dates(1997, 11, Array(stride(from: 1, through: 29, by: 2))) + S.dates(1997, 12, [1, 3])),
        Example(name: "every 10 days, 5 occurrences", rule: "FREQ=DAILY;INTERVAL=10;COUNT=5", start: "1997-09-02 09:00",
                until: "2000-01-01", expected: S.dates(1997, 9, [2, 12, 22]) + S.dates(1997, 10, [2, 12])),
        Example(name: "every day in January for 3 years (yearly form)",
                rule: "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA", start: "1998-01-01 09:00",
                until: "2002-01-01", expected: [1998, 1999, 2000].flatMap { S.dates($0, 1, Array(1...31)) }),
        Example(name: "every day in January for 3 years (daily form)", rule: "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
                start: "1998-01-01 09:00", until: "2002-01-01", expected: [1998, 1999, 2000].flatMap { S.dates($0, 1, Array(1...31)) }),
        Example(name: "weekly for 10 occurrences", rule: "FREQ=WEEKLY;COUNT=10", start: "1997-09-02 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [2, 9, 16, 23, 30]) + S.dates(1997, 10, [7, 14, 21, 28]) + S.dates(1997, 11, [4])),
        Example(name: "weekly until December 24, 1997", rule: "FREQ=WEEKLY;UNTIL=19971224T000000Z", start: "1997-09-02 09:00",
                until: "2000-01-01",
                expected: S.dates(1997, 9, [2, 9, 16, 23, 30]) + S.dates(1997, 10, [7, 14, 21, 28]) + S.dates(1997, 11, [4, 11, 18, 25])
                    + S.dates(1997, 12, [2, 9, 16, 23])),
        Example(name: "every other week, forever", rule: "FREQ=WEEKLY;INTERVAL=2;WKST=SU", start: "1997-09-02 09:00", until: "1998-02-18",
                expected: S.dates(1997, 9, [2, 16, 30]) + S.dates(1997, 10, [14, 28]) + S.dates(1997, 11, [11, 25])
                    + S.dates(1997, 12, [9, 23]) + S.dates(1998, 1, [6, 20]) + S.dates(1998, 2, [3, 17])),
        Example(name: "weekly on Tuesday and Thursday for five weeks (UNTIL)",
                rule: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH", start: "1997-09-02 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]) + S.dates(1997, 10, [2])),
        Example(name: "weekly on Tuesday and Thursday for five weeks (COUNT)", rule: "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
                start: "1997-09-02 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]) + S.dates(1997, 10, [2])),
        Example(name: "every other week on Monday, Wednesday and Friday until December 24, 1997",
                rule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR", start: "1997-09-01 09:00",
                until: "2000-01-01",
                expected: S.dates(1997, 9, [1, 3, 5, 15, 17, 19, 29]) + S.dates(1997, 10, [1, 3, 13, 15, 17, 27, 29, 31])
                    + S.dates(1997, 11, [10, 12, 14, 24, 26, 28]) + S.dates(1997, 12, [8, 10, 12, 22])),
        Example(name: "every other week on Tuesday and Thursday, for 8 occurrences",
                rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", start: "1997-09-02 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [2, 4, 16, 18, 30]) + S.dates(1997, 10, [2, 14, 16])),
        Example(name: "monthly on the first Friday for 10 occurrences", rule: "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
                start: "1997-09-05 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [5]) + S.dates(1997, 10, [3]) + S.dates(1997, 11, [7]) + S.dates(1997, 12, [5])
                    + S.dates(1998, 1, [2]) + S.dates(1998, 2, [6]) + S.dates(1998, 3, [6]) + S.dates(1998, 4, [3])
                    + S.dates(1998, 5, [1]) + S.dates(1998, 6, [5])),
        Example(name: "monthly on the first Friday until December 24, 1997", rule: "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
                start: "1997-09-05 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [5]) + S.dates(1997, 10, [3]) + S.dates(1997, 11, [7]) + S.dates(1997, 12, [5])),
        Example(name: "every other month on the first and last Sunday for 10 occurrences",
                rule: "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", start: "1997-09-07 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [7, 28]) + S.dates(1997, 11, [2, 30]) + S.dates(1998, 1, [4, 25]) + S.dates(1998, 3, [1, 29])
                    + S.dates(1998, 5, [3, 31])),
        Example(name: "monthly on the second-to-last Monday for 6 months", rule: "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
                start: "1997-09-22 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [22]) + S.dates(1997, 10, [20]) + S.dates(1997, 11, [17]) + S.dates(1997, 12, [22])
                    + S.dates(1998, 1, [19]) + S.dates(1998, 2, [16])),
        Example(name: "monthly on the third-to-the-last day, forever", rule: "FREQ=MONTHLY;BYMONTHDAY=-3", start: "1997-09-28 09:00",
                until: "1998-03-01",
                expected: S.dates(1997, 9, [28]) + S.dates(1997, 10, [29]) + S.dates(1997, 11, [28]) + S.dates(1997, 12, [29])
                    + S.dates(1998, 1, [29]) + S.dates(1998, 2, [26])),
        Example(name: "monthly on the 2nd and 15th for 10 occurrences", rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
                start: "1997-09-02 09:00", until: "2000-01-01",
                expected: [(1997, 9), (1997, 10), (1997, 11), (1997, 12), (1998, 1)].flatMap { S.dates($0.0, $0.1, [2, 15]) }),
        Example(name: "monthly on the first and last day for 10 occurrences", rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
                start: "1997-09-30 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [30]) + S.dates(1997, 10, [1, 31]) + S.dates(1997, 11, [1, 30]) + S.dates(1997, 12, [1, 31])
                    + S.dates(1998, 1, [1, 31]) + S.dates(1998, 2, [1])),
        Example(name: "every 18 months on the 10th thru 15th for 10 occurrences",
                rule: "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15", start: "1997-09-10 09:00", until: "2002-01-01",
                expected: S.dates(1997, 9, Array(10...15)) + S.dates(1999, 3, Array(10...13))),
        Example(name: "every Tuesday, every other month", rule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", start: "1997-09-02 09:00",
                until: "1998-04-01",
                expected: S.dates(1997, 9, [2, 9, 16, 23, 30]) + S.dates(1997, 11, [4, 11, 18, 25]) + S.dates(1998, 1, [6, 13, 20, 27])
                    + S.dates(1998, 3, [3, 10, 17, 24, 31])),
        Example(name: "yearly in June and July for 10 occurrences", rule: "FREQ=YEARLY;COUNT=10;BYMONTH=6,7", start: "1997-06-10 09:00",
                until: "2005-01-01", expected: (1997...2001).flatMap { S.dates($0, 6, [10]) + S.dates($0, 7, [10]) }),
        Example(name: "every other year on January, February and March for 10 occurrences",
                rule: "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3", start: "1997-03-10 09:00", until: "2005-01-01",
                expected: S.dates(1997, 3, [10]) + [1999, 2001, 2003].flatMap { y in (1...3).flatMap { S.dates(y, $0, [10]) } }),
        Example(name: "every 20th Monday of the year, forever", rule: "FREQ=YEARLY;BYDAY=20MO", start: "1997-05-19 09:00",
                until: "2000-01-01", expected: S.dates(1997, 5, [19]) + S.dates(1998, 5, [18]) + S.dates(1999, 5, [17])),
        Example(name: "every Thursday in March, forever", rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", start: "1997-03-13 09:00",
                until: "2000-01-01",
                expected: S.dates(1997, 3, [13, 20, 27]) + S.dates(1998, 3, [5, 12, 19, 26]) + S.dates(1999, 3, [4, 11, 18, 25])),
        Example(name: "every Thursday, but only during June, July and August, forever", rule: "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
                start: "1997-06-05 09:00", until: "2000-01-01",
                expected: S.dates(1997, 6, [5, 12, 19, 26]) + S.dates(1997, 7, [3, 10, 17, 24, 31]) + S.dates(1997, 8, [7, 14, 21, 28])
                    + S.dates(1998, 6, [4, 11, 18, 25]) + S.dates(1998, 7, [2, 9, 16, 23, 30]) + S.dates(1998, 8, [6, 13, 20, 27])
                    + S.dates(1999, 6, [3, 10, 17, 24]) + S.dates(1999, 7, [1, 8, 15, 22, 29]) + S.dates(1999, 8, [5, 12, 19, 26])),
        Example(name: "every Friday the 13th, forever (DTSTART excluded by EXDATE)", rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
                start: "1997-09-02 09:00", until: "2001-01-01",
                expected: S.dates(1998, 2, [13]) + S.dates(1998, 3, [13]) + S.dates(1998, 11, [13]) + S.dates(1999, 8, [13])
                    + S.dates(2000, 10, [13]), excludeStart: true),
        Example(name: "the first Saturday that follows the first Sunday of the month, forever",
                rule: "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13", start: "1997-09-13 09:00", until: "1998-06-14",
                expected: S.dates(1997, 9, [13]) + S.dates(1997, 10, [11]) + S.dates(1997, 11, [8]) + S.dates(1997, 12, [13])
                    + S.dates(1998, 1, [10]) + S.dates(1998, 2, [7]) + S.dates(1998, 3, [7]) + S.dates(1998, 4, [11])
                    + S.dates(1998, 5, [9]) + S.dates(1998, 6, [13])),
        Example(name: "every 4 years, the first Tuesday after a Monday in November (U.S. election day)",
                rule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8", start: "1996-11-05 09:00",
                until: "2005-01-01", expected: S.dates(1996, 11, [5]) + S.dates(2000, 11, [7]) + S.dates(2004, 11, [2])),
        Example(name: "the third instance of Tuesday, Wednesday or Thursday, for the next 3 months",
                rule: "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", start: "1997-09-04 09:00", until: "2000-01-01",
                expected: S.dates(1997, 9, [4]) + S.dates(1997, 10, [7]) + S.dates(1997, 11, [6])),
        Example(name: "the second-to-last weekday of the month", rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
                start: "1997-09-29 09:00", until: "1998-04-01",
                expected: S.dates(1997, 9, [29]) + S.dates(1997, 10, [30]) + S.dates(1997, 11, [27]) + S.dates(1997, 12, [30])
                    + S.dates(1998, 1, [29]) + S.dates(1998, 2, [26]) + S.dates(1998, 3, [30])),
        Example(name: "days generated differ because of WKST=MO", rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
                start: "1997-08-05 09:00", until: "2000-01-01", expected: S.dates(1997, 8, [5, 10, 19, 24])),
        Example(name: "changing only WKST from MO to SU yields different results",
                rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", start: "1997-08-05 09:00", until: "2000-01-01",
                expected: S.dates(1997, 8, [5, 17, 19, 31])),
        Example(name: "an invalid date (February 30) is ignored", rule: "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
                start: "2007-01-15 09:00", until: "2010-01-01",
                expected: S.dates(2007, 1, [15, 30]) + S.dates(2007, 2, [15]) + S.dates(2007, 3, [15, 30])),
    ]

    @Test(arguments: examples)
    func publishedExampleYieldsTheRFCDatesAtNineLocal(example: Example) throws {
        let start = S.local(example.start, in: S.newYork)
        let instances = try S.expand(
            example.rule, start: start, from: "1990-01-01", to: example.until,
            exceptionDates: example.excludeStart ? [start] : [])
        #expect(S.localDates(instances, in: S.newYork) == example.expected)
        #expect(instances.allSatisfy { S.reading($0.start, in: S.newYork).hasSuffix(" 09:00") })
    }

    @Test func dailyUntilDecember24KeepsNineLocalWhileTheInstantMovesAtTheOctoberChange() throws {
        let instances = try S.expand(
            "FREQ=DAILY;UNTIL=19971224T000000Z", start: S.local("1997-09-02 09:00", in: S.newYork), from: "1997-10-25", to: "1997-10-27")
        #expect(instances.map(\.start.instant) == [S.utc("1997-10-25 13:00"), S.utc("1997-10-26 14:00")])
        #expect(instances.map(\.kind) == [.generated, .generated])
    }

    /// RFC examples that need parts this implementation does not expand fail loudly, naming the part.
    @Test(arguments: [
        ("FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", "BYYEARDAY"),
        ("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "BYWEEKNO"),
        ("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z", "FREQ"),
        ("FREQ=MINUTELY;INTERVAL=15;COUNT=6", "FREQ"),
        ("FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40", "BYHOUR"),
    ])
    func examplesBeyondTheSupportedSubsetAreTypedErrors(rule: String, part: String) {
        #expect {
            try RecurrenceRule(parsing: rule)
        } throws: { error in
            (error as? RecurrenceError).map { error in
                if case .unsupportedPart = error { return error.part == part } else { return false }
            } ?? false
        }
    }
}
