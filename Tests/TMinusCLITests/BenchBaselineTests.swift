import Testing

@testable import TMinusCLI

@Suite("bench world's baseline and memory report")
struct BenchBaselineTests {
    @Test("the baseline keeps its cheapest sample and states the week as multiples of it")
    func baselineRatios() throws {
        var baseline = BenchBaseline()
        #expect(baseline.lines(week: Self.week(cpu: 1, wall: 1)).isEmpty, "no sample, no ratio")
        try baseline.sample()
        try baseline.sample()
        let best = try #require(baseline.best)
        #expect(best.cpuSeconds > 0 && best.wallSeconds > 0)
        let lines = baseline.lines(week: Self.week(cpu: best.cpuSeconds * 40, wall: best.wallSeconds * 20))
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("baseline: raw SQLite, 2000 deltas' rows"))
        #expect(lines[1].hasPrefix("week / baseline: cpu 40.0x, wall 20.0x"), "\(lines[1])")
    }

    @Test("peak memory is the process's, in bytes, and never shrinks")
    func peakMemory() {
        let before = PeakMemory.bytes()
        let buffer = [UInt8](repeating: 7, count: 64 << 20)
        let after = PeakMemory.bytes()
        #expect(before > 1 << 20, "a Swift process holds more than a megabyte")
        #expect(after >= before)
        #expect(after >= 64 << 20, "the peak covers the 64 MiB this test touched (bytes, not kilobytes)")
        #expect(buffer[buffer.count - 1] == 7)
    }

    private static func week(cpu: Double, wall: Double) -> BenchSample {
        BenchSample(wallSeconds: wall, cpuSeconds: cpu, virtualSeconds: 604_800, verdict: "pass", digest: "0")
    }
}
