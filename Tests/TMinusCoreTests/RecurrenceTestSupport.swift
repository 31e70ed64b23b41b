import TMinusCore

/// Builders and readers shared by the recurrence tests. Local readings are computed with
/// `TimeZoneNames.offsetSeconds`, independently of the expander's own zone code.
enum RecurrenceTestSupport {
    static let newYork = "America/New_York"
    static let berlin = "Europe/Berlin"

    /// The instant of a UTC reading `YYYY-MM-DD HH:MM`.
    static func utc(_ text: String) -> Timestamp {
        let date = CalendarDate(iso: text.prefix(10))!
        let hour = Int64(text.dropFirst(11).prefix(2))!
        let minute = Int64(text.dropFirst(14).prefix(2))!
        return Timestamp(secondsSinceEpoch: date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60)
    }

    /// A timed start given as its UTC instant, in `zone`.
    static func timed(_ utcText: String, in zone: String) -> EventDateTime { .timed(utc(utcText), timeZone: zone) }

    /// A timed start given as a local wall-clock reading that is not near a DST change.
    static func local(_ text: String, in zone: String) -> EventDateTime {
        try! EventDateTime.parse(dateTime: text.replacingSpace() + ":00", date: nil, timeZone: zone, field: "test")
    }

    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    /// The local reading `YYYY-MM-DD HH:MM` of an instant in `zone`.
    static func reading(_ value: EventDateTime, in zone: String) -> String {
        let instant = value.instant
        let local = instant.secondsSinceEpoch + TimeZoneNames.offsetSeconds(of: zone, at: instant)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let sod = local - days * 86_400
        return CivilTime.isoDate(days: days) + " " + two(sod / 3600) + ":" + two(sod % 3600 / 60)
    }

    /// The local dates of instances in `zone`.
    static func localDates(_ instances: [RecurrenceInstance], in zone: String) -> [String] {
        instances.map { String(reading($0.start, in: zone).prefix(10)) }
    }

    /// Dates `YYYY-MM-DD` of `days` in one month.
    static func dates(_ year: Int, _ month: Int, _ days: [Int]) -> [String] {
        days.map { CivilTime.isoDate(days: CivilTime.days(year: Int64(year), month: Int64(month), day: Int64($0))) }
    }

    /// Expands one rule text from a start in `zone` within `[from, to)` (dates `YYYY-MM-DD`, UTC midnight).
    static func expand(
        _ rule: String, start: EventDateTime, length: Duration = .seconds(3600), from: String, to: String,
        exceptionDates: [EventDateTime] = [], overrides: [RecurrenceOverride] = []
    ) throws -> [RecurrenceInstance] {
        let end: EventDateTime
        switch start {
        case .timed(let t, let zone): end = .timed(t.adding(length), timeZone: zone)
        case .allDay(let d): end = .allDay(d.next)
        }
        let series = RecurrenceSeries(
            start: start, end: end, rules: [try RecurrenceRule(parsing: rule)], exceptionDates: exceptionDates,
            overrides: overrides)
        return try RecurrenceExpander().instances(of: series, from: day(from).startOfDayUTC, to: day(to).startOfDayUTC)
    }

    private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension String {
    fileprivate func replacingSpace() -> String { String(map { $0 == " " ? "T" : $0 }) }
}
