import TMinusCore

/// How the `tminus bench` commands time work and print numbers: best-of-N wall-clock timing,
/// rates per second, and fixed-decimal text without Foundation formatting (so output is the same
/// on every platform and locale).
enum BenchFormat {
    /// The fastest of `repetitions` runs of `body`, in nanoseconds of wall time.
    static func fastest(repetitions: Int, _ body: () -> Void) -> Int64 {
        var best = Int64.max
        let clock = ContinuousClock()
        for _ in 0..<max(1, repetitions) {
            let started = clock.now
            body()
            best = min(best, started.duration(to: clock.now).nanoseconds)
        }
        return best
    }

    /// `count` things in `nanoseconds`, per second.
    static func rate(_ count: Int, _ nanoseconds: Int64) -> Double {
        Double(count) * 1e9 / Double(max(1, nanoseconds))
    }

    /// A rate as `1.23M`, `4.5k` or `678`.
    static func compact(_ value: Double) -> String {
        if value >= 1e6 { return fixed(value / 1e6, 2) + "M" }
        if value >= 1e3 { return fixed(value / 1e3, 1) + "k" }
        return fixed(value, 0)
    }

    /// Nanoseconds as milliseconds with one decimal.
    static func milliseconds(_ nanoseconds: Int64) -> String { fixed(Double(nanoseconds) / 1e6, 1) }

    /// `value` with exactly `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        let whole = scaled / Int64(scale)
        guard digits > 0 else { return String(whole) }
        let fraction = String(abs(scaled % Int64(scale)))
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}
