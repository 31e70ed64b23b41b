import TMinusCore

/// Reads the HTTP `Retry-After` header (RFC 9110 §10.2.3) without a clock.
///
/// Delay-seconds (`Retry-After: 7`) is returned as is. An HTTP-date is converted against the
/// response's own `Date` header, so the wait is in the **server's** time frame and needs no
/// local clock; without a `Date` header a date form yields nil (the caller backs off instead).
public enum RetryAfter: Sendable {
    /// The wait the response asks for, or nil when absent or unreadable.
    public static func duration(in headers: HTTPHeaders) -> Duration? {
        guard let raw = headers["Retry-After"]?.trimmingSpaces, !raw.isEmpty else { return nil }
        if raw.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            guard let seconds = Int64(raw), seconds <= 86_400 * 365 else { return nil }
            return .seconds(seconds)
        }
        guard let target = httpDate(raw), let dateHeader = headers["Date"], let now = httpDate(dateHeader) else {
            return nil
        }
        return .seconds(max(0, target - now))
    }

    /// Seconds since the epoch of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), or nil.
    public static func httpDate(_ text: String) -> Int64? {
        let parts = text.trimmingSpaces.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int64(parts[1]), let year = Int64(parts[3]),
            let month = months.firstIndex(of: String(parts[2])).map({ Int64($0 + 1) })
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, let hour = Int64(clock[0]), let minute = Int64(clock[1]), let second = Int64(clock[2]),
            (1...9999).contains(year), (1...CivilTime.daysInMonth(year: year, month: month)).contains(day),
            (0..<24).contains(hour), (0..<60).contains(minute), (0..<61).contains(second)
        else { return nil }
        return CivilTime.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let bytes = Array(utf8)
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
