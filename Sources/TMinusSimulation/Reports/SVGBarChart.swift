import TMinusCore

/// An inline SVG horizontal bar chart of one duration per run (convergence time), with the
/// deadline drawn as a dashed line; a run without a value shows "—". No script, no assets.
public struct SVGBarChart: Sendable {
    /// One bar.
    public struct Bar: Hashable, Sendable {
        public var label: String
        public var value: Duration?
        /// Drawn in the failure colour.
        public var failed: Bool

        /// Creates a bar.
        public init(label: String, value: Duration?, failed: Bool) {
            self.label = label
            self.value = value
            self.failed = failed
        }
    }

    /// The title above the chart.
    public var title: String
    /// The bars, top to bottom.
    public var bars: [Bar]
    /// A dashed reference line (the deadline), if any.
    public var limit: Duration?
    /// Width in CSS pixels.
    public var width = 640

    /// Creates a chart.
    public init(title: String, bars: [Bar], limit: Duration? = nil) {
        self.title = title
        self.bars = bars
        self.limit = limit
    }

    /// The `<svg>` element.
    public func render() -> String {
        let rowHeight = 18.0
        let top = 26.0
        let labelWidth = 220.0
        let right = Double(width) - 90
        let height = Int(top + rowHeight * Double(bars.count) + 24)
        let maxValue = max(bars.compactMap { $0.value?.nanoseconds }.max() ?? 0, limit?.nanoseconds ?? 0, 1)
        func x(_ nanoseconds: Int64) -> Double {
            labelWidth + (right - labelWidth) * Double(nanoseconds) / Double(maxValue)
        }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot bars\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(MarkupText.escape(title))\">\n"
        svg += "<title>\(MarkupText.escape(title))</title>\n"
        svg += "<text x=\"4\" y=\"14\" class=\"plot-title\">\(MarkupText.escape(title))</text>\n"
        for (index, bar) in bars.enumerated() {
            let y = top + rowHeight * Double(index)
            svg +=
                "<text x=\"\(PlotScale.text(labelWidth - 6))\" y=\"\(PlotScale.text(y + 12))\" text-anchor=\"end\">"
                + "\(MarkupText.escape(bar.label))</text>"
            if let value = bar.value {
                let color = bar.failed ? "#d62728" : "#2ca02c"
                let length = max(x(value.nanoseconds) - labelWidth, 1)
                svg +=
                    "<rect x=\"\(PlotScale.text(labelWidth))\" y=\"\(PlotScale.text(y + 3))\" "
                    + "width=\"\(PlotScale.text(length))\" height=\"12\" fill=\"\(color)\"/>"
                svg +=
                    "<text x=\"\(PlotScale.text(labelWidth + length + 4))\" y=\"\(PlotScale.text(y + 13))\">"
                    + "\(PlotScale.timeLabel(value.nanoseconds))</text>\n"
            } else {
                svg += "<text x=\"\(PlotScale.text(labelWidth + 4))\" y=\"\(PlotScale.text(y + 13))\">—</text>\n"
            }
        }
        if let limit {
            let lx = PlotScale.text(x(limit.nanoseconds))
            let bottom = PlotScale.text(top + rowHeight * Double(bars.count))
            svg += "<line class=\"marker\" x1=\"\(lx)\" y1=\"\(PlotScale.text(top))\" x2=\"\(lx)\" y2=\"\(bottom)\"/>"
            svg +=
                "<text x=\"\(lx)\" y=\"\(PlotScale.text(top + rowHeight * Double(bars.count) + 14))\" "
                + "text-anchor=\"middle\">deadline \(PlotScale.timeLabel(limit.nanoseconds))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
