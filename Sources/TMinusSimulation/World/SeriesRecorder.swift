import TMinusCore

/// The points of a run's report series, by plot and label, as ``WorldSampler`` adds them.
///
/// Every sample adds to the same series in the same order, so a point goes to the series that the
/// same position of the last sample went to when its plot and label are equal (two comparisons,
/// mostly of strings with the same storage), and is looked up by plot and label otherwise: the
/// series are exactly the ones a dictionary by plot and label would hold, without hashing a label
/// per point.
struct SeriesRecorder: Sendable {
    private struct Key: Hashable, Comparable {
        var plot: PlotKind
        var label: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            let left = PlotKind.allCases.firstIndex(of: lhs.plot) ?? 0
            let right = PlotKind.allCases.firstIndex(of: rhs.plot) ?? 0
            return left != right ? left < right : lhs.label < rhs.label
        }
    }

    private var keys: [Key] = []
    private var points: [[SeriesPoint]] = []
    private var indexByKey: [Key: Int] = [:]
    /// The series the last sample added to, in order, and those of the sample being taken.
    private var lastOrder: [Int] = []
    private var order: [Int] = []

    /// Starts a sample: the next points are expected in the order of the last sample's.
    mutating func beginSample() {
        swap(&lastOrder, &order)
        order.removeAll(keepingCapacity: true)
    }

    /// Appends `value` at `offset` to the series of `plot` and `label`.
    mutating func add(_ plot: PlotKind, _ label: String, at offset: Duration, _ value: Int64) {
        let position = order.count
        let index: Int
        if position < lastOrder.count, keys[lastOrder[position]].plot == plot, keys[lastOrder[position]].label == label {
            index = lastOrder[position]
        } else {
            index = indexOf(Key(plot: plot, label: label))
        }
        order.append(index)
        points[index].append(SeriesPoint(at: offset, value: value))
    }

    /// The series, plot by plot (``PlotKind`` order), labels sorted within a plot.
    var series: [TimeSeries] {
        keys.indices.sorted { keys[$0] < keys[$1] }.map {
            TimeSeries(plot: keys[$0].plot, label: keys[$0].label, points: points[$0])
        }
    }

    private mutating func indexOf(_ key: Key) -> Int {
        if let index = indexByKey[key] { return index }
        keys.append(key)
        points.append([])
        indexByKey[key] = keys.count - 1
        return keys.count - 1
    }
}
