import TMinusCore
import TMinusSimulation
import Testing

/// ISO 8601 durations as scenario files write them.
struct ScenarioDurationTests {
    private static let second: Int64 = 1_000_000_000
    private static let parsed: [(String, Int64)] = [
        ("P14D", 14 * 86_400 * second),
        ("PT6H", 6 * 3_600 * second),
        ("P1DT2H30M", (86_400 + 2 * 3_600 + 30 * 60) * second),
        ("PT0.5S", 500_000_000),
        ("PT0,25S", 250_000_000),
        ("PT1.000000001S", 1_000_000_001),
        ("P2W", 14 * 86_400 * second),
        ("PT90M", 90 * 60 * second),
        ("PT0S", 0),
    ]

    @Test(arguments: parsed)
    func parsesDurationsIntoNanoseconds(text: String, nanoseconds: Int64) {
        #expect(ISO8601Duration.parse(text)?.nanoseconds == nanoseconds)
    }

    @Test(arguments: [
        "", "P", "PT", "P1DT", "1D", "p1d", "P1H", "PT1D", "P1M", "P1Y", "PT1.5H", "P1W2D", "PT1H1H", "PT1M1H",
        "PT1.S", "PT0.0000000001S", "PT-1H", "P1D ", " P1D", "P99999999999999999999D", "P106752D",
    ])
    func rejectsTextThatIsNotAnAcceptedDuration(text: String) {
        #expect(ISO8601Duration.parse(text) == nil, "\(text)")
    }

    @Test func acceptsASignOnlyWhenAllowed() {
        #expect(ISO8601Duration.parse("-PT1H") == nil)
        #expect(ISO8601Duration.parse("-PT1H", allowNegative: true) == .seconds(-3_600))
        #expect(ISO8601Duration.parse("PT5M", allowNegative: true) == .seconds(300))
    }

    private static let formatted: [(Int64, String)] = [
        (0, "PT0S"), (86_400_000_000_000, "P1D"), (90_000_000_000, "PT1M30S"), (93_784_500_000_000, "P1DT2H3M4.5S"),
        (-3_600_000_000_000, "-PT1H"), (1, "PT0.000000001S"),
    ]

    @Test(arguments: formatted)
    func formatsCanonically(nanoseconds: Int64, text: String) {
        #expect(ISO8601Duration.format(.nanoseconds(nanoseconds)) == text)
    }

    @Test(arguments: [UInt64(1), 2, 3, 42, 1_000])
    func formattingThenParsingGivesTheSameDuration(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        for _ in 0..<500 {
            let magnitude = Int64(random.below(UInt64(400) * 86_400 * 1_000_000_000))
            let value = random.below(2) == 0 ? magnitude : -magnitude
            let text = ISO8601Duration.format(.nanoseconds(value))
            #expect(ISO8601Duration.parse(text, allowNegative: true)?.nanoseconds == value, "seed \(seed): \(text)")
        }
    }
}

/// Probabilities and rates written as ratio strings.
struct ScenarioRatioTests {
    private static let probabilities: [(String, UInt64, UInt64)] = [
        ("1/20", 1, 20), ("0/1", 0, 1), ("1/1", 1, 1), ("5%", 5, 100), ("1", 1, 1), ("0", 0, 1),
    ]

    @Test(arguments: probabilities)
    func readsProbabilities(text: String, numerator: UInt64, denominator: UInt64) {
        #expect(RatioText.probability(text) == Ratio(numerator, denominator))
    }

    @Test(arguments: ["2/1", "1/0", "1/", "/2", "a/b", "-1/2", "1.5/2", "150%", "1/2/3", "", "1/2000000"])
    func rejectsTextThatIsNotAProbability(text: String) {
        #expect(RatioText.probability(text) == nil, "\(text)")
    }

    @Test func readsRatesAboveOne() {
        #expect(RatioText.fraction("5/2")?.numerator == 5)
        #expect(RatioText.fraction("5/2")?.denominator == 2)
        #expect(RatioText.fraction("5/0") == nil)
    }

    @Test func sumsRatiosExactly() {
        #expect(RatioText.sumIsAtMostOne([Ratio(1, 3), Ratio(1, 3), Ratio(1, 3)]))
        #expect(!RatioText.sumIsAtMostOne([Ratio(1, 3), Ratio(1, 3), Ratio(334, 1_000)]))
        #expect(RatioText.sumIsAtMostOne([Ratio(999_999, 1_000_000), Ratio(1, 1_000_000), .never]))
        #expect(!RatioText.sumIsAtMostOne([Ratio(999_999, 1_000_000), Ratio(1, 999_999)]))
    }

    @Test func countsRateOccurrencesOverADuration() {
        #expect(ScenarioRate(6).expectedCount(over: .seconds(7 * 86_400)) == 42)
        #expect(ScenarioRate(1, per: 7).expectedCount(over: .seconds(13 * 86_400)) == 1)
        #expect(ScenarioRate(5, per: 2).expectedCount(over: .seconds(86_400)) == 2)
        #expect(ScenarioRate.zero.expectedCount(over: .seconds(86_400)) == 0)
        #expect(ScenarioRate(1_000_000).expectedCount(over: .seconds(100 * 365 * 86_400)) == 36_500_000_000)
    }
}
