/// Why a recurrence rule, recurrence property or series could not be used.
///
/// Every case names the RRULE part or series field at fault (``part``), so a caller can report
/// "which part, what was wrong" and skip or flag the event instead of crashing or guessing.
public enum RecurrenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rule has no `FREQ` part.
    case missingFrequency
    /// A part RFC 5545 defines but this implementation does not expand (e.g. `BYHOUR`, `FREQ=HOURLY`).
    case unsupportedPart(part: String, value: String)
    /// A part (or recurrence property) that RFC 5545 does not define.
    case unknownPart(part: String)
    /// A part whose value is malformed or out of range; `expected` says what is accepted.
    case invalidValue(part: String, value: String, expected: String)
    /// A part given twice (RFC 5545: each part MUST NOT occur more than once).
    case duplicatePart(part: String)
    /// Both `COUNT` and `UNTIL` were given (RFC 5545: they MUST NOT occur in the same rule).
    case countWithUntil
    /// Expansion examined more than `limit` candidate dates: the rule, window or COUNT is too large.
    case candidateLimitExceeded(limit: Int)
    /// A time-zone name that neither the IANA database nor the Windows-name table knows.
    case unknownTimeZone(name: String)
    /// The series itself is inconsistent (e.g. an all-day start with a timed end).
    case invalidSeries(field: String, reason: String)

    /// The RRULE part, property or series field the error is about.
    public var part: String {
        switch self {
        case .missingFrequency: return "FREQ"
        case .unsupportedPart(let part, _), .unknownPart(let part), .invalidValue(let part, _, _),
            .duplicatePart(let part):
            return part
        case .countWithUntil: return "COUNT"
        case .candidateLimitExceeded: return "limit"
        case .unknownTimeZone: return "TZID"
        case .invalidSeries(let field, _): return field
        }
    }

    public var description: String {
        switch self {
        case .missingFrequency:
            return "recurrence rule has no FREQ part; add FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"
        case .unsupportedPart(let part, let value):
            return "recurrence rule part \(part)=\(ModelError.clip(value)) is not supported; supported are FREQ "
                + "DAILY/WEEKLY/MONTHLY/YEARLY, INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, BYSETPOS, WKST"
        case .unknownPart(let part):
            return "recurrence rule part '\(ModelError.clip(part))' is not defined by RFC 5545; remove it"
        case .invalidValue(let part, let value, let expected):
            return "recurrence rule part \(part) has invalid value \"\(ModelError.clip(value))\": expected \(expected)"
        case .duplicatePart(let part):
            return "recurrence rule part \(part) appears more than once; give it once"
        case .countWithUntil:
            return "recurrence rule has both COUNT and UNTIL; RFC 5545 allows at most one of them"
        case .candidateLimitExceeded(let limit):
            return "recurrence expansion examined more than \(limit) candidate dates; narrow the window "
                + "or check the rule for a pattern that never (or too often) matches"
        case .unknownTimeZone(let name):
            return "time zone '\(ModelError.clip(name))' is not known; use an IANA name such as Europe/Berlin"
        case .invalidSeries(let field, let reason):
            return "recurring series field '\(field)' is invalid: \(reason)"
        }
    }
}
