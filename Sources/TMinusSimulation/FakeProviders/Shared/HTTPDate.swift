public import TMinusCore

/// The IMF-fixdate form of RFC 9110 §5.6.7 (`Tue, 19 Nov 2013 01:13:52 GMT`): the HTTP `Date`
/// header every fake stamps from its own clock, and Google's `X-Goog-Channel-Expiration`.
public enum HTTPDate: Sendable {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The instant (whole seconds, floor) in IMF-fixdate, e.g. "Thu, 01 Jan 1970 00:00:00 GMT".
    /// Written byte by byte into the string's storage: every fake response carries one.
    public static func format(_ instant: Timestamp) -> String {
        let seconds = instant.secondsSinceEpoch
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilTime.date(days: days)
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        let monthName = months[Int(month) - 1]
        guard (0...9999).contains(year) else {  // outside IMF-fixdate's four digits: spelled out
            return "\(weekday), \(two(day)) \(monthName) \(year) "
                + "\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60)) GMT"
        }
        return String(unsafeUninitializedCapacity: 29) { buffer in
            var index = 0
            func put(_ text: String) { for byte in text.utf8 { buffer[index] = byte; index += 1 } }
            func digits(_ value: Int64, _ count: Int) {
                var divisor: Int64 = 1
                for _ in 1..<count { divisor *= 10 }
                while divisor > 0 {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value / divisor % 10)
                    index += 1
                    divisor /= 10
                }
            }
            put(weekday)
            put(", ")
            digits(Int64(day), 2)
            put(" ")
            put(monthName)
            put(" ")
            digits(Int64(year), 4)
            put(" ")
            digits(secondOfDay / 3600, 2)
            put(":")
            digits(secondOfDay % 3600 / 60, 2)
            put(":")
            digits(secondOfDay % 60, 2)
            put(" GMT")
            return index
        }
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
