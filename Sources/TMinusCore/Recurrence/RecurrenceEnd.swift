/// When a recurrence rule stops: never, after a number of occurrences, or at an inclusive bound.
///
/// Having one value for both makes "COUNT and UNTIL together" unrepresentable; the parser reports
/// that input as ``RecurrenceError/countWithUntil``.
public enum RecurrenceEnd: Hashable, Sendable {
    /// The rule repeats forever (expansion is bounded by the caller's window).
    case never
    /// The rule yields this many occurrences, DTSTART counted as the first (RRULE `COUNT`).
    case count(Int)
    /// The rule yields occurrences that start at or before this bound (RRULE `UNTIL`).
    case until(RecurrenceUntil)
}

/// The inclusive bound of an RRULE `UNTIL` part, in the three forms RFC 5545 allows.
///
/// - `date` (`UNTIL=20260601`): occurrences whose local date is on or before the date.
/// - `instant` (`UNTIL=20260601T000000Z`): occurrences starting at or before the UTC instant.
/// - `floating` (`UNTIL=20260601T090000`, for floating DTSTARTs): occurrences whose local
///   wall-clock start is at or before this reading, stored as if it were UTC.
public enum RecurrenceUntil: Hashable, Sendable, CustomStringConvertible {
    case date(CalendarDate)
    case instant(Timestamp)
    case floating(localAsUTC: Timestamp)

    /// Parses `YYYYMMDD`, `YYYYMMDDTHHMMSSZ` or `YYYYMMDDTHHMMSS`; nil for anything else.
    public init?(text: some StringProtocol) {
        switch ICalendarText.parse(Substring(text)) {
        case .date(let date): self = .date(date)
        case .utc(let instant): self = .instant(instant)
        case .local(let local): self = .floating(localAsUTC: local)
        case nil: return nil
        }
    }

    /// The iCalendar spelling (`20260601`, `20260601T000000Z`, `20260601T090000`).
    public var description: String {
        switch self {
        case .date(let date): return ICalendarText.basicDate(date.daysSinceEpoch)
        case .instant(let t): return ICalendarText.basicDateTime(t) + "Z"
        case .floating(let local): return ICalendarText.basicDateTime(local)
        }
    }
}
