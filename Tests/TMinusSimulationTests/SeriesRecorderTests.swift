import TMinusCore
@testable import TMinusSimulation
import Testing

/// The sampler's series follow the order of the last sample only as a shortcut: whatever order
/// points come in, the series are those of a dictionary by plot and label, and the provider sums
/// are those of summing every host's counts by provider.
struct SeriesRecorderTests {
    @Test func seriesEqualADictionaryByPlotAndLabelWhateverTheOrder() {
        var random = Xoshiro256StarStar(seed: 71)
        let plots = PlotKind.allCases
        let labels = ["sync", "write", "google", "caldav", "dead letters", "found", "b", "a"]
        var recorder = SeriesRecorder()
        var expected: [String: [SeriesPoint]] = [:]
        var order = (0..<10).map { _ in (plots[Int(random.next() % UInt64(plots.count))], labels[Int(random.next() % 8)]) }
        for step in 0..<300 {
            recorder.beginSample()
            if step % 7 == 0 {
                let index = Int(random.next() % UInt64(order.count))
                order[index] = (plots[Int(random.next() % UInt64(plots.count))], labels[Int(random.next() % 8)])
            }
            if step % 11 == 0 { order.swapAt(0, order.count - 1) }
            let count = step % 13 == 0 ? order.count - 3 : order.count
            for (plot, label) in order.prefix(count) {
                let point = SeriesPoint(at: .seconds(Int64(step)), value: Int64(random.next() % 1000))
                // A fresh copy of the label, so the shortcut must compare text, not storage.
                recorder.add(plot, String(decoding: Array(label.utf8), as: UTF8.self), at: point.at, point.value)
                expected["\(plot.rawValue)|\(label)", default: []].append(point)
            }
        }
        let series = recorder.series
        let rank = { (plot: PlotKind) in plots.firstIndex(of: plot)! }
        let keys = expected.keys.map { $0.split(separator: "|").map(String.init) }
            .sorted { (rank(PlotKind(rawValue: $0[0])!), $0[1]) < (rank(PlotKind(rawValue: $1[0])!), $1[1]) }
        #expect(series.map { [$0.plot.rawValue, $0.label] } == keys)
        for line in series {
            #expect(line.points == expected["\(line.plot.rawValue)|\(line.label)"], "\(line.plot) \(line.label)")
        }
    }

    @Test func providerSumsFollowNewHostsAndHostsOfNoFake() {
        let providerByHost = ["a.google": "google", "b.google": "google", "graph": "microsoft"]
        var statistics = NetworkStatistics()
        statistics.count(status: 200, fault: nil, host: "a.google")
        statistics.count(status: 500, fault: nil, host: "graph")
        let hosts = HostsByProvider(statistics.byHost.keys, providerByHost: providerByHost)
        #expect(hosts.providers == ["google", "microsoft"])
        var (calls, errors) = ([0, 0], [0, 0])
        #expect(hosts.tally(statistics, calls: &calls, errors: &errors))
        #expect(calls == [1, 1] && errors == [0, 1])

        statistics.count(status: 200, fault: nil, host: "b.google")
        (calls, errors) = ([0, 0], [0, 0])
        #expect(!hosts.tally(statistics, calls: &calls, errors: &errors), "a new host: the groups are stale")
        statistics.count(status: nil, fault: .connectionReset, host: "elsewhere")
        let again = HostsByProvider(statistics.byHost.keys, providerByHost: providerByHost)
        #expect(again.providers == ["elsewhere", "google", "microsoft"])
        (calls, errors) = ([0, 0, 0], [0, 0, 0])
        #expect(again.tally(statistics, calls: &calls, errors: &errors))
        #expect(calls == [1, 2, 1] && errors == [1, 0, 1])
    }
}
