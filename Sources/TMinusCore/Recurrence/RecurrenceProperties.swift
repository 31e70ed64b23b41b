/// The recurrence properties of one event, read from iCalendar content lines: RRULE, RDATE, EXDATE.
///
/// Accepts the shapes Google's `recurrence` list and CalDAV VEVENTs use: `RRULE:FREQ=…`,
/// `EXDATE;TZID=Europe/Berlin:20260302T090000,20260309T090000`, `EXDATE:20260302T080000Z`,
/// `RDATE;VALUE=DATE:20260305`. Property names and parameters are case-insensitive; folded lines
/// must be unfolded by the caller. Local date-times are resolved in their TZID (RFC 5545 §3.3.5 for
/// gaps and overlaps), floating ones in the series' zone.
public struct RecurrenceProperties: Hashable, Sendable {
    /// The RRULEs in input order.
    public var rules: [RecurrenceRule]
    /// RDATE values in input order.
    public var additionalDates: [EventDateTime]
    /// EXDATE values in input order.
    public var exceptionDates: [EventDateTime]

    /// Creates the value from parts.
    public init(rules: [RecurrenceRule] = [], additionalDates: [EventDateTime] = [], exceptionDates: [EventDateTime] = []) {
        self.rules = rules
        self.additionalDates = additionalDates
        self.exceptionDates = exceptionDates
    }

    /// Parses content lines; `defaultTimeZone` is the series' zone, used for floating date-times.
    /// - Throws: ``RecurrenceError`` — `unsupportedPart` for EXRULE or `VALUE=PERIOD`,
    ///   `unknownPart` for any other property, `invalidValue` for a malformed date, and rule errors.
    public init(lines: [String], defaultTimeZone: String?) throws(RecurrenceError) {
        self.init()
        for line in lines {
            let text = line.trimmingContentWhitespace
            guard let colon = text.firstIndex(of: ":") else {
                throw .invalidValue(part: String(text), value: "", expected: "a content line NAME[;PARAM=VALUE]:VALUE")
            }
            var head = text[..<colon].split(separator: ";", omittingEmptySubsequences: true).makeIterator()
            let name = head.next().map { $0.uppercased() } ?? ""
            let value = text[text.index(after: colon)...]
            switch name {
            case "RRULE": rules.append(try RecurrenceRule(parsing: String(value)))
            case "RDATE", "EXDATE":
                let dates = try RecurrenceProperties.dates(name, value, parameters: Array(head), defaultZone: defaultTimeZone)
                if name == "RDATE" { additionalDates += dates } else { exceptionDates += dates }
            case "EXRULE": throw .unsupportedPart(part: "EXRULE", value: String(value))
            default: throw .unknownPart(part: name)
            }
        }
    }

    private static func dates(
        _ property: String, _ value: Substring, parameters: [Substring], defaultZone: String?
    ) throws(RecurrenceError) -> [EventDateTime] {
        var zoneName: String?
        for parameter in parameters {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            let key = pair.first?.uppercased() ?? ""
            let argument = pair.count == 2 ? String(pair[1]).filter { $0 != "\"" } : ""
            if key == "TZID" { zoneName = argument }
            if key == "VALUE", argument.uppercased() == "PERIOD" { throw .unsupportedPart(part: property, value: "VALUE=PERIOD") }
        }
        let zone = try ZoneOffsets(named: zoneName ?? defaultZone ?? "UTC")
        var result: [EventDateTime] = []
        for item in value.split(separator: ",", omittingEmptySubsequences: true) {
            switch ICalendarText.parse(item) {
            case .date(let date): result.append(.allDay(date))
            case .utc(let instant): result.append(.timed(instant, timeZone: defaultZone))
            case .local(let local): result.append(.timed(zone.instant(forLocal: local), timeZone: zone.name))
            case nil:
                throw .invalidValue(
                    part: property, value: String(item), expected: "a date (20260302) or date-time (20260302T090000[Z])")
            }
        }
        return result
    }

    /// The properties as content lines: RRULE lines, then one RDATE and one EXDATE line per value
    /// (`…:20260302T080000Z` for timed values in UTC, `…;VALUE=DATE:20260302` for dates).
    public var lines: [String] {
        rules.map(\.propertyLine) + additionalDates.map { RecurrenceProperties.line("RDATE", $0) }
            + exceptionDates.map { RecurrenceProperties.line("EXDATE", $0) }
    }

    private static func line(_ name: String, _ value: EventDateTime) -> String {
        switch value {
        case .timed(let t, _): return "\(name):\(ICalendarText.basicDateTime(t))Z"
        case .allDay(let date): return "\(name);VALUE=DATE:\(ICalendarText.basicDate(date.daysSinceEpoch))"
        }
    }
}
