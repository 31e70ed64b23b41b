public import TMinusCore

/// Writes trace lines as bytes: `2026-03-02T08:00:00.000000000Z <component> <event>\n`.
///
/// The time is the virtual wall-clock instant in RFC 3339 (UTC) with nanosecond precision, so a
/// line is exact and sorts as text. The date-and-seconds part is cached per whole second, which
/// keeps formatting to a few byte copies on the hot path. Newlines and carriage returns inside a
/// component or event are escaped as `\n` and `\r`, so one record is always one line.
public struct TraceLineFormatter: Sendable {
    private var cachedSecond = Int64.min
    private var cachedPrefix: [UInt8] = []

    /// Creates a formatter.
    public init() {}

    /// Appends one full line (with its trailing newline) to `buffer`.
    public mutating func appendLine(
        to buffer: inout [UInt8], instant: Timestamp, component: String, event: String
    ) {
        appendTime(to: &buffer, instant: instant)
        buffer.append(0x20)
        TraceLineFormatter.appendEscaped(component, to: &buffer)
        buffer.append(0x20)
        TraceLineFormatter.appendEscaped(event, to: &buffer)
        buffer.append(0x0A)
    }

    /// Appends `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
    public mutating func appendTime(to buffer: inout [UInt8], instant: Timestamp) {
        let nanoseconds = instant.nanosecondsSinceEpoch
        var second = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            second -= 1
            fraction += 1_000_000_000
        }
        if second != cachedSecond {
            cachedSecond = second
            cachedPrefix = TraceLineFormatter.secondPrefix(second)
        }
        buffer.append(contentsOf: cachedPrefix)
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            var value = fraction
            for index in stride(from: 8, through: 0, by: -1) {
                raw[index] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                value /= 10
            }
            buffer.append(contentsOf: raw)
        }
        buffer.append(0x5A)  // "Z"
    }

    /// `YYYY-MM-DDTHH:MM:SS.` for a whole second since the epoch.
    static func secondPrefix(_ second: Int64) -> [UInt8] {
        var days = second / 86_400
        var secondOfDay = second % 86_400
        if secondOfDay < 0 {
            days -= 1
            secondOfDay += 86_400
        }
        let (year, month, day) = CivilTime.date(days: days)
        let text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay % 3600 / 60, 2)):\(pad(secondOfDay % 60, 2))."
        return Array(text.utf8)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        let utf8 = text.utf8
        let needsEscaping = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.contains(0x0A) || bytes.contains(0x0D)
        } ?? utf8.contains { $0 == 0x0A || $0 == 0x0D }
        guard needsEscaping else {
            buffer.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case 0x0A: buffer.append(contentsOf: [0x5C, 0x6E])  // \n
            case 0x0D: buffer.append(contentsOf: [0x5C, 0x72])  // \r
            default: buffer.append(byte)
            }
        }
    }
}
