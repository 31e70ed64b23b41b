public import TMinusCore

/// A DATE or DATE-TIME value as iCalendar writes it (RFC 5545 §3.3.4–3.3.5), before any zone is applied.
///
/// The four forms stay distinct so nothing is lost: an all-day date, a UTC time (`…Z`), a local
/// time with a `TZID`, and a floating time (no zone at all — the same wall clock everywhere).
/// ``ICalendarTimeZones`` turns one into an instant.
public enum ICalendarDateTime: Hashable, Sendable, CustomStringConvertible {
    /// `VALUE=DATE` (`20260702`): a whole day.
    case date(CalendarDate)
    /// `20260702T070000Z`: an exact instant.
    case utc(Timestamp)
    /// `TZID=Europe/Berlin:20260702T090000`: a wall-clock reading in a named zone.
    case zoned(ICalendarLocalDateTime, tzid: String)
    /// `20260702T090000` without `Z` or `TZID`: floating time.
    case floating(ICalendarLocalDateTime)

    /// True for the DATE form.
    public var isDate: Bool { if case .date = self { return true } else { return false } }

    /// True for floating times.
    public var isFloating: Bool { if case .floating = self { return true } else { return false } }

    /// The TZID, for zoned values.
    public var tzid: String? { if case .zoned(_, let tzid) = self { return tzid } else { return nil } }

    /// The wall-clock reading (UTC values read in UTC, dates at midnight).
    public var local: ICalendarLocalDateTime {
        switch self {
        case .date(let date): return ICalendarLocalDateTime(date: date)
        case .utc(let instant): return ICalendarLocalDateTime(wallSeconds: instant.secondsSinceEpoch)
        case .zoned(let local, _), .floating(let local): return local
        }
    }

    /// The value text as written after the colon (`20260702`, `20260702T070000Z`, `20260702T090000`).
    public var valueText: String {
        switch self {
        case .date(let date): return date.iCalendarBasic
        case .utc(let instant): return ICalendarLocalDateTime(wallSeconds: instant.secondsSinceEpoch).basicFormat + "Z"
        case .zoned(let local, _), .floating(let local): return local.basicFormat
        }
    }

    /// The same kind of value moved to another wall-clock reading (a date stays a date).
    public func withLocal(_ local: ICalendarLocalDateTime) -> ICalendarDateTime {
        switch self {
        case .date: return .date(local.date)
        case .utc: return .utc(local.asUTC)
        case .zoned(_, let tzid): return .zoned(local, tzid: tzid)
        case .floating: return .floating(local)
        }
    }

    public var description: String {
        switch self {
        case .date(let date): return date.description
        case .utc(let instant): return instant.description
        case .zoned(let local, let tzid): return "\(local) [\(tzid)]"
        case .floating(let local): return "\(local) (floating)"
        }
    }

    /// A property carrying this value: `VALUE=DATE` for dates, `TZID=` for zoned times.
    public func property(named name: String) -> ICalendarProperty {
        switch self {
        case .date:
            return ICalendarProperty(
                name: name, parameters: [ICalendarParameter(name: "VALUE", value: "DATE")], value: valueText)
        case .zoned(_, let tzid):
            return ICalendarProperty(
                name: name, parameters: [ICalendarParameter(name: "TZID", value: tzid)], value: valueText)
        case .utc, .floating: return ICalendarProperty(name: name, value: valueText)
        }
    }

    /// Reads the value of a DATE or DATE-TIME property (`DTSTART`, `RECURRENCE-ID`, …), honouring
    /// `VALUE=DATE` and `TZID`.
    public static func parse(_ property: ICalendarProperty) throws(ICalendarError) -> ICalendarDateTime {
        guard let value = parse(text: Substring(property.value), tzid: property.parameter("TZID")) else {
            throw .invalidValue(
                line: property.line, property: property.name, value: property.value,
                expected: "a DATE like 20260702 or a DATE-TIME like 20260702T090000 (Z for UTC)")
        }
        if property.parameter("VALUE").map(ICalendarName.key) == "DATE", !value.isDate {
            throw .invalidValue(
                line: property.line, property: property.name, value: property.value,
                expected: "a DATE like 20260702 (VALUE=DATE)")
        }
        return value
    }

    /// Reads every value of a list property (`EXDATE:a,b`), all properties of that name together.
    public static func parseList(_ properties: [ICalendarProperty]) throws(ICalendarError) -> [ICalendarDateTime] {
        var values: [ICalendarDateTime] = []
        for property in properties {
            if let kind = property.parameter("VALUE").map(ICalendarName.key), kind == "PERIOD" {
                throw .invalidValue(
                    line: property.line, property: property.name, value: property.value,
                    expected: "dates or date-times (PERIOD is not supported)")
            }
            for part in property.value.split(separator: ",") {
                guard let value = parse(text: part, tzid: property.parameter("TZID")) else {
                    throw .invalidValue(
                        line: property.line, property: property.name, value: String(part),
                        expected: "a DATE like 20260702 or a DATE-TIME like 20260702T090000 (Z for UTC)")
                }
                values.append(value)
            }
        }
        return values
    }

    /// Parses the text of one value; a `TZID` applies to local times only (a `Z` value stays UTC).
    public static func parse(text: Substring, tzid: String?) -> ICalendarDateTime? {
        if text.utf8.count == 8 {
            return CalendarDate(iso: text).map(ICalendarDateTime.date)
        }
        if text.utf8.count == 16, text.last == "Z" || text.last == "z" {
            return ICalendarLocalDateTime.parse(basic: text.dropLast()).map { .utc($0.asUTC) }
        }
        guard let local = ICalendarLocalDateTime.parse(basic: text) else { return nil }
        if let tzid, !tzid.isEmpty { return .zoned(local, tzid: tzid) }
        return .floating(local)
    }
}
