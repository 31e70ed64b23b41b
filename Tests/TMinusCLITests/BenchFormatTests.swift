import Testing

@testable import TMinusCLI

@Suite("Bench number formatting")
struct BenchFormatTests {
    @Test("fixed prints exactly the requested decimals, rounding half away from zero")
    func fixedDecimals() {
        #expect(BenchFormat.fixed(1.005, 0) == "1")
        #expect(BenchFormat.fixed(2.5, 1) == "2.5")
        #expect(BenchFormat.fixed(0.046, 2) == "0.05")
        #expect(BenchFormat.fixed(12.0, 3) == "12.000")
        #expect(BenchFormat.fixed(-0.25, 1) == "-0.3")
        #expect(BenchFormat.fixed(-3.25, 2) == "-3.25")
    }

    @Test("compact scales rates to k and M")
    func compactRates() {
        #expect(BenchFormat.compact(999) == "999")
        #expect(BenchFormat.compact(12_345) == "12.3k")
        #expect(BenchFormat.compact(1_234_567) == "1.23M")
        #expect(BenchFormat.rate(3, 1_500_000_000) == 2)
        #expect(BenchFormat.milliseconds(1_250_000) == "1.3")
    }
}
