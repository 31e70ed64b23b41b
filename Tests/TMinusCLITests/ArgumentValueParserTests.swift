import TMinusCLI
import TMinusCore
import Testing

struct ArgumentValueParserTests {
    // MARK: Seeds

    @Test func readsDecimalSeedsAcrossTheWholeUInt64Range() {
        #expect(ArgumentValueParser.seed("0") == 0)
        #expect(ArgumentValueParser.seed("42") == 42)
        #expect(ArgumentValueParser.seed("18446744073709551615") == UInt64.max)
        #expect(ArgumentValueParser.seed("007") == 7)
    }

    @Test func rejectsSeedsOutOfRangeOrNotDecimal() {
        for text in ["18446744073709551616", "-1", "+1", "", " 1", "1 ", "1_000", "0x10", "1e3", "١٢"] {
            #expect(ArgumentValueParser.seed(text) == nil, "accepted \(text)")
        }
    }

    @Test func reducesAGitCommitHashToItsLast16HexDigits() {
        let hash = "0123456789abcdef0123fedcba9876543210abcd"
        #expect(ArgumentValueParser.seed(hash) == UInt64("ba9876543210abcd", radix: 16))
        #expect(ArgumentValueParser.seed(hash.uppercased()) == ArgumentValueParser.seed(hash))
    }

    @Test func rejectsHashesOfTheWrongLengthOrWithNonHexDigits() {
        let hash = "0123456789abcdef0123fedcba9876543210abcd"
        #expect(ArgumentValueParser.seed(String(hash.dropLast())) == nil)
        #expect(ArgumentValueParser.seed(hash + "0") == nil)
        #expect(ArgumentValueParser.seed(String(hash.dropLast()) + "g") == nil)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func decimalSeedsRoundTripForRandomValues(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        for _ in 0..<1_000 {
            let value = random.next()
            guard ArgumentValueParser.seed(String(value)) == value else {
                Issue.record("seed \(seed): \(value) did not round-trip")
                return
            }
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func hashSeedsAreTheLow64BitsForRandomHashes(seed: UInt64) {
        var random = Xoshiro256StarStar(seed: seed)
        let digits = Array("0123456789abcdef")
        for _ in 0..<500 {
            let hash = String((0..<40).map { _ in digits[Int(random.below(16))] })
            let expected = UInt64(hash.suffix(16), radix: 16)
            guard expected != nil, ArgumentValueParser.seed(hash) == expected else {
                Issue.record("seed \(seed): hash \(hash) did not reduce to its last 16 hex digits")
                return
            }
        }
    }

    // MARK: Integers

    @Test func readsSignedDecimalIntegers() {
        #expect(ArgumentValueParser.decimalInteger("12") == 12)
        #expect(ArgumentValueParser.decimalInteger("-12") == -12)
        #expect(ArgumentValueParser.decimalInteger("-") == nil)
        #expect(ArgumentValueParser.decimalInteger("12a") == nil)
        #expect(ArgumentValueParser.decimalInteger("99999999999999999999") == nil)
    }

    // MARK: Ranges

    @Test func readsInclusiveRangesAndSingleNumbers() {
        #expect(ArgumentValueParser.range("1..100") == 1...100)
        #expect(ArgumentValueParser.range("5..5") == 5...5)
        #expect(ArgumentValueParser.range("7") == 7...7)
        #expect(ArgumentValueParser.range("0..18446744073709551615") == 0...UInt64.max)
    }

    @Test func rejectsMalformedOrBackwardRanges() {
        for text in ["10..1", "..5", "1..", "..", "a..b", "1...5", "1..2..3", "-1..4", "1 .. 2", ""] {
            #expect(ArgumentValueParser.range(text) == nil, "accepted \(text)")
        }
    }

    // MARK: Durations

    @Test func readsDurationsWithUnitsAsSeconds() {
        #expect(ArgumentValueParser.durationSeconds("90") == 90)
        #expect(ArgumentValueParser.durationSeconds("30s") == 30)
        #expect(ArgumentValueParser.durationSeconds("5m") == 300)
        #expect(ArgumentValueParser.durationSeconds("2h") == 7_200)
        #expect(ArgumentValueParser.durationSeconds("1d") == 86_400)
        #expect(ArgumentValueParser.durationSeconds("0s") == 0)
    }

    @Test func rejectsNegativeFractionalUnknownOrOverflowingDurations() {
        for text in ["-5s", "1.5h", "5x", "s", "", "5 m", "5ms", "3000000000000000h", "m5"] {
            #expect(ArgumentValueParser.durationSeconds(text) == nil, "accepted \(text)")
        }
    }
}
