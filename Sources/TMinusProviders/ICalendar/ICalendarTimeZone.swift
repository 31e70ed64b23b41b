public import TMinusCore

/// A time zone defined by a `VTIMEZONE` component's own rules, for TZIDs the tz database does not
/// know (`Custom Zone`, Outlook's `(UTC+01:00) Amsterdam, Berlin…`).
///
/// Each STANDARD/DAYLIGHT observance contributes onsets: its DTSTART, its RDATEs, and the dates its
/// yearly RRULE generates (BYMONTH with BYDAY such as `-1SU` or `2SU`, optionally BYMONTHDAY;
/// UNTIL and COUNT honoured). The offset at an instant is the `TZOFFSETTO` of the latest onset at
/// or before it; before the first onset it is that observance's `TZOFFSETFROM`.
public struct ICalendarTimeZone: Hashable, Sendable {
    /// One STANDARD or DAYLIGHT sub-component.
    public struct Observance: Hashable, Sendable {
        public var isDaylight: Bool
        /// The first onset, in the local time in force *before* it (RFC 5545 §3.6.5).
        public var start: ICalendarLocalDateTime
        public var offsetFrom: Int64
        public var offsetTo: Int64
        public var rule: ICalendarYearlyRule?
        public var extraOnsets: [ICalendarLocalDateTime]
    }

    /// The TZID as written.
    public var tzid: String
    /// The observances, in the order they were written.
    public var observances: [Observance]

    /// Reads a `VTIMEZONE` component.
    /// - Throws: ``ICalendarError`` for a missing TZID/offset, a malformed value or an unsupported rule.
    public init(_ component: ICalendarComponent) throws(ICalendarError) {
        guard let tzid = component.property("TZID")?.value, !tzid.isEmpty else {
            throw .missingProperty(line: component.line, component: component.name, property: "TZID")
        }
        self.tzid = tzid
        observances = []
        for child in component.components where child.key == "STANDARD" || child.key == "DAYLIGHT" {
            observances.append(try Self.observance(child, tzid: tzid))
        }
        guard !observances.isEmpty else {
            throw .missingProperty(
                line: component.line, component: "VTIMEZONE \(tzid)", property: "STANDARD or DAYLIGHT")
        }
    }

    private static func observance(_ child: ICalendarComponent, tzid: String) throws(ICalendarError) -> Observance {
        func required(_ name: String) throws(ICalendarError) -> ICalendarProperty {
            guard let property = child.property(name) else {
                throw .missingProperty(line: child.line, component: "\(child.name) of \(tzid)", property: name)
            }
            return property
        }
        let startProperty = try required("DTSTART")
        let start = try ICalendarDateTime.parse(startProperty).local
        let from = try offset(try required("TZOFFSETFROM"))
        let to = try offset(try required("TZOFFSETTO"))
        var rule: ICalendarYearlyRule?
        if let ruleProperty = child.property("RRULE") {
            guard let parsed = ICalendarYearlyRule(ruleProperty.value, start: start) else {
                throw .unsupportedTimeZoneRule(line: ruleProperty.line, tzid: tzid, rule: ruleProperty.value)
            }
            rule = parsed
        }
        let extra = try ICalendarDateTime.parseList(child.properties("RDATE")).map(\.local)
        return Observance(
            isDaylight: child.key == "DAYLIGHT", start: start, offsetFrom: from, offsetTo: to, rule: rule,
            extraOnsets: extra)
    }

    /// Parses a UTC offset `+0100`, `-0530` or `+013045` into seconds east of UTC.
    static func offset(_ property: ICalendarProperty) throws(ICalendarError) -> Int64 {
        let bytes = Array(property.value.utf8)
        guard bytes.count == 5 || bytes.count == 7, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-"),
            let hours = ICalendarLocalDateTime.digits(bytes[1..<3]),
            let minutes = ICalendarLocalDateTime.digits(bytes[3..<5]),
            hours < 24, minutes < 60
        else {
            throw .invalidValue(
                line: property.line, property: property.name, value: property.value,
                expected: "a UTC offset like +0100 or -0530")
        }
        var seconds = hours * 3600 + minutes * 60
        if bytes.count == 7 {
            guard let extra = ICalendarLocalDateTime.digits(bytes[5..<7]), extra < 60 else {
                throw .invalidValue(
                    line: property.line, property: property.name, value: property.value,
                    expected: "a UTC offset like +0100")
            }
            seconds += extra
        }
        return bytes[0] == UInt8(ascii: "-") ? -seconds : seconds
    }

    /// Seconds east of UTC in force at `instant`.
    public func offsetSeconds(at instant: Timestamp) -> Int64 {
        let seconds = instant.secondsSinceEpoch
        let year = CivilTime.date(days: ICalendarLocalDateTime.floorDivide(seconds, 86_400)).year
        var best: (onset: Int64, offset: Int64)?
        for observance in observances {
            for local in onsets(of: observance, near: year) {
                let onset = local.wallSeconds - observance.offsetFrom
                if onset <= seconds, best.map({ onset > $0.onset }) ?? true { best = (onset, observance.offsetTo) }
            }
        }
        if let best { return best.offset }
        let earliest = observances.min { $0.start < $1.start }
        return earliest?.offsetFrom ?? 0
    }

    /// The instant of a wall-clock reading in this zone (RFC 5545 §3.3.5: a time in a DST gap is
    /// read with the offset before the gap, a repeated time means its first occurrence).
    public func utcInstant(forLocal local: ICalendarLocalDateTime) -> Timestamp {
        ICalendarLocalResolution.instant(of: local) { offsetSeconds(at: Timestamp(secondsSinceEpoch: $0)) }
    }

    /// Onsets of one observance that can matter for an instant in `year`: its DTSTART, RDATEs, and
    /// rule dates in that year, the year before, and the last two years the rule ran.
    private func onsets(of observance: Observance, near year: Int64) -> [ICalendarLocalDateTime] {
        var result = [observance.start] + observance.extraOnsets
        guard let rule = observance.rule else { return result }
        var years: [Int64] = [year - 1, year]
        if let last = rule.lastYear(offsetFrom: observance.offsetFrom), last < year { years += [last - 1, last] }
        for candidateYear in years {
            result += rule.onsets(in: candidateYear, offsetFrom: observance.offsetFrom)
        }
        return result
    }
}
