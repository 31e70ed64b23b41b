import TMinusCore

/// An inline SVG line plot over virtual time, with no script and no external asset: axes with
/// round ticks, one coloured polyline per series, a legend, and dashed vertical markers (the end
/// of the fault phase, convergence).
///
/// Output is a pure function of the input (coordinates rounded to 0.1 px). Series with more
/// points than the plot is wide are thinned deterministically, keeping each pixel column's highest
/// and last samples so peaks stay visible.
public struct SVGLinePlot: Sendable {
    /// A vertical marker.
    public struct Marker: Hashable, Sendable {
        public var at: Duration
        public var label: String

        /// Creates a marker.
        public init(at: Duration, label: String) {
            self.at = at
            self.label = label
        }
    }

    /// The title above the plot.
    public var title: String
    /// The lines.
    public var series: [TimeSeries]
    /// Vertical markers.
    public var markers: [Marker]
    /// Size in CSS pixels.
    public var width = 640
    public var height = 220

    /// The colours of successive series.
    public static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    ]

    /// Creates a plot.
    public init(title: String, series: [TimeSeries], markers: [Marker] = []) {
        self.title = title
        self.series = series
        self.markers = markers
    }

    private var left: Double { 56 }
    private var right: Double { Double(width) - 16 }
    private var top: Double { 40 }
    private var bottom: Double { Double(height) - 28 }

    /// The `<svg>` element.
    public func render() -> String {
        let maxTime = max(
            series.flatMap(\.points).map(\.at.nanoseconds).max() ?? 0, markers.map(\.at.nanoseconds).max() ?? 0, 1)
        let axis = PlotScale.valueAxis(peak: series.flatMap(\.points).map(\.value).max() ?? 0)
        let maxValue = axis.maximum
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(MarkupText.escape(title))\">\n"
        svg += "<title>\(MarkupText.escape(title))</title>\n"
        svg += "<text x=\"\(PlotScale.text(left))\" y=\"14\" class=\"plot-title\">\(MarkupText.escape(title))</text>\n"
        svg += axes(maxTime: maxTime, axis: axis)
        for (index, line) in series.enumerated() {
            svg += polyline(line, color: Self.palette[index % Self.palette.count], maxTime: maxTime, maxValue: maxValue)
        }
        svg += legend()
        for (index, marker) in markers.enumerated() { svg += markerLine(marker, row: index, maxTime: maxTime) }
        return svg + "</svg>\n"
    }

    private func x(_ nanoseconds: Int64, _ maxTime: Int64) -> Double {
        left + (right - left) * Double(nanoseconds) / Double(maxTime)
    }

    private func y(_ value: Int64, _ maxValue: Int64) -> Double {
        bottom - (bottom - top) * Double(value) / Double(max(maxValue, 1))
    }

    private func axes(maxTime: Int64, axis: (maximum: Int64, step: Int64)) -> String {
        let maxValue = axis.maximum
        var svg = "<g class=\"axes\">\n"
        svg += line(left, top, left, bottom, "axis") + line(left, bottom, right, bottom, "axis")
        for tick in PlotScale.valueTicks(axis) {
            let ty = y(tick, maxValue)
            svg += line(left, ty, right, ty, "grid")
            svg +=
                "<text x=\"\(PlotScale.text(left - 6))\" y=\"\(PlotScale.text(ty + 4))\" text-anchor=\"end\">\(tick)</text>\n"
        }
        for tick in PlotScale.timeTicks(maxTime) {
            let tx = x(tick, maxTime)
            svg += line(tx, bottom, tx, bottom + 4, "axis")
            svg +=
                "<text x=\"\(PlotScale.text(tx))\" y=\"\(PlotScale.text(bottom + 16))\" text-anchor=\"middle\">"
                + "\(PlotScale.timeLabel(tick))</text>\n"
        }
        return svg + "</g>\n"
    }

    private func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ kind: String) -> String {
        "<line class=\"\(kind)\" x1=\"\(PlotScale.text(x1))\" y1=\"\(PlotScale.text(y1))\" "
            + "x2=\"\(PlotScale.text(x2))\" y2=\"\(PlotScale.text(y2))\"/>\n"
    }

    private func polyline(_ series: TimeSeries, color: String, maxTime: Int64, maxValue: Int64) -> String {
        let points = PlotScale.thin(series.points, columns: Int(right - left))
        let label = MarkupText.escape(series.label)
        if points.count == 1, let only = points.first {
            return "<circle cx=\"\(PlotScale.text(x(only.at.nanoseconds, maxTime)))\" "
                + "cy=\"\(PlotScale.text(y(only.value, maxValue)))\" r=\"3\" fill=\"\(color)\"><title>\(label)</title></circle>\n"
        }
        let coordinates = points.map {
            "\(PlotScale.text(x($0.at.nanoseconds, maxTime))),\(PlotScale.text(y($0.value, maxValue)))"
        }
        return "<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.5\" "
            + "points=\"\(coordinates.joined(separator: " "))\"><title>\(label)</title></polyline>\n"
    }

    private func legend() -> String {
        var svg = "<g class=\"legend\">\n"
        var cursor = left
        for (index, line) in series.enumerated() {
            let color = Self.palette[index % Self.palette.count]
            svg += "<rect x=\"\(PlotScale.text(cursor))\" y=\"22\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(PlotScale.text(cursor + 14))\" y=\"31\">\(MarkupText.escape(line.label))</text>\n"
            cursor += 24 + Double(line.label.count) * 7
        }
        return svg + "</g>\n"
    }

    /// A dashed vertical line; labels of successive markers sit on successive rows, and a label
    /// near the right edge is drawn to the left of its line.
    private func markerLine(_ marker: Marker, row: Int, maxTime: Int64) -> String {
        let mx = x(marker.at.nanoseconds, maxTime)
        let nearEdge = mx > right - 80
        let labelX = nearEdge ? mx - 3 : mx + 3
        let anchor = nearEdge ? " text-anchor=\"end\"" : ""
        return "<g class=\"marker\">" + line(mx, top, mx, bottom, "marker")
            + "<text x=\"\(PlotScale.text(labelX))\" y=\"\(PlotScale.text(top + 10 + 12 * Double(row)))\"\(anchor)>"
            + "\(MarkupText.escape(marker.label))</text></g>\n"
    }
}
