public import TMinusCore

/// The IMF-fixdate form of RFC 9110 §5.6.7 (`Tue, 19 Nov 2013 01:13:52 GMT`): the HTTP `Date`
/// header every fake stamps from its own clock, and Google's `X-Goog-Channel-Expiration`.
public enum HTTPDate: Sendable {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The instant (whole seconds, floor) in IMF-fixdate.
    public static func format(_ instant: Timestamp) -> String {
        let seconds = instant.secondsSinceEpoch
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilTime.date(days: days)
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        return "\(weekday), \(two(day)) \(months[Int(month) - 1]) \(year) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60)):\(two(secondOfDay % 60)) GMT"
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
