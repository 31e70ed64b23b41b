/// Why iCalendar text (RFC 5545) could not be read or interpreted.
///
/// Every case names where the problem is: the physical `line` (1-based, the first line of a folded
/// content line; 0 when the data was built in code rather than parsed), and where it helps the
/// `column` (1-based, counted in Unicode scalars within the unfolded content line) and the property.
/// Reading never crashes on bad input: every defect ends in one of these cases.
public enum ICalendarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The bytes of a content line are not valid UTF-8.
    case invalidUTF8(line: Int)
    /// A content line does not have the shape `NAME *(;PARAM=VALUE) :VALUE`.
    case malformedContentLine(line: Int, column: Int, reason: String)
    /// An `END:` names another component than the one that is open (or none is open).
    case mismatchedEnd(line: Int, expected: String?, found: String)
    /// The text ended while a component was still open.
    case unterminatedComponent(line: Int, component: String)
    /// A property appeared outside any `BEGIN:`/`END:` pair.
    case propertyOutsideComponent(line: Int, property: String)
    /// Components are nested deeper than the reader allows (a guard against hostile input).
    case nestingTooDeep(line: Int, limit: Int)
    /// The text holds no `VCALENDAR` component (or something else at the top level).
    case notACalendar(found: String?)
    /// A required property is missing from a component.
    case missingProperty(line: Int, component: String, property: String)
    /// A property value does not have the form its type requires.
    case invalidValue(line: Int, property: String, value: String, expected: String)
    /// A `TZID` is neither a known time-zone name nor defined by a usable `VTIMEZONE`.
    case unknownTimeZone(line: Int, property: String, tzid: String)
    /// A `VTIMEZONE` uses a rule this reader cannot evaluate.
    case unsupportedTimeZoneRule(line: Int, tzid: String, rule: String)
    /// The recurrence of event `uid` cannot be expanded (bad RRULE, unsupported part, too much work).
    case invalidRecurrence(line: Int, uid: String, reason: String)

    /// The physical line the error points at (0 when unknown).
    public var line: Int {
        switch self {
        case .invalidUTF8(let line), .malformedContentLine(let line, _, _), .mismatchedEnd(let line, _, _),
            .unterminatedComponent(let line, _), .propertyOutsideComponent(let line, _), .nestingTooDeep(let line, _),
            .missingProperty(let line, _, _), .invalidValue(let line, _, _, _), .unknownTimeZone(let line, _, _),
            .unsupportedTimeZoneRule(let line, _, _), .invalidRecurrence(let line, _, _):
            return line
        case .notACalendar:
            return 0
        }
    }

    public var description: String {
        let at = line > 0 ? "line \(line): " : ""
        switch self {
        case .invalidUTF8:
            return at + "the content line is not valid UTF-8; save the file as UTF-8"
        case .malformedContentLine(_, let column, let reason):
            return at + "column \(column): malformed content line: \(reason)"
        case .mismatchedEnd(_, let expected, let found):
            if let expected { return at + "END:\(found) closes \(expected); add END:\(expected) before it" }
            return at + "END:\(found) has no matching BEGIN:\(found)"
        case .unterminatedComponent(_, let component):
            return at + "BEGIN:\(component) is never closed; add END:\(component)"
        case .propertyOutsideComponent(_, let property):
            return at + "property \(property) is outside any component; put it inside BEGIN:VCALENDAR … END:VCALENDAR"
        case .nestingTooDeep(_, let limit):
            return at + "components are nested more than \(limit) deep"
        case .notACalendar(let found):
            return "expected one VCALENDAR component at the top level, found " + (found.map { "BEGIN:\($0)" } ?? "none")
        case .missingProperty(_, let component, let property):
            return at + "\(component) has no \(property) property; it is required"
        case .invalidValue(_, let property, let value, let expected):
            return at + "\(property) value \"\(value)\" is not valid; expected \(expected)"
        case .unknownTimeZone(_, let property, let tzid):
            return at
                + "\(property) uses TZID \"\(tzid)\", which is neither a known time zone nor defined by a VTIMEZONE"
                + " in the same calendar; add the VTIMEZONE or use an IANA name"
        case .unsupportedTimeZoneRule(_, let tzid, let rule):
            return at + "VTIMEZONE \(tzid) uses the rule \"\(rule)\", which cannot be evaluated; "
                + "only yearly rules with BYMONTH and BYDAY/BYMONTHDAY are supported"
        case .invalidRecurrence(_, let uid, let reason):
            return at + "the recurrence of event \(uid) cannot be expanded: \(reason)"
        }
    }
}
