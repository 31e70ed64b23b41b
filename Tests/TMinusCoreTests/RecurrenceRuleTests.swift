import TMinusCore
import Testing

/// Parsing and canonical serialization of RRULE values, and the typed errors for bad input.
struct RecurrenceRuleTests {
    @Test func parsesTheBriefExampleWithAndWithoutThePrefix() throws {
        let bare = try RecurrenceRule(parsing: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260601T000000Z")
        let prefixed = try RecurrenceRule(parsing: "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20260601T000000Z")
        #expect(bare == prefixed)
        #expect(bare.frequency == .weekly)
        #expect(bare.interval == 2)
        #expect(bare.byDay == [WeekdayOccurrence(.monday), WeekdayOccurrence(.wednesday)])
        #expect(bare.end == .until(.instant(Timestamp(secondsSinceEpoch: 1_780_272_000))))
        #expect(bare.description == "FREQ=WEEKLY;INTERVAL=2;UNTIL=20260601T000000Z;BYDAY=MO,WE")
        #expect(bare.propertyLine == "RRULE:" + bare.description)
    }

    @Test func serializesCanonicallyWhateverTheInputOrderCaseAndDuplicates() throws {
        let messy = try RecurrenceRule(parsing: " rrule:byday=-1fr,1mo,MO,1MO;wkst=su;bysetpos=1;Freq=Monthly;bymonth=3,1;interval=1; ")
        #expect(messy.description == "FREQ=MONTHLY;BYMONTH=1,3;BYDAY=MO,1MO,-1FR;BYSETPOS=1;WKST=SU")
        #expect(try RecurrenceRule(parsing: messy.description) == messy)
    }

    @Test func parsesOrdinalsNegativeMonthDaysAndAllThreeUntilForms() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=YEARLY;BYDAY=+2TU,-1SU;BYMONTHDAY=-1,-31,15;COUNT=4")
        #expect(rule.byDay == [WeekdayOccurrence(.tuesday, ordinal: 2), WeekdayOccurrence(.sunday, ordinal: -1)])
        #expect(rule.byMonthDay == [-31, -1, 15])
        #expect(rule.end == .count(4))
        let date = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20260601")
        #expect(date.end == .until(.date(CalendarDate(year: 2026, month: 6, day: 1)!)))
        let floating = try RecurrenceRule(parsing: "FREQ=DAILY;UNTIL=20260601T090000")
        #expect(floating.end == .until(.floating(localAsUTC: Timestamp(secondsSinceEpoch: 1_780_304_400))))
        #expect(floating.description == "FREQ=DAILY;UNTIL=20260601T090000")
    }

    @Test func ignoresExtensionPartsAsRFC5545Allows() throws {
        #expect(try RecurrenceRule(parsing: "FREQ=DAILY;X-NAME=whatever;COUNT=2") == RecurrenceRule(frequency: .daily, end: .count(2)))
    }

    @Test func trimmingARuleKeepsEverythingButTheEnd() throws {
        let rule = try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO,FR;COUNT=10")
        let trimmed = try rule.ending(.until(.date(CalendarDate(year: 2026, month: 5, day: 1)!)))
        #expect(trimmed.description == "FREQ=WEEKLY;UNTIL=20260501;BYDAY=MO,FR")
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let text: String
        let part: String
        let error: RecurrenceError?
        init(_ text: String, _ part: String, _ error: RecurrenceError? = nil) {
            self.text = text
            self.part = part
            self.error = error
        }
        var testDescription: String { text }
    }

    static let badRules: [Bad] = [
        Bad("FREQ=DAILY;COUNT=3;UNTIL=20260101", "COUNT", .countWithUntil),
        Bad("INTERVAL=2;BYDAY=MO", "FREQ", .missingFrequency),
        Bad("", "FREQ", .missingFrequency),
        Bad("FREQ=FORTNIGHTLY", "FREQ"),
        Bad("FREQ=SECONDLY", "FREQ", .unsupportedPart(part: "FREQ", value: "SECONDLY")),
        Bad("FREQ=DAILY;BYSECOND=0", "BYSECOND", .unsupportedPart(part: "BYSECOND", value: "0")),
        Bad("FREQ=DAILY;BYMINUTE=15", "BYMINUTE", .unsupportedPart(part: "BYMINUTE", value: "15")),
        Bad("FREQ=YEARLY;BYYEARDAY=100", "BYYEARDAY", .unsupportedPart(part: "BYYEARDAY", value: "100")),
        Bad("FREQ=DAILY;FOO=1", "FOO", .unknownPart(part: "FOO")),
        Bad("FREQ=DAILY;FREQ=WEEKLY", "FREQ", .duplicatePart(part: "FREQ")),
        Bad("FREQ=DAILY;COUNT", "COUNT"),
        Bad("FREQ=DAILY;INTERVAL=0", "INTERVAL"),
        Bad("FREQ=DAILY;INTERVAL=two", "INTERVAL"),
        Bad("FREQ=DAILY;INTERVAL=99999999999999999999", "INTERVAL"),
        Bad("FREQ=DAILY;COUNT=-1", "COUNT"),
        Bad("FREQ=DAILY;UNTIL=2026", "UNTIL"),
        Bad("FREQ=DAILY;UNTIL=20260230", "UNTIL"),
        Bad("FREQ=WEEKLY;BYDAY=1MO", "BYDAY"),
        Bad("FREQ=DAILY;BYDAY=-1FR", "BYDAY"),
        Bad("FREQ=MONTHLY;BYDAY=XX", "BYDAY"),
        Bad("FREQ=MONTHLY;BYDAY=0MO", "BYDAY"),
        Bad("FREQ=YEARLY;BYDAY=54MO", "BYDAY"),
        Bad("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"),
        Bad("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        Bad("FREQ=MONTHLY;BYMONTHDAY=1,,2", "BYMONTHDAY"),
        Bad("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY"),
        Bad("FREQ=YEARLY;BYMONTH=13", "BYMONTH"),
        Bad("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS"),
        Bad("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0", "BYSETPOS"),
        Bad("FREQ=DAILY;WKST=XX", "WKST"),
        Bad("FREQ=DAILY;COUNT=2;garbage", "garbage"),
    ]

    @Test(arguments: badRules)
    func invalidRuleIsATypedErrorNamingThePart(bad: Bad) {
        do {
            let rule = try RecurrenceRule(parsing: bad.text)
            Issue.record("expected an error, parsed \(rule)")
        } catch {
            #expect(error.part == bad.part)
            if let expected = bad.error { #expect(error == expected) }
            #expect(error.description.contains(bad.part) || bad.part == "COUNT" || bad.part == "FREQ")
        }
    }

    /// Seeded fuzz: mutated rule texts never crash; whatever parses round-trips through its canonical text.
    @Test func mutatedRuleTextsNeverCrashAndParsedOnesRoundTrip() throws {
        let seeds = [
            "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU", "FREQ=YEARLY;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
            "FREQ=WEEKLY;UNTIL=19971224T000000Z;WKST=SU;BYDAY=TU,TH", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
        ]
        let alphabet = Array("0123456789012345678901234567890123456789,,;;--+MOTUFRSUTZ=X ")
        var rng = Xoshiro256StarStar(seed: 20_260_301)
        var parsed = 0
        for _ in 0..<3000 {
            var chars = Array(seeds[Int(rng.below(UInt64(seeds.count)))])
            for _ in 0...rng.below(2) {
                let index = Int(rng.below(UInt64(chars.count)))
                switch rng.below(3) {
                case 0: chars[index] = alphabet[Int(rng.below(UInt64(alphabet.count)))]
                case 1: chars.remove(at: index)
                default: chars.insert(alphabet[Int(rng.below(UInt64(alphabet.count)))], at: index)
                }
                if chars.isEmpty { break }
            }
            guard let rule = try? RecurrenceRule(parsing: String(chars)) else { continue }
            parsed += 1
            #expect(try RecurrenceRule(parsing: rule.description) == rule)
        }
        #expect(parsed >= 50)  // enough mutants stay valid for the round-trip check to mean something
    }
}
