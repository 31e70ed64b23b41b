#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The baseline `tminus bench world` measures in the same run as the week, so that numbers taken
/// on different machines, or on one shared machine under different load, can be compared as
/// ratios: a fixed amount of raw SQLite work (``CoreBenchmark``'s raw inserts of `deltas` provider
/// deltas' rows, one transaction each, into an in-memory database) that costs CPU like the engine's
/// storage does, but has no engine, fakes or checks. The best (lowest-CPU) sample is kept; the
/// world command interleaves baseline runs with week runs so that load from other processes
/// touches both alike.
struct BenchBaseline {
    /// Deltas of the reference workload (10 inserts each: 1 event, 1 journal entry, 4 mirrors,
    /// 4 outbox entries).
    static let deltas = 2_000

    private(set) var best: (wallSeconds: Double, cpuSeconds: Double)?

    /// Runs the reference workload once and keeps it if it is the cheapest so far.
    mutating func sample() throws {
        let benchmark = CoreBenchmark(deltas: Self.deltas, batchSize: 1, rounds: 1)
        let (result, wall, cpu) = BenchSample.timed { Result { try benchmark.measureRaw(path: ":memory:") } }
        _ = try result.get()
        if best.map({ cpu < $0.cpuSeconds }) ?? true { best = (wall, cpu) }
    }

    /// `baseline: … cpu=…s` and the week's CPU and wall time as multiples of the baseline's.
    func lines(week: BenchSample) -> [String] {
        guard let best else { return [] }
        return [
            "baseline: raw SQLite, \(Self.deltas) deltas' rows in \(Self.deltas) in-memory transactions: "
                + "wall=\(BenchFormat.fixed(best.wallSeconds, 3))s cpu=\(BenchFormat.fixed(best.cpuSeconds, 3))s",
            "week / baseline: cpu \(BenchFormat.fixed(week.cpuSeconds / max(best.cpuSeconds, 1e-9), 1))x, "
                + "wall \(BenchFormat.fixed(week.wallSeconds / max(best.wallSeconds, 1e-9), 1))x "
                + "(the same ratio on two machines means the same code speed)",
        ]
    }
}

/// The process's peak resident memory so far, in bytes (`getrusage`; Linux reports kilobytes).
enum PeakMemory {
    static func bytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
            getrusage(RUSAGE_SELF, &usage)
            return Int(usage.ru_maxrss)
        #else
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Int(usage.ru_maxrss) * 1024
        #endif
    }
}
