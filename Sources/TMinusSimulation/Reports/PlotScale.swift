import TMinusCore

/// Axis arithmetic shared by the SVG plots: round value ceilings and ticks, time ticks on round
/// durations, compact time labels, coordinate text and deterministic thinning of long series.
enum PlotScale {
    /// The smallest 1, 2 or 5 × 10^k at least `value` (and at least 1).
    static func niceCeiling(_ value: Int64) -> Int64 {
        guard value > 1 else { return 1 }
        var magnitude: Int64 = 1
        while magnitude <= value / 10 { magnitude *= 10 }
        for factor: Int64 in [1, 2, 5, 10] where magnitude * factor >= value { return magnitude * factor }
        return magnitude * 10
    }

    /// A value axis for data up to `peak`: a round step (1, 2 or 5 × 10^k, about a quarter of the
    /// peak) and the top of the axis, the first multiple of the step at or above the peak.
    static func valueAxis(peak: Int64) -> (maximum: Int64, step: Int64) {
        let step = niceCeiling((max(peak, 1) + 3) / 4)
        let multiples = (max(peak, 1) + step - 1) / step
        return (step * multiples, step)
    }

    /// The ticks of a value axis, 0 to its maximum.
    static func valueTicks(_ axis: (maximum: Int64, step: Int64)) -> [Int64] {
        Array(stride(from: Int64(0), through: axis.maximum, by: Int(axis.step)))
    }

    /// Ticks at a round duration step, at most 8 of them, up to `maximum` nanoseconds.
    static func timeTicks(_ maximum: Int64) -> [Int64] {
        let minute: Int64 = 60_000_000_000
        let steps: [Int64] = [1, 5, 15, 30, 60, 180, 360, 720, 1_440, 2_880, 10_080, 20_160, 43_200].map { $0 * minute }
        let step = steps.first { maximum / $0 <= 8 } ?? max(1, maximum / 8)
        return Array(stride(from: Int64(0), through: maximum, by: Int(step)))
    }

    /// `0`, `30m`, `6h`, `1d`, `2d12h`: a compact offset label.
    static func timeLabel(_ nanoseconds: Int64) -> String {
        let minutes = nanoseconds / 60_000_000_000
        if minutes == 0 {
            guard nanoseconds != 0 else { return "0" }
            let tenths = nanoseconds / 100_000_000
            return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s"
        }
        let days = minutes / 1_440
        let hours = (minutes % 1_440) / 60
        let rest = minutes % 60
        var text = ""
        if days > 0 { text += "\(days)d" }
        if hours > 0 { text += "\(hours)h" }
        if rest > 0 { text += "\(rest)m" }
        return text
    }

    /// A coordinate with one decimal, `12.3` (or `12` when whole).
    static func text(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// At most about `2 × columns` points: per time column, the highest sample and the last one.
    static func thin(_ points: [SeriesPoint], columns: Int) -> [SeriesPoint] {
        guard points.count > 2 * max(columns, 1), let last = points.last else { return points }
        let span = max(last.at.nanoseconds - (points.first?.at.nanoseconds ?? 0), 1)
        let start = points.first?.at.nanoseconds ?? 0
        var kept: [SeriesPoint] = []
        var bucketPeak: (index: Int, point: SeriesPoint)?
        var bucketLast: (index: Int, point: SeriesPoint)?
        var bucket = -1
        func flush() {
            let chosen = [bucketPeak, bucketLast].compactMap { $0 }.sorted { $0.index < $1.index }
            var seen: Set<Int> = []
            for entry in chosen where seen.insert(entry.index).inserted { kept.append(entry.point) }
        }
        for (index, point) in points.enumerated() {
            let column = Int(Double(point.at.nanoseconds - start) * Double(columns) / Double(span))
            if column != bucket {
                flush()
                bucket = column
                bucketPeak = nil
                bucketLast = nil
            }
            if point.value > (bucketPeak?.point.value ?? Int64.min) { bucketPeak = (index, point) }
            bucketLast = (index, point)
        }
        flush()
        return kept
    }
}
