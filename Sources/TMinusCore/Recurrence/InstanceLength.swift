/// The length every instance of a series gets: the first instance's exact duration for timed
/// series (RFC 5545 §3.8.5.3: "the same exact duration"), or its length in days for all-day ones.
enum InstanceLength: Sendable {
    case exact(Duration)
    case days(Int64)

    /// The longest all-day instance accepted (ten years).
    static let maximumDays: Int64 = 3_650

    /// The length of `series`' first instance.
    /// - Throws: ``RecurrenceError/invalidSeries(field:reason:)`` when start and end disagree in kind
    ///   or the end is before the start.
    init(series: RecurrenceSeries) throws(RecurrenceError) {
        switch (series.start, series.end) {
        case (.timed(let start, _), .timed(let end, _)):
            guard end >= start else { throw .invalidSeries(field: "end", reason: "the first instance ends before it starts") }
            self = .exact(end.duration(since: start))
        case (.allDay(let start), .allDay(let end)):
            guard end >= start else { throw .invalidSeries(field: "end", reason: "the first instance ends before it starts") }
            guard end.daysSinceEpoch - start.daysSinceEpoch <= InstanceLength.maximumDays else {
                throw .invalidSeries(field: "end", reason: "an all-day instance may last at most \(InstanceLength.maximumDays) days")
            }
            self = .days(end.daysSinceEpoch - start.daysSinceEpoch)
        default:
            throw .invalidSeries(field: "end", reason: "start and end must both be dates or both be date-times")
        }
    }

    /// The end of an instance that starts at `start`.
    func end(after start: EventDateTime) -> EventDateTime {
        switch (self, start) {
        case (.exact(let duration), .timed(let t, let zone)): return .timed(t.adding(duration), timeZone: zone)
        case (.days(let days), .allDay(let date)): return .allDay(CalendarDate(daysSinceEpoch: date.daysSinceEpoch + days))
        case (.exact(let duration), .allDay(let date)): return .timed(date.startOfDayUTC.adding(duration), timeZone: nil)
        case (.days(let days), .timed(let t, let zone)): return .timed(t.adding(.seconds(days * 86_400)), timeZone: zone)
        }
    }

    /// The earliest start an instance may have and still end after `instant` (one day of slack
    /// for all-day series, whose UTC placement is nominal).
    func earliestStart(overlapping instant: Timestamp) -> Timestamp {
        switch self {
        case .exact(let duration): return instant.saturatingAdding(.zero - duration)
        case .days(let days): return instant.saturatingAdding(.seconds(-(days + 1) * 86_400))
        }
    }
}

extension Timestamp {
    /// The instant `duration` later, clamped to the representable range (windows may be open-ended).
    func saturatingAdding(_ duration: Duration) -> Timestamp {
        let (sum, overflow) = nanosecondsSinceEpoch.addingReportingOverflow(duration.nanoseconds)
        guard overflow else { return Timestamp(nanosecondsSinceEpoch: sum) }
        return Timestamp(nanosecondsSinceEpoch: duration.nanoseconds < 0 ? Int64.min : Int64.max)
    }
}
